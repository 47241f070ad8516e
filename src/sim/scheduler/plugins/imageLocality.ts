/**
 * ImageLocality (K:pkg/scheduler/framework/plugins/imagelocality): favours nodes that already have the pod's
 * images. Each present image counts its size scaled by its spread (the fraction of nodes having it, so an image
 * everywhere does not pull every pod to one node); the sum is clamped between 23 MB and 1000 MB per container
 * and mapped onto 0–100.
 */
import type { NodeInfo } from '../nodeInfo';
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin } from '../types';

export const NAME = 'ImageLocality';
const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `int64(size × numNodes / totalNumNodes)` */
export function scaledImageScore(sizeBytes: number, numNodes: number, totalNumNodes: number): number {
  return Math.trunc(sizeBytes * (numNodes / totalNumNodes));
}

/** Maps the summed image score onto 0–100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

interface State {
  /** Per pod image some node has: which nodes (with the size there) and how many. */
  holders: ReadonlyMap<NodeInfo, number>[];
  counts: number[];
  total: number;
}

function scoreNode(ctx: CycleContext, s: State, node: NodeInfo): number {
  let sum = 0;
  for (let i = 0; i < s.holders.length; i++) {
    const size = s.holders[i]!.get(node);
    if (size !== undefined) sum += scaledImageScore(size, s.counts[i]!, s.total);
  }
  return calculatePriority(sum, ctx.info.numContainers);
}

export const imageLocality: ScorePlugin<State> = {
  name: NAME,
  preScore: (ctx) => {
    const holders: ReadonlyMap<NodeInfo, number>[] = [];
    const counts: number[] = [];
    // Every container counts, even when two use one image (sumImageScores iterates containers).
    for (const img of ctx.info.images) {
      const h = ctx.cache.imageHolders(img);
      if (h && h.size > 0) {
        holders.push(h);
        counts.push(h.size);
      }
    }
    return { holders, counts, total: ctx.nodes.length };
  },
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    // No image present anywhere: calculatePriority(0) is 0 for every node.
    if (s.holders.length === 0) return 0;
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
};
