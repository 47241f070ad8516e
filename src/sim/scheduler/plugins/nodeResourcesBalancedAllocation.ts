/**
 * NodeResourcesBalancedAllocation (K:pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory would be used in the same proportion after placing the pod:
 * `(1 − standard deviation of the requested/allocatable fractions) × 100`. It uses the actual requests (no
 * scoring defaults), as the real plugin does.
 */
import { keptScore, R_ALLOC_CPU, R_ALLOC_MEM, R_REQ_CPU, R_REQ_MEM, type NodeInfo } from '../nodeInfo';
import type { PodInfo } from '../podInfo';
import { MAX_NODE_SCORE, type ScorePlugin } from '../types';

export const NAME = 'NodeResourcesBalancedAllocation';

/** balancedResourceScorer over parallel arrays (fractions capped at 1, resources without allocatable skipped). */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (!allocatable[i]) continue;
    const f = Math.min(1, requested[i]! / allocatable[i]!);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Score for cpu and memory after placing the pod (kept per node until its resources change: keptScore). */
export function balancedAllocationScore(info: PodInfo, node: NodeInfo): number {
  return keptScore(node, node.balancedMemo, info.requests.milliCPU, info.requests.memory, balancedFresh);
}

function balancedFresh(qc: number, qm: number, node: NodeInfo): number {
  const x = node.res;
  const ac = x[R_ALLOC_CPU]!;
  const am = x[R_ALLOC_MEM]!;
  // Inline two-resource case of balancedResourceScore: no allocation on the hot path.
  if (ac > 0 && am > 0) {
    const fc = Math.min(1, (x[R_REQ_CPU]! + qc) / ac);
    const fm = Math.min(1, (x[R_REQ_MEM]! + qm) / am);
    return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
  }
  return balancedResourceScore([x[R_REQ_CPU]! + qc, x[R_REQ_MEM]! + qm], [ac, am]);
}

const scoreNode: ScorePlugin['score'] = (ctx, _s, node) => balancedAllocationScore(ctx.info, node);

export const nodeResourcesBalancedAllocation: ScorePlugin = {
  name: NAME,
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
};
