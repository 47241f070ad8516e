/**
 * NodeInfo: one node as the scheduler sees it (K:pkg/scheduler/framework/types.go): the Node, the pods bound
 * to it, what they request, the host ports they hold and the images present. Kept up to date incrementally by
 * {@link SchedulerCache}; derived state, rebuildable from the store at any time.
 */
import type { Labels, Node, Taint } from '../api/types';
import { parseBytes, parseCpuMillis, parseQuantity } from '../api/quantity';
import { hasPodAffinity, type HostPort, type PodInfo } from './podInfo';
import { normalizeImage } from '../util/imageRef';

export interface NodeResources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Number of pods (allocatable: max pods). */
  pods: number;
  /** Extended resources by name. */
  scalar: Record<string, number>;
}

const emptyResources = (): NodeResources => ({
  milliCPU: 0,
  memory: 0,
  ephemeralStorage: 0,
  pods: 0,
  scalar: {},
});

function portKey(protocol: string, port: number, ip: string): string {
  return `${protocol}/${port}/${ip}`;
}

/** Slots of {@link NodeInfo.res}. */
export const R_ALLOC_CPU = 0;
export const R_ALLOC_MEM = 1;
export const R_ALLOC_PODS = 2;
export const R_REQ_CPU = 3;
export const R_REQ_MEM = 4;
export const R_REQ_PODS = 5;
export const R_NZ_CPU = 6;
export const R_NZ_MEM = 7;

/** A score a plugin computed from a node's `res`, for a request of `cpu` and `mem`, when `res` was at `gen`. */
export interface ScoreMemo {
  gen: number;
  cpu: number;
  mem: number;
  score: number;
}

/**
 * `fresh(cpu, mem, node)`, kept in `m` until the node's resources change (`resGen`) or another request size asks:
 * a node's resources change only when a pod comes or goes, and the pods scheduled one after another usually ask
 * the same, so most nodes of a cycle score as they did before (the same number, without its divisions).
 */
export function keptScore(
  node: NodeInfo,
  m: ScoreMemo,
  cpu: number,
  mem: number,
  fresh: (cpu: number, mem: number, node: NodeInfo) => number,
): number {
  if (m.gen === node.resGen && m.cpu === cpu && m.mem === mem) return m.score;
  m.score = fresh(cpu, mem, node);
  m.gen = node.resGen;
  m.cpu = cpu;
  m.mem = mem;
  return m.score;
}

