/**
 * Helpers for the scheduler's table-driven tests: build a cache from Nodes and bound Pods, and run one plugin
 * the way the framework does (PreFilter/Filter, PreScore/Score/NormalizeScore).
 */
import type { Node, Pod } from '../api/types';
import { SchedulerCache } from './cache';
import { computePodInfo } from './podInfo';
import { SKIP, type CycleContext, type FilterFailure } from './types';
import type { AnyFilterPlugin, AnyScorePlugin } from './registry';

export function setup(
  pod: Pod,
  nodes: Node[],
  pods: Pod[] = [],
): { cache: SchedulerCache; ctx: CycleContext } {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const p of pods) cache.addPod(p);
  return { cache, ctx: { pod, info: computePodInfo(pod), cache, nodes: cache.nodeInfos() } };
}

/** node name → null (fits), 'skip' (PreFilter skipped the plugin) or the failure. */
export function runFilter(
  plugin: AnyFilterPlugin,
  ctx: CycleContext,
): Record<string, FilterFailure | null | 'skip'> {
  const out: Record<string, FilterFailure | null | 'skip'> = {};
  const s = plugin.preFilter ? plugin.preFilter(ctx) : undefined;
  for (const n of ctx.nodes) out[n.name] = s === SKIP ? 'skip' : plugin.filter(ctx, s, n);
  return out;
}

/** First reason per node, '' when it fits. */
export function filterReasons(plugin: AnyFilterPlugin, ctx: CycleContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(runFilter(plugin, ctx)))
    out[k] = v === null || v === 'skip' ? '' : v.reasons.join(', ');
  return out;
}

/** Normalized (unweighted) scores of every node, or 'skip'. Checks scoreNodes agrees with score. */
export function runScore(plugin: AnyScorePlugin, ctx: CycleContext): Record<string, number> | 'skip' {
  const feasible = ctx.nodes;
  const s = plugin.preScore ? plugin.preScore(ctx, feasible, feasible.length) : undefined;
  if (s === SKIP) return 'skip';
  const n = feasible.length;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = plugin.score(ctx, s, feasible[i]!);
  const batch = new Float64Array(n);
  const uniform = plugin.scoreNodes(ctx, s, feasible, n, batch);
  if (typeof uniform !== 'number') {
    for (let i = 0; i < n; i++)
      if (batch[i] !== raw[i]) throw new Error(`scoreNodes disagrees with score on ${feasible[i]!.name}`);
  }
  if (plugin.normalize) plugin.normalize(ctx, s, raw, n, feasible);
  if (typeof uniform === 'number') {
    for (let i = 0; i < n; i++)
      if (raw[i] !== uniform)
        throw new Error(`uniform ${uniform} but ${feasible[i]!.name} normalizes to ${raw[i]}`);
  }
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) out[feasible[i]!.name] = raw[i]!;
  return out;
}
