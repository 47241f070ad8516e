/**
 * The registry's catalog: the images Kubelab knows, as a Docker Hub-like registry would serve them. Layers are
 * content-addressed (deterministic digests derived from names) and shared: every image on Debian bookworm-slim
 * stores that base once, nginx:alpine shares Alpine's rootfs with alpine. Sizes are the real images'
 * uncompressed sizes, rounded; configs follow the real images (ENTRYPOINT, CMD, Env, ExposedPorts…).
 */
import './catalogOs';
import './catalogServers';
import './catalogLanguages';
import './catalogTutorials';
import './catalogServices';
import './catalogRegistry';
import { layers } from './catalogLayers';
import { entries, repos, type CatalogEntry } from './catalogDefine';
import { generatedEntry, generatedImageById } from './catalogGenerate';
import { hasTagTable, resolveTag } from './catalogTags';
import { parseImageRef } from './imageRef';
import type { ImageRecord, LayerData } from './types';

export { DEFAULT_PATH } from './catalogLayers';
export { imageIdFor, type CatalogEntry } from './catalogDefine';

/** A static layer by digest (catalog layers only; built layers live in the runtime's state). */
export function catalogLayer(digest: string): LayerData | undefined {
  return layers.get(digest);
}

/** The catalog entry for a normalised `repo:tag`. */
export function catalogEntry(repo: string, tag: string): CatalogEntry | undefined {
  return entries.get(`${repo}:${tag}`) ?? generatedEntry(repo, tag);
}

/** Whether the registry holds this repository at all (any tag). */
export function catalogHasRepo(repo: string): boolean {
  return repos.has(repo) || hasTagTable(repo);
}

/** Every repository:tag the catalogue defines outright, sorted (tags derived from the tag tables are not listed). */
export function catalogList(): CatalogEntry[] {
  return [...entries.values()].sort((a, b) => (a.repo + ':' + a.tag).localeCompare(b.repo + ':' + b.tag));
}

/** Every static image record by ID (for resolving image IDs back to records). */
export function catalogImageById(id: string): ImageRecord | undefined {
  if (!byId.size)
    for (const e of entries.values()) for (const v of Object.values(e.variants)) if (v) byId.set(v.id, v);
  return byId.get(id) ?? generatedImageById(id);
}

const byId = new Map<string, ImageRecord>();

/**
 * Where an image reference stands against the catalogue, for the studio to tell a learner when an image is beyond
 * what the simulator knows (kubectl and docker print only what the real tools print):
 * - `defined`: a catalogue definition (modelled behaviour, real config);
 * - `derived`: a real published tag of a catalogued repository, made from the tag tables (`version`, `suffix`);
 * - `unknown-tag`: the repository is catalogued but never published this tag (pulls fail with "not found");
 * - `unknown-repo`: a repository the catalogue does not hold (pulls fail with "pull access denied"), unless the
 *   learner pushed it to the simulated registry (the runtime's `st.registry`; pass `pushed` to count those);
 * - `invalid`: not a valid reference (`InvalidImageName`), with the parser's message.
 */
export type CatalogStatus =
  | { kind: 'defined'; repo: string; tag: string }
  | { kind: 'derived'; repo: string; tag: string; version: string; suffix: string }
  | { kind: 'pushed'; repo: string; tag: string }
  | { kind: 'unknown-tag'; repo: string; tag: string }
  | { kind: 'unknown-repo'; repo: string; tag: string }
  | { kind: 'invalid'; message: string };

/** {@link CatalogStatus} of a reference as a learner wrote it (`nginx:1.25.3`, `Nginx`, `myorg/app:1`). */
export function catalogStatus(text: string, pushed?: (repoTag: string) => boolean): CatalogStatus {
  const p = parseImageRef(text);
  if (!p.ok) return { kind: 'invalid', message: p.message };
  const { repo, tag } = p.ref;
  if (pushed?.(`${repo}:${tag}`)) return { kind: 'pushed', repo, tag };
  if (entries.has(`${repo}:${tag}`)) return { kind: 'defined', repo, tag };
  const r = resolveTag(repo, tag);
  if (r && generatedEntry(repo, tag))
    return { kind: 'derived', repo, tag, version: r.version, suffix: r.suffix };
  return catalogHasRepo(repo) ? { kind: 'unknown-tag', repo, tag } : { kind: 'unknown-repo', repo, tag };
}
