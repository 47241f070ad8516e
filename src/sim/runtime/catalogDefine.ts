/**
 * The one generator of the catalogue's defined images. Each repository is a table, one row per release or variant
 * (its tags, build date, base, sizes), and a builder that turns a row into the image's steps, config and history;
 * {@link defineRepository} makes every row an image: a base layer, one layer per step, a config, history. The image
 * ID is the digest of its config, the manifest list's digest derives from the repository and first tag.
 */
import { digestOf } from './digest';
import { DEFAULT_PATH, layer, layers, rootfs } from './catalogLayers';
import type { Arch, HistoryEntry, ImageConfig, ImageRecord } from './types';

/** One layer over the base: its key (with the architecture, its digest), size, history line and content. */
export interface StepDef {
  key: string;
  size: number;
  createdBy: string;
  files?: Record<string, string>;
  dirs?: string[];
}

/** A whole image as the generator makes it (from a table row, or derived from one for an unlisted tag). */
export interface ImageDef {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repo: string;
  tags: string[];
  archs: Arch[];
  created: string;
  base: (arch: Arch) => string;
  steps: StepDef[];
  config: Partial<ImageConfig>;
  /** Config-only history lines (ENV, EXPOSE, CMD…) shown by `docker history`. */
  meta?: string[];
  /** The release this definition builds, when its tags do not name it (`mysql:8.0` is 8.0.40). */
  version?: string;
}

export interface CatalogEntry {
  repo: string;
  tag: string;
  /** Digest of the manifest list (what `docker pull` prints as Digest). */
  digest: string;
  variants: Partial<Record<Arch, ImageRecord>>;
}

export const entries = new Map<string, CatalogEntry>();
export const repos = new Set<string>();

export function configDigestInput(rec: Omit<ImageRecord, 'id'>): string {
  return JSON.stringify([rec.architecture, rec.config, rec.layers, rec.created]);
}

/** Computes an image ID from its config (the ID is the digest of the config JSON, as in Docker). */
export function imageIdFor(rec: Omit<ImageRecord, 'id'>): string {
  return digestOf(`config|${configDigestInput(rec)}`);
}

/** Every definition by repository: the templates the generator derives unlisted releases from. */
export const templates = new Map<string, ImageDef[]>();

/** One row of a repository's table: a release or variant of its image, under its tags. */
export interface ImageRow {
  /** Space-separated tags; the first names the manifest list's digest. */
  tags: string;
  created: string;
  /** The base root filesystem, as {@link rootfs} reads it (`debian bookworm-slim 74.8`); else the builder's. */
  base?: string;
  /** The release, when its tags and Env do not name it (`mysql:8.0` is 8.0.40). */
  version?: string;
  /** Default: amd64 and arm64. */
  archs?: Arch[];
}

/** A row naming its release and the size of its install layer (most repositories' tables). */
export interface ReleaseRow extends ImageRow {
  version: string;
  /** Uncompressed size of the install layer, MB. */
  mb: number;
}

/** What a repository's builder makes of one row. */
export interface ImageBody {
  steps?: StepDef[];
  config: Partial<ImageConfig>;
  /** Config-only history lines (ENV, EXPOSE, CMD…) shown by `docker history`. */
  meta: string[];
  /** A base layer of the image's own (the pause binary, Oracle Linux), for rows that name none. */
  base?: (arch: Arch) => string;
}

/** A repository: its table of releases and the builder of one release's image. */
export interface Repository<R extends ImageRow> {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repo: string;
  rows: readonly R[];
  image: (row: R) => ImageBody;
}

/** Turns every row of a repository's table into an image, registered under each of its tags. */
export function defineRepository<R extends ImageRow>(r: Repository<R>): void {
  for (const row of r.rows) {
    const body = r.image(row);
    const spec = row.base;
    define({
      repo: r.repo,
      tags: row.tags.split(' '),
      archs: row.archs ?? BOTH,
      created: row.created,
      base: body.base ?? ((a) => rootfs(spec!, a)),
      steps: body.steps ?? [],
      config: body.config,
      meta: body.meta,
      ...(row.version ? { version: row.version } : {}),
    });
  }
}

/** Registers a definition under each of its tags. */
function define(def: ImageDef): void {
  repos.add(def.repo);
  const list = templates.get(def.repo);
  if (list) list.push(def);
  else templates.set(def.repo, [def]);
  const variants = makeVariants(def);
  for (const tag of def.tags) {
    entries.set(`${def.repo}:${tag}`, {
      repo: def.repo,
      tag,
      digest: digestOf(`index|${def.repo}|${def.tags[0]}`),
      variants,
    });
  }
}

/** The image of each architecture a definition names: base layer, step layers, config, history, ID. */
export function makeVariants(def: ImageDef): Partial<Record<Arch, ImageRecord>> {
  const variants: Partial<Record<Arch, ImageRecord>> = {};
  for (const arch of def.archs) {
    const baseDigest = def.base(arch);
    const baseLayer = layers.get(baseDigest)!;
    const stack = [baseDigest];
    const history: HistoryEntry[] = [{ created: def.created, createdBy: baseLayer.createdBy }];
    for (const s of def.steps) {
      stack.push(
        layer(s.key, arch, {
          size: s.size,
          createdBy: s.createdBy,
          files: s.files ?? {},
          dirs: s.dirs ?? [],
        }),
      );
      history.push({ created: def.created, createdBy: s.createdBy });
    }
    for (const m of def.meta ?? []) history.push({ created: def.created, createdBy: m, emptyLayer: true });
    const config: ImageConfig = {
      User: '',
      Env: [`PATH=${DEFAULT_PATH}`],
      WorkingDir: '',
      ...def.config,
    };
    const rec: Omit<ImageRecord, 'id'> = {
      architecture: arch,
      os: 'linux',
      created: def.created,
      config,
      layers: stack,
      history,
    };
    variants[arch] = { id: imageIdFor(rec), ...rec };
  }
  return variants;
}

export const BOTH: Arch[] = ['amd64', 'arm64'];
export const AMD64: Arch[] = ['amd64'];
