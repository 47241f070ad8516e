/**
 * InterPodAffinity (K:pkg/scheduler/framework/plugins/interpodaffinity).
 * Filter, in the real order: the pod's required affinity (some matching pod in the node's domain, or none
 * anywhere and the pod matches its own terms), its required anti-affinity (no matching pod in the domain), and
 * existing pods' required anti-affinity against the incoming pod.
 * Score: the pod's preferred terms (+/− weight per matching pod in the domain) and the symmetric terms of
 * existing pods (preferred weights, required affinity with hardPodAffinityWeight 1), min-max normalized.
 *
 * Both phases are skipped when neither the pod nor any pod in the cluster has such terms, as in the real plugin.
 */
import type { Labels } from '../../api/types';
import type { NodeInfo } from '../nodeInfo';
import { termMatches, type AffinityTerm, type PodInfo } from '../podInfo';
import {
  failure,
  MAX_NODE_SCORE,
  SKIP,
  type CycleContext,
  type FilterPlugin,
  type ScorePlugin,
} from '../types';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
const FAIL_AFFINITY = failure(ERR_REASON_AFFINITY_RULES_NOT_MATCH, true);
const FAIL_ANTI = failure(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH, false);
const FAIL_EXISTING_ANTI = failure(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH, false);
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** A topology pair `key=value` as one map key. */
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(m: Map<string, number>, k: string, by: number): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

function matchesAll(terms: readonly AffinityTerm[], namespace: string, labels: Labels): boolean {
  for (const t of terms) if (!termMatches(t, namespace, labels)) return false;
  return true;
}

interface FilterState {
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

export function affinityPreFilter(ctx: CycleContext): FilterState | typeof SKIP {
  const info = ctx.info;
  if (
    !info.requiredAffinity.length &&
    !info.requiredAntiAffinity.length &&
    ctx.cache.podsWithRequiredAntiAffinity === 0
  ) {
    return SKIP;
  }
  const s: FilterState = {
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
  };
  for (const node of ctx.nodes) {
    const labels = node.labels;
    if (node.podsWithRequiredAntiAffinity > 0) {
      for (const e of node.pods.values()) {
        for (const t of e.requiredAntiAffinity) {
          const v = labels[t.topologyKey];
          if (v !== undefined && termMatches(t, info.namespace, info.labels))
            bump(s.existingAntiAffinityCounts, pair(t.topologyKey, v), 1);
        }
      }
    }
    if (!info.requiredAffinity.length && !info.requiredAntiAffinity.length) continue;
    for (const e of node.pods.values()) {
      if (info.requiredAffinity.length && matchesAll(info.requiredAffinity, e.namespace, e.labels)) {
        for (const t of info.requiredAffinity) {
          const v = labels[t.topologyKey];
          if (v !== undefined) bump(s.affinityCounts, pair(t.topologyKey, v), 1);
        }
      }
      for (const t of info.requiredAntiAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, e.namespace, e.labels))
          bump(s.antiAffinityCounts, pair(t.topologyKey, v), 1);
      }
    }
  }
  return s;
}

export function satisfyPodAffinity(info: PodInfo, s: FilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of info.requiredAffinity) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if ((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
  return s.affinityCounts.size === 0 && matchesAll(info.requiredAffinity, info.namespace, info.labels);
}

export function satisfyPodAntiAffinity(info: PodInfo, s: FilterState, node: NodeInfo): boolean {
  for (const t of info.requiredAntiAffinity) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

export function satisfyExistingPodsAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const k in node.labels)
    if ((s.existingAntiAffinityCounts.get(pair(k, node.labels[k]!)) ?? 0) > 0) return false;
  return true;
}

interface ScoreState {
  /** topology key → value → score */
  topologyScore: Map<string, Map<string, number>>;
}

function addScore(s: ScoreState, key: string, value: string, w: number): void {
  let m = s.topologyScore.get(key);
  if (!m) s.topologyScore.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + w);
}

export function affinityPreScore(ctx: CycleContext): ScoreState | typeof SKIP {
  const info = ctx.info;
  const hasPreferred = info.preferredAffinity.length > 0 || info.preferredAntiAffinity.length > 0;
  if (!hasPreferred && ctx.cache.podsWithAffinity === 0) return SKIP;
  const s: ScoreState = { topologyScore: new Map() };
  for (const node of ctx.nodes) {
    if (!hasPreferred && node.podsWithAffinity === 0) continue;
    const labels = node.labels;
    for (const e of node.pods.values()) {
      const ex = e;
      for (const w of info.preferredAffinity) {
        const v = labels[w.term.topologyKey];
        if (v !== undefined && termMatches(w.term, ex.namespace, ex.labels))
          addScore(s, w.term.topologyKey, v, w.weight);
      }
      for (const w of info.preferredAntiAffinity) {
        const v = labels[w.term.topologyKey];
        if (v !== undefined && termMatches(w.term, ex.namespace, ex.labels))
          addScore(s, w.term.topologyKey, v, -w.weight);
      }
      for (const t of ex.requiredAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, info.namespace, info.labels))
          addScore(s, t.topologyKey, v, HARD_POD_AFFINITY_WEIGHT);
      }
      for (const w of ex.preferredAffinity) {
        const v = labels[w.term.topologyKey];
        if (v !== undefined && termMatches(w.term, info.namespace, info.labels))
          addScore(s, w.term.topologyKey, v, w.weight);
      }
      for (const w of ex.preferredAntiAffinity) {
        const v = labels[w.term.topologyKey];
        if (v !== undefined && termMatches(w.term, info.namespace, info.labels))
          addScore(s, w.term.topologyKey, v, -w.weight);
      }
    }
  }
  return s.topologyScore.size ? s : SKIP;
}

export function affinityScore(s: ScoreState, node: NodeInfo): number {
  let score = 0;
  for (const [key, values] of s.topologyScore) {
    const v = node.labels[key];
    if (v !== undefined) score += values.get(v) ?? 0;
  }
  return score;
}

/** Min-max to 0–100 (all equal: 0). */
export function affinityNormalize(scores: Float64Array, n: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (scores[i]! < min) min = scores[i]!;
    if (scores[i]! > max) max = scores[i]!;
  }
  const diff = max - min;
  for (let i = 0; i < n; i++)
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
}

const filterNode: FilterPlugin<FilterState>['filter'] = (ctx, s, node) => {
  if (!satisfyPodAffinity(ctx.info, s, node)) return FAIL_AFFINITY;
  if (!satisfyPodAntiAffinity(ctx.info, s, node)) return FAIL_ANTI;
  if (!satisfyExistingPodsAntiAffinity(s, node)) return FAIL_EXISTING_ANTI;
  return null;
};
const scoreNode: ScorePlugin<ScoreState>['score'] = (_ctx, s, node) => affinityScore(s, node);

export const interPodAffinityFilter: FilterPlugin<FilterState> = {
  name: NAME,
  preFilter: affinityPreFilter,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};

export const interPodAffinityScore: ScorePlugin<ScoreState> = {
  name: NAME,
  preScore: affinityPreScore,
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
  normalize: (_ctx, _s, scores, n) => affinityNormalize(scores, n),
};