export class NodeInfo {
  /** undefined while only pods reference this node (the Node object is not known yet, or was removed). */
  node: Node | undefined;
  readonly name: string;
  labels: Labels = {};
  allocatable: NodeResources = emptyResources();
  /** Sum of the effective requests of the pods on the node. */
  requested: NodeResources = emptyResources();
  /** Same with the scoring defaults for missing cpu / memory requests. */
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  /**
   * Allocatable, requested and non-zero requested cpu, memory (and pods) again, as one block of doubles at the
   * `R_*` slots: what the resource plugins read for every node of every cycle (one object to reach, not three
   * and their number boxes). Kept equal to the fields above by setNode and the pod accounting.
   */
  readonly res = new Float64Array(8);
  /** Bumped whenever `res` changes: plugins may keep a score computed from it until then (see scoreMemo). */
  resGen = 0;
  /** LeastAllocated and BalancedAllocation scores last computed here: for which pod request, at which resGen. */
  leastMemo: ScoreMemo = { gen: -1, cpu: -1, mem: -1, score: 0 };
  balancedMemo: ScoreMemo = { gen: -1, cpu: -1, mem: -1, score: 0 };
  /** The pods bound here, as the plugins read them (the Pod objects themselves are not kept). */
  readonly pods = new Map<string, PodInfo>();
  /** `protocol/port/ip` and `protocol/port/*` → number of holders. */
  readonly usedPorts = new Map<string, number>();
  /** Normalized image reference → size in bytes (node.status.images). */
  images = new Map<string, number>();
  taints: Taint[] = [];
  /** NoSchedule and NoExecute taints (what the filter checks). */
  hardTaints: Taint[] = [];
  preferNoScheduleTaints: Taint[] = [];
  unschedulable = false;
  /** Pods with any inter-pod (anti-)affinity term, and those with a required anti-affinity term. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Refreshes node-derived fields. Returns the image references that appeared and disappeared. */
  setNode(node: Node): { added: string[]; removed: string[] } {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    const a = emptyResources();
    for (const k of Object.keys(alloc)) {
      const q = alloc[k];
      if (k === 'cpu') a.milliCPU = parseCpuMillis(q);
      else if (k === 'memory') a.memory = parseBytes(q);
      else if (k === 'ephemeral-storage') a.ephemeralStorage = parseBytes(q);
      else if (k === 'pods') a.pods = Math.floor(parseQuantity(q));
      else a.scalar[k] = parseQuantity(q);
    }
    for (const k of ['milliCPU', 'memory', 'ephemeralStorage', 'pods'] as const)
      if (!Number.isFinite(a[k])) a[k] = 0;
    this.allocatable = a;
    this.res[R_ALLOC_CPU] = a.milliCPU;
    this.res[R_ALLOC_MEM] = a.memory;
    this.res[R_ALLOC_PODS] = a.pods;
    this.resGen++;
    this.taints = node.spec?.taints ?? [];
    this.hardTaints = this.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.preferNoScheduleTaints = this.taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.unschedulable = !!node.spec?.unschedulable;

    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) {
        // Digest references (`name@sha256:…`) are ignored: pods in the simulator name images by tag.
        if (n.includes('@')) continue;
        images.set(normalizeImage(n), img.sizeBytes ?? 0);
      }
    }
    const added: string[] = [];
    const removed: string[] = [];
    for (const k of images.keys()) if (!this.images.has(k)) added.push(k);
    for (const k of this.images.keys()) if (!images.has(k)) removed.push(k);
    this.images = images;
    return { added, removed };
  }

  addPod(info: PodInfo): void {
    this.pods.set(info.key, info);
    this.account(info, 1);
  }

  /** Removes by key; returns whether the pod was there. */
  removePod(key: string): boolean {
    const info = this.pods.get(key);
    if (!info) return false;
    this.pods.delete(key);
    this.account(info, -1);
    return true;
  }

  private account(info: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCPU += sign * info.requests.milliCPU;
    r.memory += sign * info.requests.memory;
    r.ephemeralStorage += sign * info.requests.ephemeralStorage;
    r.pods += sign;
    if (info.requests.scalar) {
      for (const k in info.requests.scalar)
        r.scalar[k] = (r.scalar[k] ?? 0) + sign * info.requests.scalar[k]!;
    }
    this.nonZeroRequested.milliCPU += sign * info.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * info.nonZero.memory;
    const x = this.res;
    x[R_REQ_CPU] = r.milliCPU;
    x[R_REQ_MEM] = r.memory;
    x[R_REQ_PODS] = r.pods;
    x[R_NZ_CPU] = this.nonZeroRequested.milliCPU;
    x[R_NZ_MEM] = this.nonZeroRequested.memory;
    this.resGen++;
    for (const p of info.hostPorts) {
      this.bumpPort(portKey(p.protocol, p.port, p.ip), sign);
      this.bumpPort(portKey(p.protocol, p.port, '*'), sign);
    }
    if (hasPodAffinity(info)) this.podsWithAffinity += sign;
    if (info.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity += sign;
  }

  private bumpPort(key: string, sign: 1 | -1): void {
    const n = (this.usedPorts.get(key) ?? 0) + sign;
    if (n > 0) this.usedPorts.set(key, n);
    else this.usedPorts.delete(key);
  }

  /** True when a wanted host port clashes with one in use (0.0.0.0 clashes with every address). */
  portConflict(p: HostPort): boolean {
    if (p.ip === '0.0.0.0') return this.usedPorts.has(portKey(p.protocol, p.port, '*'));
    return (
      this.usedPorts.has(portKey(p.protocol, p.port, p.ip)) ||
      this.usedPorts.has(portKey(p.protocol, p.port, '0.0.0.0'))
    );
  }
}
