/**
 * ImageLocality (K:pkg/scheduler/framework/plugins/imagelocality): favours nodes that already have the pod's
 * images. Each present image counts its size scaled by its spread (the fraction of nodes having it, so an image
 * everywhere does not pull every pod to one node); the sum is clamped between 23 MB and 1000 MB per container
 * and mapped onto 0–100.
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../types';

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
  /** Pod images some node has, with their node counts. */
  images: string[];
  counts: number[];
  total: number;
}

export const imageLocality: ScorePlugin<State> = {
  name: NAME,
  preScore: (ctx) => {
    const images: string[] = [];
    const counts: number[] = [];
    for (const img of ctx.info.images) {
      const n = ctx.cache.imageNodeCount(img);
      // Every container counts, even when two use one image (sumImageScores iterates containers).
      if (n > 0) {
        images.push(img);
        counts.push(n);
      }
    }
    return { images, counts, total: ctx.nodes.length };
  },
  score: (ctx, s, node) => {
    if (s.images.length === 0) return 0;
    let sum = 0;
    for (let i = 0; i < s.images.length; i++) {
      const size = node.images.get(s.images[i]!);
      if (size !== undefined) sum += scaledImageScore(size, s.counts[i]!, s.total);
    }
    return calculatePriority(sum, ctx.info.numContainers);
  },
};
