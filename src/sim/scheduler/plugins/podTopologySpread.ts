/**
 * PodTopologySpread (K:pkg/scheduler/framework/plugins/podtopologyspread).
 * Filter (whenUnsatisfiable: DoNotSchedule): placing the pod in the node's domain must keep
 * `matching pods in domain + self − global minimum ≤ maxSkew`; a node without the topology key is rejected.
 * Score (ScheduleAnyway): fewer matching pods in the node's domain score higher, weighted by log(domains + 2).
 *
 * Not simulated: the cluster-level default constraints (maxSkew 3 on zone, 5 on hostname, ScheduleAnyway) that
 * the real scheduler adds to pods owned by a Service / ReplicaSet / StatefulSet without constraints of their
 * own. Only constraints written in the pod spec apply.
 */
import type { NodeInfo } from '../nodeInfo';
import type { PodInfo, TopologySpreadConstraint } from '../podInfo';
import { matches } from '../../api/labels';
import {
  failure,
  MAX_NODE_SCORE,
  SKIP,
  type CycleContext,
  type FilterPlugin,
  type ScorePlugin,
} from '../types';
import { podMatchesNode } from './nodeAffinity';
import { findUntoleratedTaint } from '../../api/taints';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const FAIL_SKEW = failure(ERR_REASON_CONSTRAINTS_NOT_MATCH, false);
const FAIL_LABEL = failure(ERR_REASON_NODE_LABEL_NOT_MATCH, true);
const HOSTNAME = 'kubernetes.io/hostname';

/** Matching, non-terminating pods on one node in the pod's namespace. */
export function countMatching(node: NodeInfo, c: TopologySpreadConstraint, namespace: string): number {
  if (!c.selector) return 0;
  let n = 0;
  for (const e of node.pods.values()) {
    if (e.terminating || e.namespace !== namespace) continue;
    if (matches(c.selector, e.labels)) n++;
  }
  return n;
}

/** Whether a node's pods count towards the constraint's domains (node inclusion policies + all keys present). */
function nodeCounts(
  info: PodInfo,
  node: NodeInfo,
  constraints: readonly TopologySpreadConstraint[],
  c: TopologySpreadConstraint,
): boolean {
  if (c.honorNodeAffinity && !podMatchesNode(info, node)) return false;
  if (c.honorNodeTaints && findUntoleratedTaint(node.hardTaints, info.tolerations)) return false;
  for (const k of constraints) if (!(k.topologyKey in node.labels)) return false;
  return true;
}

interface FilterState {
  constraints: TopologySpreadConstraint[];
  /** per constraint: domain value → matching pods */
  counts: Map<string, number>[];
  /** per constraint: the global minimum (0 when fewer domains than minDomains) */
  minMatch: number[];
  selfMatch: number[];
}

/** PreFilter: counts matching pods per domain over the eligible nodes. */
export function spreadPreFilter(ctx: CycleContext): FilterState | typeof SKIP {
  const constraints = ctx.info.spread.filter((c) => c.hard);
  if (constraints.length === 0) return SKIP;
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of ctx.nodes) {
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!nodeCounts(ctx.info, node, constraints, c)) continue;
      const v = node.labels[c.topologyKey]!;
      counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + countMatching(node, c, ctx.info.namespace));
    }
  }
  const minMatch = constraints.map((c, i) => {
    const m = counts[i]!;
    if (m.size < c.minDomains) return 0;
    let min = Infinity;
    for (const v of m.values()) if (v < min) min = v;
    return min === Infinity ? 0 : min;
  });
  const selfMatch = constraints.map((c) => (c.selector && matches(c.selector, ctx.info.labels) ? 1 : 0));
  return { constraints, counts, minMatch, selfMatch };
}

export function spreadFilter(s: FilterState, node: NodeInfo) {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const v = node.labels[c.topologyKey];
    if (v === undefined) return FAIL_LABEL;
    const skew = (s.counts[i]!.get(v) ?? 0) + s.selfMatch[i]! - s.minMatch[i]!;
    if (skew > c.maxSkew) return FAIL_SKEW;
  }
  return null;
}

interface ScoreState {
  constraints: TopologySpreadConstraint[];
  counts: Map<string, number>[];
  weights: number[];
  ignored: Set<string>;
}

/** log(size + 2) */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

export function spreadPreScore(
  ctx: CycleContext,
  feasible: readonly NodeInfo[],
  n = feasible.length,
): ScoreState | typeof SKIP {
  const constraints = ctx.info.spread.filter((c) => !c.hard);
  if (constraints.length === 0) return SKIP;
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (let j = 0; j < n; j++) {
    const node = feasible[j]!;
    if (!constraints.every((c) => c.topologyKey in node.labels)) {
      ignored.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== HOSTNAME) counts[i]!.set(node.labels[c.topologyKey]!, 0);
    });
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === HOSTNAME ? n - ignored.size : counts[i]!.size),
  );
  for (const node of ctx.nodes) {
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME || !nodeCounts(ctx.info, node, constraints, c)) return;
      const v = node.labels[c.topologyKey]!;
      const cur = counts[i]!.get(v);
      if (cur !== undefined) counts[i]!.set(v, cur + countMatching(node, c, ctx.info.namespace));
    });
  }
  return { constraints, counts, weights, ignored };
}

export function spreadScore(ctx: CycleContext, s: ScoreState, node: NodeInfo): number {
  if (s.ignored.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const v = node.labels[c.topologyKey];
    if (v === undefined) continue;
    const cnt =
      c.topologyKey === HOSTNAME ? countMatching(node, c, ctx.info.namespace) : (s.counts[i]!.get(v) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  return Math.round(score);
}

/** Fewer pods → higher: `100 × (max + min − score) / max`; ignored nodes get 0. */
export function spreadNormalize(
  s: { ignored: ReadonlySet<string> },
  scores: Float64Array,
  n: number,
  feasible: readonly NodeInfo[],
): void {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (s.ignored.has(feasible[i]!.name)) continue;
    if (scores[i]! < min) min = scores[i]!;
    if (scores[i]! > max) max = scores[i]!;
  }
  for (let i = 0; i < n; i++) {
    if (s.ignored.has(feasible[i]!.name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  }
}

const filterNode: FilterPlugin<FilterState>['filter'] = (_ctx, s, node) => spreadFilter(s, node);

export const podTopologySpreadFilter: FilterPlugin<FilterState> = {
  name: NAME,
  preFilter: spreadPreFilter,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};

export const podTopologySpreadScore: ScorePlugin<ScoreState> = {
  name: NAME,
  preScore: spreadPreScore,
  score: spreadScore,
  scoreNodes(ctx, s, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = spreadScore(ctx, s, nodes[i]!);
  },
  normalize: (_ctx, s, scores, n, feasible) => spreadNormalize(s, scores, n, feasible),
};
