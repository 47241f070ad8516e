/**
 * TaintToleration (K:pkg/scheduler/framework/plugins/tainttoleration).
 * Filter: the node's NoSchedule / NoExecute taints must all be tolerated; the first one that is not names the
 * failure. Score: the number of PreferNoSchedule taints the pod does not tolerate, normalized and reversed, so
 * fewer intolerable taints score higher.
 */
import type { Taint, Toleration } from '../../api/types';
import { findUntoleratedTaint, toleratesTaint } from '../../api/taints';
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  failure,
  type FilterFailure,
  type FilterPlugin,
  type ScorePlugin,
} from '../types';

export const NAME = 'TaintToleration';
/** `node(s) had untolerated taint {key: value}` */
export function errReasonUntolerated(t: Pick<Taint, 'key' | 'value'>): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** Raw score: PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule (or effect-less) tolerations. */
export function countIntolerableTaints(
  preferTaints: readonly Taint[],
  tolerations: readonly Toleration[],
): number {
  let n = 0;
  for (const taint of preferTaints) if (!findTolerating(taint, tolerations)) n++;
  return n;
}

function findTolerating(taint: Taint, tolerations: readonly Toleration[]): boolean {
  for (const t of tolerations)
    if ((!t.effect || t.effect === 'PreferNoSchedule') && toleratesTaint(t, taint)) return true;
  return false;
}

const failures = new Map<string, FilterFailure>();
function failFor(t: Taint): FilterFailure {
  const reason = errReasonUntolerated(t);
  let f = failures.get(reason);
  if (!f) {
    f = failure(reason, true);
    if (failures.size < 1000) failures.set(reason, f);
  }
  return f;
}

const filterNode: FilterPlugin['filter'] = (ctx, _s, node) => {
  if (node.hardTaints.length === 0) return null;
  const t = findUntoleratedTaint(node.hardTaints, ctx.info.tolerations);
  return t ? failFor(t) : null;
};

const scoreNode: ScorePlugin['score'] = (ctx, _s, node) =>
  node.preferNoScheduleTaints.length === 0
    ? 0
    : countIntolerableTaints(node.preferNoScheduleTaints, ctx.info.tolerations);

export const taintTolerationFilter: FilterPlugin = {
  name: NAME,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    if (ctx.cache.hardTaintedNodes === 0) return 0; // (out is read only when something failed)
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: NAME,
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    // No PreferNoSchedule taint on any node (the cache counts them; else on none of these nodes): every raw
    // score is 0, which normalizes (reversed) to 100.
    if (ctx.cache.softTaintedNodes === 0) return MAX_NODE_SCORE;
    let any = false;
    for (let i = 0; i < n && !any; i++) any = nodes[i]!.preferNoScheduleTaints.length > 0;
    if (!any) return MAX_NODE_SCORE;
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
  normalize: (_ctx, _s, scores, n) => defaultNormalizeScore(scores, n, true),
};
