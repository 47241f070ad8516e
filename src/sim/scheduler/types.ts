/**
 * Contracts of the scheduling framework (K:pkg/scheduler/framework/interface.go, reduced to what the simulator
 * runs): filter plugins with an optional PreFilter, score plugins with an optional PreScore and NormalizeScore.
 *
 * Plugins are plain objects holding functions; per-cycle data travels in the state their PreFilter / PreScore
 * returns (the real CycleState), never in closures, so a plugin is reentrant and has no hidden memory.
 */
import type { Pod } from '../api/types';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { SchedulerCache } from './cache';

/** Highest score a plugin gives a node (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/**
 * Why a node was rejected. `unresolvable` mirrors the UnschedulableAndUnresolvable status code: removing pods
 * (preemption) cannot help, so the preemption part of the message says "Preemption is not helpful for scheduling".
 */
export interface FilterFailure {
  readonly reasons: readonly string[];
  readonly unresolvable: boolean;
}

/** Returned by PreFilter / PreScore: the plugin has nothing to do for this pod (framework.Skip). */
export const SKIP: unique symbol = Symbol('Skip');
export type Skip = typeof SKIP;

/** What every plugin sees during one scheduling cycle. */
export interface CycleContext {
  readonly pod: Pod;
  readonly info: PodInfo;
  readonly cache: SchedulerCache;
  /** Every node of the snapshot, stable order. */
  readonly nodes: readonly NodeInfo[];
}

export interface FilterPlugin<S = unknown> {
  readonly name: string;
  /** Computes the per-cycle state once per pod; SKIP leaves the plugin out of this cycle. */
  preFilter?(ctx: CycleContext): S | Skip;
  /** null when the node fits. */
  filter(ctx: CycleContext, state: S, node: NodeInfo): FilterFailure | null;
  /**
   * `out[i] = filter(nodes[i])` for i < n; returns how many failed. Each plugin owns this loop so the per-node
   * call is monomorphic and inlined: one dynamic dispatch per plugin and cycle instead of one per node.
   */
  filterNodes(
    ctx: CycleContext,
    state: S,
    nodes: readonly NodeInfo[],
    n: number,
    out: (FilterFailure | null)[],
  ): number;
}

export interface ScorePlugin<S = unknown> {
  readonly name: string;
  /** Per-cycle state over the feasible nodes `feasible[0..n)`; SKIP gives every node 0 for this plugin. */
  preScore?(ctx: CycleContext, feasible: readonly NodeInfo[], n: number): S | Skip;
  /** Raw score of one feasible node. */
  score(ctx: CycleContext, state: S, node: NodeInfo): number;
  /**
   * `out[i] = score(nodes[i])` for i < n (a loop per plugin, as filterNodes). May instead return one number:
   * every node gets that final (already normalized) score, and `out` is left alone.
   */
  scoreNodes(
    ctx: CycleContext,
    state: S,
    nodes: readonly NodeInfo[],
    n: number,
    out: Float64Array,
  ): number | void;
  /** Rescales `scores[0..n)` (same order as `feasible`) into 0..MAX_NODE_SCORE in place. */
  normalize?(
    ctx: CycleContext,
    state: S,
    scores: Float64Array,
    n: number,
    feasible: readonly NodeInfo[],
  ): void;
}

/** Builds a shared, immutable failure (reason strings are constants; no allocation on the hot path). */
export function failure(reasons: string | readonly string[], unresolvable: boolean): FilterFailure {
  return Object.freeze({
    reasons: Object.freeze(typeof reasons === 'string' ? [reasons] : [...reasons]),
    unresolvable,
  });
}

/**
 * helper.DefaultNormalizeScore: scales so the highest score becomes MAX_NODE_SCORE (integer division), optionally
 * reversed. All zero: 0 each (MAX_NODE_SCORE each when reversed).
 */
export function defaultNormalizeScore(scores: Float64Array, n: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) for (let i = 0; i < n; i++) scores[i] = MAX_NODE_SCORE;
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}
