/**
 * What the container runtime knows about a pod's containers: image layers (with how many images share each),
 * the writable layer, Linux namespaces and cgroup limits. Reads the runtime module's JSON state.
 */
import type { ContainerRecord, ImageRecord, LayerData } from '../../sim/runtime/types';
import { catalogImageById, catalogLayer, catalogList } from '../../sim/runtime/catalog';

/** What holds the runtime's state: a Cluster, or the parts the worker sends for one pod (`runtimeFor`). */
export interface RuntimeHolder {
  state: { ext: Record<string, unknown> };
  runtime: { container(id: string): { cgroup: string } | undefined };
}

interface RuntimeStateLike {
  containers?: Record<string, ContainerRecord>;
  images?: Record<string, ImageRecord>;
  layers?: Record<string, LayerData>;
}

export interface LayerInfo {
  digest: string;
  size: number;
  createdBy: string;
  sharedBy: number;
}

export interface ContainerDetail {
  id: string;
  name: string;
  image: string;
  state: string;
  layers: LayerInfo[];
  writableFiles: number;
  namespaces: Record<string, string>;
  cgroup: string;
  memoryLimit?: number;
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
  pause: boolean;
}

function rt(c: RuntimeHolder): RuntimeStateLike {
  return (c.state.ext['runtime'] as RuntimeStateLike | undefined) ?? {};
}

export function imageById(c: RuntimeHolder, id: string): ImageRecord | undefined {
  return rt(c).images?.[id] ?? safe(() => catalogImageById(id));
}

export function layerById(c: RuntimeHolder, digest: string): LayerData | undefined {
  return rt(c).layers?.[digest] ?? safe(() => catalogLayer(digest));
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** How many known images (built or catalog images present anywhere) reference each layer. */
export function layerUse(images: ImageRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const img of images) for (const l of new Set(img.layers)) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

export function podContainerDetails(c: RuntimeHolder, namespace: string, pod: string): ContainerDetail[] {
  const state = rt(c);
  const containers = Object.values(state.containers ?? {}).filter(
    (x) =>
      x.labels?.['io.kubernetes.pod.name'] === pod &&
      (x.labels?.['io.kubernetes.pod.namespace'] ?? 'default') === namespace,
  );
  const usedImages = new Map<string, ImageRecord>();
  for (const x of Object.values(state.containers ?? {})) {
    const img = imageById(c, x.imageId);
    if (img) usedImages.set(img.id, img);
  }
  for (const img of Object.values(state.images ?? {})) usedImages.set(img.id, img);
  const use = layerUse([...usedImages.values()]);
  void catalogList;
  return containers
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((x) => {
      const img = imageById(c, x.imageId);
      return {
        id: x.id,
        name: x.labels?.['io.kubernetes.container.name'] ?? x.name,
        image: x.image,
        state: x.state,
        pause: !!x.sandbox,
        layers: (img?.layers ?? []).map((d) => {
          const l = layerById(c, d);
          return { digest: d, size: l?.size ?? 0, createdBy: l?.createdBy ?? '', sharedBy: use.get(d) ?? 1 };
        }),
        writableFiles: Object.keys(x.writable?.files ?? {}).length,
        namespaces: { ...x.namespaces },
        cgroup: c.runtime.container(x.id)?.cgroup ?? '',
        ...(x.memoryLimitBytes !== undefined ? { memoryLimit: x.memoryLimitBytes } : {}),
        ...(x.cpuLimitMillis !== undefined ? { cpuLimitMillis: x.cpuLimitMillis } : {}),
        ...(x.cpuRequestMillis !== undefined ? { cpuRequestMillis: x.cpuRequestMillis } : {}),
      };
    });
}
