/**
 * How a catalogue image is made from its definition: a base layer, one layer per step, a config, history; the image
 * ID is the digest of its config, the manifest list's digest derives from the repository and first tag.
 */
import { digestOf } from './digest';
import { DEFAULT_PATH, layer, layers } from './catalogLayers';
import type { Arch, HistoryEntry, ImageConfig, ImageRecord } from './types';

export interface StepDef {
  key: string;
  size: number;
  createdBy: string;
  files?: Record<string, string>;
  dirs?: string[];
}

export interface ImageDef {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repo: string;
  tags: string[];
  archs: Arch[];
  created: string;
  base: (arch: Arch) => string;
  baseCreatedBy?: string;
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

/** Registers a definition under each of its tags. */
export function define(def: ImageDef): void {
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
