/**
 * NodeResourcesFit (K:pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go).
 * Filter: the pod's effective requests must fit in allocatable minus what the node's pods request, and the node
 * must have room for one more pod. Score (LeastAllocated, cpu and memory weight 1 each): the free fraction after
 * placing the pod, with the scoring defaults for containers without requests.
 */
import {
  R_ALLOC_CPU,
  R_ALLOC_MEM,
  R_ALLOC_PODS,
  R_NZ_CPU,
  R_NZ_MEM,
  R_REQ_CPU,
  R_REQ_MEM,
  R_REQ_PODS,
  keptScore,
  type NodeInfo,
} from '../nodeInfo';
import type { PodInfo } from '../podInfo';
import { failure, MAX_NODE_SCORE, type FilterFailure, type FilterPlugin, type ScorePlugin } from '../types';

export const NAME = 'NodeResourcesFit';
export const REASON_TOO_MANY_PODS = 'Too many pods';
/** `Insufficient cpu`, `Insufficient memory`, `Insufficient nvidia.com/gpu`… */
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

// No preemption is simulated, but insufficient resources are "Unschedulable" (preemption could help), so the
// preemption part of the message reads "No preemption victims found for incoming pod".
const failures = new Map<string, FilterFailure>();
function failFor(reasons: string[]): FilterFailure {
  const key = reasons.join('\n');
  let f = failures.get(key);
  if (!f) {
    f = failure(reasons, false);
    if (failures.size < 1000) failures.set(key, f);
  }
  return f;
}

/** The reasons the pod does not fit (empty when it fits), in the real order: pods, cpu, memory, storage, others. */
export function insufficientResources(info: PodInfo, node: NodeInfo): string[] {
  const out: string[] = [];
  const a = node.allocatable;
  const r = node.requested;
  if (r.pods + 1 > a.pods) out.push(REASON_TOO_MANY_PODS);
  const q = info.requests;
  if (q.milliCPU === 0 && q.memory === 0 && q.ephemeralStorage === 0 && !q.scalar) return out;
  if (q.milliCPU > 0 && q.milliCPU > a.milliCPU - r.milliCPU) out.push(insufficient('cpu'));
  if (q.memory > 0 && q.memory > a.memory - r.memory) out.push(insufficient('memory'));
  if (q.ephemeralStorage > 0 && q.ephemeralStorage > a.ephemeralStorage - r.ephemeralStorage) {
    out.push(insufficient('ephemeral-storage'));
  }
  if (q.scalar) {
    for (const k in q.scalar) {
      if (q.scalar[k]! > (a.scalar[k] ?? 0) - (r.scalar[k] ?? 0)) out.push(insufficient(k));
    }
  }
  return out;
}

/** `((capacity - requested) * 100) / capacity`, 0 when over capacity or no capacity (integer). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory, weight 1 each (kept per node until its resources change: keptScore). */
export function leastAllocatedScore(info: PodInfo, node: NodeInfo): number {
  return keptScore(node, node.leastMemo, info.nonZero.milliCPU, info.nonZero.memory, leastAllocatedFresh);
}

function leastAllocatedFresh(qc: number, qm: number, node: NodeInfo): number {
  const x = node.res;
  const cpu = leastRequestedScore(x[R_NZ_CPU]! + qc, x[R_ALLOC_CPU]!);
  const mem = leastRequestedScore(x[R_NZ_MEM]! + qm, x[R_ALLOC_MEM]!);
  return Math.trunc((cpu + mem) / 2);
}

const filterNode: FilterPlugin['filter'] = (ctx, _s, node) => {
  const x = node.res;
  const q = ctx.info.requests;
  // Fast path for the common case: room for the pod and its cpu / memory, no other resources asked.
  if (
    x[R_REQ_PODS]! + 1 <= x[R_ALLOC_PODS]! &&
    !q.scalar &&
    q.ephemeralStorage === 0 &&
    q.milliCPU <= x[R_ALLOC_CPU]! - x[R_REQ_CPU]! &&
    q.memory <= x[R_ALLOC_MEM]! - x[R_REQ_MEM]!
  ) {
    return null;
  }
  const reasons = insufficientResources(ctx.info, node);
  return reasons.length ? failFor(reasons) : null;
};

const scoreNode: ScorePlugin['score'] = (ctx, _s, node) => leastAllocatedScore(ctx.info, node);

export const nodeResourcesFitFilter: FilterPlugin = {
  name: NAME,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};

export const nodeResourcesFitScore: ScorePlugin = {
  name: NAME,
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
};
