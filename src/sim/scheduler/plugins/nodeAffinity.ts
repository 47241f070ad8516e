/**
 * NodeAffinity (K:pkg/scheduler/framework/plugins/nodeaffinity).
 * Filter: `spec.nodeSelector` (every pair) and the required node affinity (terms ORed, expressions ANDed).
 * Score: the sum of the weights of the preferred terms the node matches, normalized so the best node gets 100.
 */
import type { Labels } from '../../api/types';
import type { NodeInfo } from '../nodeInfo';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodInfo } from '../podInfo';
import { defaultNormalizeScore, failure, SKIP, type FilterPlugin, type ScorePlugin } from '../types';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const FAIL = failure(ERR_REASON_POD, true);

function parseInt64(s: string): number | null {
  return /^-?\d+$/.test(s) ? Number(s) : null;
}

/** One node selector requirement against a label (or field) map. */
export function requirementMatches(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(v!);
    case 'NotIn':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || r.values.length !== 1) return false;
      const a = parseInt64(v!);
      const b = parseInt64(r.values[0]!);
      if (a === null || b === null) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions (labels) and fields (`metadata.name`) match; an empty term never does. */
export function termMatchesNode(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  for (const r of term.matchExpressions) if (!requirementMatches(r, labels)) return false;
  if (term.matchFields.length) {
    const fields = { 'metadata.name': nodeName };
    for (const r of term.matchFields) if (!requirementMatches(r, fields)) return false;
  }
  return true;
}

/** nodeSelector and required node affinity (GetRequiredNodeAffinity(pod).Match). */
export function podMatchesNode(info: PodInfo, node: NodeInfo): boolean {
  if (info.nodeSelector) {
    const l = node.labels;
    for (const k in info.nodeSelector) if (l[k] !== info.nodeSelector[k]) return false;
  }
  const terms = info.requiredNodeTerms;
  if (terms) {
    for (const t of terms) if (termMatchesNode(t, node.labels, node.name)) return true;
    return false;
  }
  return true;
}

/** Raw score: sum of weights of matching preferred terms. */
export function preferredScore(info: PodInfo, node: NodeInfo): number {
  let s = 0;
  for (const p of info.preferredNodeTerms) if (termMatchesNode(p.term, node.labels, node.name)) s += p.weight;
  return s;
}

const filterNode: FilterPlugin['filter'] = (ctx, _s, node) => (podMatchesNode(ctx.info, node) ? null : FAIL);
const scoreNode: ScorePlugin['score'] = (ctx, _s, node) => preferredScore(ctx.info, node);

export const nodeAffinityFilter: FilterPlugin = {
  name: NAME,
  preFilter: (ctx) => (ctx.info.nodeSelector || ctx.info.requiredNodeTerms ? undefined : SKIP),
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: NAME,
  preScore: (ctx) => (ctx.info.preferredNodeTerms.length ? undefined : SKIP),
  score: scoreNode,
  scoreNodes(ctx, s, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = scoreNode(ctx, s, nodes[i]!);
  },
  normalize: (_ctx, _s, scores, n) => defaultNormalizeScore(scores, n, false),
};
