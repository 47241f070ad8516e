/**
 * The single Docker host as the Docker view draws it: images as stacks of read-only layers (with how many
 * images share each layer), containers with their writable layer, and the last build's steps (cache hits).
 * Pure: reads the runtime's and the daemon's JSON state.
 */
import type { ContainerRecord, HostState, ImageRecord, LayerData } from '../../sim/runtime/types';

export interface DockerLayer {
  digest: string;
  size: number;
  createdBy: string;
  /** Images on this host that contain the layer. */
  sharedBy: number;
}
export interface DockerImage {
  id: string;
  tags: string[];
  layers: DockerLayer[];
}
export interface DockerContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  writableFiles: number;
}
export interface BuildStep {
  text: string;
  cached: boolean;
}
export interface DockerModel {
  images: DockerImage[];
  containers: DockerContainer[];
  build?: { tag?: string; steps: BuildStep[] };
}

export interface DockerSources {
  host?: HostState;
  containers: ContainerRecord[];
  image(id: string): ImageRecord | undefined;
  layer(digest: string): LayerData | undefined;
  lastBuild?: unknown;
}

/** Reads a build report tolerantly: an array of steps each with a text and a cached flag. */
export function buildSteps(report: unknown): { tag?: string; steps: BuildStep[] } | undefined {
  if (!report || typeof report !== 'object') return undefined;
  const r = report as Record<string, unknown>;
  const raw = (r.steps ?? r.instructions ?? r.layers) as unknown;
  if (!Array.isArray(raw)) return undefined;
  const steps = raw.map((s: unknown) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const text = String(o.instruction ?? o.text ?? o.line ?? o.createdBy ?? '');
    return { text, cached: o.cached === true || o.cacheHit === true || o.status === 'CACHED' };
  });
  const tag =
    typeof r.tag === 'string'
      ? r.tag
      : Array.isArray(r.tags) && typeof r.tags[0] === 'string'
        ? r.tags[0]
        : undefined;
  return { ...(tag ? { tag } : {}), steps };
}

export function dockerModel(src: DockerSources): DockerModel {
  const ids = Object.keys(src.host?.images ?? {}).sort();
  const records = ids.map((id) => ({ id, rec: src.image(id), tags: src.host!.images[id]!.repoTags }));
  const use = new Map<string, number>();
  for (const r of records) for (const l of new Set(r.rec?.layers ?? [])) use.set(l, (use.get(l) ?? 0) + 1);
  const images: DockerImage[] = records.map((r) => ({
    id: r.id,
    tags: [...r.tags].sort(),
    layers: (r.rec?.layers ?? []).map((d) => {
      const l = src.layer(d);
      return { digest: d, size: l?.size ?? 0, createdBy: l?.createdBy ?? '', sharedBy: use.get(d) ?? 1 };
    }),
  }));
  const containers: DockerContainer[] = src.containers
    .filter((c) => !c.build && !c.sandbox)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((c) => ({
      id: c.id,
      name: c.name.replace(/^\//, ''),
      image: c.image,
      imageId: c.imageId,
      state: c.state,
      writableFiles: Object.keys(c.writable?.files ?? {}).length + (c.writable?.deleted?.length ?? 0),
    }));
  const build = buildSteps(src.lastBuild);
  return { images, containers, ...(build ? { build } : {}) };
}

/** A stable colour per layer digest, so the same layer looks the same in every image. */
export function layerHue(digest: string): number {
  let h = 0;
  for (let i = digest.length - 12; i < digest.length; i++) h = (h * 31 + digest.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** The studio's model from the runtime engineer's `dockerHostView` (src/sim/docker/view.ts). */
export function fromHostView(
  v: {
    images: {
      id: string;
      names: string[];
      layers: { digest: string; size: number; createdBy: string; sharedWith: string[] }[];
    }[];
    containers: { id: string; name: string; image: string; state: string; changes: unknown[] }[];
    lastBuild?: { tags: string[]; steps: { name: string; instruction: string; cached: boolean }[] };
  },
  imageIdOf: (containerId: string) => string | undefined,
): DockerModel {
  return {
    images: v.images.map((i) => ({
      id: i.id,
      tags: [...i.names].sort(),
      layers: i.layers.map((l) => ({
        digest: l.digest,
        size: l.size,
        createdBy: l.createdBy,
        sharedBy: 1 + l.sharedWith.length,
      })),
    })),
    containers: v.containers.map((c) => ({
      id: c.id,
      name: c.name.replace(/^\//, ''),
      image: c.image,
      imageId: imageIdOf(c.id) ?? '',
      state: c.state,
      writableFiles: c.changes.length,
    })),
    ...(v.lastBuild
      ? {
          build: {
            ...(v.lastBuild.tags[0] ? { tag: v.lastBuild.tags[0] } : {}),
            steps: v.lastBuild.steps.map((st) => ({ text: st.name || st.instruction, cached: st.cached })),
          },
        }
      : {}),
  };
}
