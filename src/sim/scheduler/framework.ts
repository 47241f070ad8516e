/**
 * The scheduling framework's one cycle (K:pkg/scheduler/schedule_one.go): PreFilter → Filter over as many nodes
 * as the adaptive percentageOfNodesToScore asks, starting where the previous cycle stopped → PreScore → Score →
 * NormalizeScore → weights → pick the best node, ties broken by the cluster's seeded generator.
 *
 * Pure: no API calls, no clock. The caller (the scheduler module) binds the pod, adds it to the cache and
 * records the Scheduled / FailedScheduling event.
 */
import { dict } from '../util/shapes';
import type { Pod } from '../api/types';
import type { Rng } from '../engine/rng';
import type { SchedulerCache } from './cache';
import type { NodeInfo } from './nodeInfo';
import { computePodInfo } from './podInfo';
import {
  DEFAULT_PROFILE,
  registry,
  type AnyFilterPlugin,
  type AnyScorePlugin,
  type PluginEntry,
  type Profile,
} from './registry';
import { SKIP, type CycleContext, type FilterFailure } from './types';

export interface FilterReason {
  plugin: string;
  reason: string;
}

export interface ScheduleResult {
  /** chosen node, if feasible */
  nodeName?: string;
  /** node → filter failure reasons (plugin name + reason text) */
  filtered: Record<string, { plugin: string; reason: string }[]>;
  /** node → plugin → normalized weighted score; and total */
  scores: Record<string, { total: number; plugins: Record<string, number> }>;
  /** FailedScheduling message when no node fits */
  message?: string;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Nodes in the snapshot (evaluated or not). */
  totalNodes?: number;
}

export interface SchedulerCycleState {
  /** Where the next cycle's node search starts (round-robin over the node list). */
  nextStartNodeIndex: number;
}

/** `no nodes available to schedule pods` (ErrNoNodesAvailable). */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
/** Below this many nodes every node is evaluated. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes to find before scoring: all below 100 nodes, else
 * `max(100, nodes × max(5, 50 − nodes/125) / 100)` with integer arithmetic (adaptive percentage when 0).
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** `<count> <reason>` strings sorted as Go's sort.Strings does (byte order). */
function histogram(counts: Map<string, number>): string {
  const parts: string[] = [];
  for (const [reason, n] of counts) parts.push(`${n} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.join(', ');
}

/**
 * The FailedScheduling message (FitError.Error plus DefaultPreemption's PostFilter status):
 * `0/3 nodes are available: <reasons>. preemption: 0/3 nodes are available: <preemption reasons>.`
 * No preemption is simulated (every pod has the same priority), so nodes rejected for a reason preemption could
 * address say "No preemption victims found for incoming pod"; unresolvable ones say it is not helpful.
 */
export function failedSchedulingMessage(numAllNodes: number, failures: readonly FilterFailure[]): string {
  if (numAllNodes === 0) return NO_NODES_AVAILABLE;
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const f of failures) {
    for (const r of f.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const p = f.unresolvable ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  return (
    `0/${numAllNodes} nodes are available: ${histogram(reasons)}.` +
    ` preemption: 0/${numAllNodes} nodes are available: ${histogram(preemption)}.`
  );
}

const reasonObjects = new Map<string, FilterReason>();
function reasonObject(plugin: string, reason: string): FilterReason {
  const key = `${plugin}\n${reason}`;
  let r = reasonObjects.get(key);
  if (!r) {
    r = Object.freeze({ plugin, reason }) as FilterReason;
    if (reasonObjects.size < 5000) reasonObjects.set(key, r);
  }
  return r;
}

/** A configured framework: a profile's plugins resolved from the registry. */
export class Framework {
  readonly filters: AnyFilterPlugin[];
  readonly scorers: AnyScorePlugin[];
  readonly weights: number[];
  /** 0 = adaptive. */
  percentageOfNodesToScore = 0;
  /** Scratch buffers reused across cycles (nothing in them outlives a cycle). */
  private readonly chunk: NodeInfo[] = [];
  /** The cycle's feasible nodes; plugins must not keep a reference past the cycle. */
  private readonly feasible: NodeInfo[] = [];
  private readonly names: string[];
  private readonly out: (FilterFailure | null)[] = [];
  private capacity = 0;
  /** The cycle's filters after PreFilter and their states (scratch, as the buffers above). */
  private readonly activeFilters: AnyFilterPlugin[] = [];
  private readonly filterStates: unknown[] = [];
  /** Per score plugin: its uniform weighted score, whether scores differ, whether scoreNodes gave one number. */
  private readonly consts: number[];
  private readonly varies: boolean[];
  private readonly uniformed: boolean[];
  private views: Float64Array[] = [];
  private totals = new Float64Array(0);

  private grow(n: number): void {
    this.capacity = Math.max(n, 2 * this.capacity, 64);
    const ns = this.scorers.length;
    const buf = new Float64Array(this.capacity * ns);
    this.views = this.scorers.map((_, p) => buf.subarray(p * this.capacity, (p + 1) * this.capacity));
    this.totals = new Float64Array(this.capacity);
  }

  constructor(profile: Profile = DEFAULT_PROFILE, plugins: ReadonlyMap<string, PluginEntry> = registry) {
    const get = (name: string): PluginEntry => {
      const e = plugins.get(name);
      if (!e) throw new Error(`plugin "${name}" not registered`);
      return e;
    };
    this.filters = profile.filters.map((n) => {
      const f = get(n).filter;
      if (!f) throw new Error(`plugin "${n}" does not filter`);
      return f;
    });
    this.scorers = [];
    this.weights = [];
    for (const s of profile.scores) {
      const p = get(s.name).score;
      if (!p) throw new Error(`plugin "${s.name}" does not score`);
      this.scorers.push(p);
      this.weights.push(s.weight);
    }
    this.names = this.scorers.map((x) => x.name);
    this.consts = new Array<number>(this.scorers.length).fill(0);
    this.varies = new Array<boolean>(this.scorers.length).fill(false);
    this.uniformed = new Array<boolean>(this.scorers.length).fill(false);
  }

  /** Runs one scheduling cycle for `pod`. Mutates `state.nextStartNodeIndex` and may draw from `rng` on ties. */
  schedule(pod: Pod, cache: SchedulerCache, rng: Rng, state: SchedulerCycleState): ScheduleResult {
    const nodes = cache.nodeInfos();
    const numAll = nodes.length;
    if (numAll === 0) {
      return {
        filtered: {},
        scores: {},
        message: NO_NODES_AVAILABLE,
        evaluatedNodes: 0,
        feasibleNodes: 0,
        totalNodes: 0,
      };
    }
    const ctx: CycleContext = { pod, info: computePodInfo(pod), cache, nodes };

    // PreFilter (into the framework's scratch lists: `nf` says how much of them this cycle uses)
    const filters = this.activeFilters;
    const fstates = this.filterStates;
    let nf = 0;
    for (const f of this.filters) {
      const s = f.preFilter ? f.preFilter(ctx) : undefined;
      if (s === SKIP) continue;
      filters[nf] = f;
      fstates[nf++] = s;
    }

    // Filter, round-robin from where the last cycle stopped, until enough feasible nodes are found.
    const toFind = numFeasibleNodesToFind(numAll, this.percentageOfNodesToScore);
    const start = state.nextStartNodeIndex % numAll;
    // The buffers keep their length between cycles (shrinking an array frees its backing store, and growing it
    // back allocates again); `nFeasible` / `len` say how much of them this cycle uses.
    const feasible = this.feasible;
    let nFeasible = 0;
    const filtered: Record<string, FilterReason[]> = {};
    const failures: FilterFailure[] = [];
    const chunk = this.chunk;
    const out = this.out;
    // Plugin-major over chunks of exactly the number of feasible nodes still wanted: the same nodes are
    // evaluated, with the same first failing plugin each, as running every node through the plugins in turn
    // and stopping at the last wanted feasible node (the chunk can never overshoot).
    let processed = 0;
    while (nFeasible < toFind && processed < numAll) {
      const m = Math.min(toFind - nFeasible, numAll - processed);
      // The first chunk is filtered in the feasible list itself (usually the only chunk: no copy after).
      const buf = nFeasible === 0 ? feasible : chunk;
      let from = (start + processed) % numAll;
      for (let j = 0; j < m; j++) {
        buf[j] = nodes[from++]!;
        if (from === numAll) from = 0;
      }
      processed += m;
      let len = m;
      for (let p = 0; p < nf && len > 0; p++) {
        const f = filters[p]!;
        if (f.filterNodes(ctx, fstates[p], buf, len, out) !== 0)
          len = dropFailed(f.name, buf, len, out, filtered, failures);
      }
      if (buf === feasible) nFeasible = len;
      else for (let j = 0; j < len; j++) feasible[nFeasible++] = chunk[j]!;
    }
    state.nextStartNodeIndex = (start + processed) % numAll;

    if (nFeasible === 0) {
      return {
        filtered,
        scores: {},
        evaluatedNodes: processed,
        feasibleNodes: nFeasible,
        totalNodes: numAll,
        message: failedSchedulingMessage(numAll, failures),
      };
    }

    // Score. (The real scheduler skips scoring for a single feasible node; scoring it anyway changes nothing
    // and lets "why this node?" show the numbers.)
    const n = nFeasible;
    const ns = this.scorers.length;
    if (this.capacity < n) this.grow(n);
    const views = this.views;
    const totals = this.totals;
    totals.fill(0, 0, n);
    // A plugin that gave every node the same score (a skipped plugin: 0) is kept as one number.
    const consts = this.consts.fill(0);
    const varies = this.varies.fill(false);
    const uniformed = this.uniformed.fill(false);
    for (let p = 0; p < ns; p++) {
      const sp = this.scorers[p]!;
      const s = sp.preScore ? sp.preScore(ctx, feasible, n) : undefined;
      if (s === SKIP) continue; // every node scores 0 for a skipped plugin
      const view = views[p]!;
      const w = this.weights[p]!;
      const uniform = sp.scoreNodes(ctx, s, feasible, n, view);
      if (typeof uniform === 'number') {
        consts[p] = uniform * w;
        uniformed[p] = true;
        continue;
      }
      if (sp.normalize) sp.normalize(ctx, s, view, n, feasible);
      if (weigh(view, totals, n, w)) consts[p] = view[0]!;
      else varies[p] = true;
    }
    // Uniform scores returned by scoreNodes are the same for every node: they move no comparison, so they are
    // added only to the totals a decision keeps.
    let constant = 0;
    for (let p = 0; p < ns; p++) if (uniformed[p]) constant += consts[p]!;

    const chosen = selectBest(totals, n, rng);
    // The breakdown is materialized on first read (most decisions are never inspected), by one shared getter:
    // the same accessor on every result keeps their hidden class shared.
    const result = { filtered } as ScheduleResult & { [LAZY_SCORES]?: LazyScores };
    Object.defineProperty(result, 'scores', SCORES_ACCESSOR);
    result.evaluatedNodes = processed;
    result.feasibleNodes = nFeasible;
    result.totalNodes = numAll;
    result.nodeName = feasible[chosen]!.name;
    result[LAZY_SCORES] = keptScores(
      this.names,
      feasible,
      n,
      chosen,
      totals,
      constant,
      views,
      varies,
      consts,
    );
    return result;
  }
}

// The steps of a cycle outside its hot loops are functions of their own: a step that meets a case for the first
// time late in a run (a filter failing, a plugin whose scores start to differ) deoptimizes only itself, not the
// whole cycle (which, recompiling, ran hundreds of cycles in the interpreter on the 10,000-pod benchmark).

/** Moves the nodes `out` passes to the front of `buf`, records the others' reasons; returns how many passed. */
function dropFailed(
  plugin: string,
  buf: NodeInfo[],
  len: number,
  out: (FilterFailure | null)[],
  filtered: Record<string, FilterReason[]>,
  failures: FilterFailure[],
): number {
  let k = 0;
  for (let j = 0; j < len; j++) {
    const fail = out[j];
    const node = buf[j]!;
    if (fail) {
      filtered[node.name] = fail.reasons.map((r) => reasonObject(plugin, r));
      failures.push(fail);
    } else buf[k++] = node;
  }
  return k;
}

/** Weighs a plugin's scores and adds them to the totals, in one pass; returns whether every node got the same. */
function weigh(view: Float64Array, totals: Float64Array, n: number, w: number): boolean {
  const first = view[0]! * w;
  let same = true;
  for (let i = 0; i < n; i++) {
    const v = view[i]! * w;
    view[i] = v;
    totals[i] = totals[i]! + v;
    if (v !== first) same = false;
  }
  return same;
}

/** The index of the highest total; ties broken uniformly with the seeded generator. */
function selectBest(totals: Float64Array, n: number, rng: Rng): number {
  let best = -Infinity;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (t > best) {
      best = t;
      ties = 1;
    } else if (t === best) ties++;
  }
  let pick = ties > 1 ? rng.int(ties) : 0;
  for (let i = 0; i < n; i++) if (totals[i] === best && pick-- === 0) return i;
  return 0;
}

/**
 * The breakdown of the chosen node and the best others (all of them on a small cluster): rows of `ns` weighted
 * plugin scores followed by the total.
 */
function keptScores(
  names: string[],
  feasible: NodeInfo[],
  n: number,
  chosen: number,
  totals: Float64Array,
  constant: number,
  views: Float64Array[],
  varies: boolean[],
  consts: number[],
): LazyScores {
  const ns = names.length;
  const keep = topScored(totals, n, SCORES_KEPT, chosen);
  const width = ns + 1;
  const rows = new Array<number>(keep.length * width);
  const keptNames = new Array<string>(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    keptNames[k] = feasible[i]!.name;
    for (let p = 0; p < ns; p++) rows[k * width + p] = varies[p] ? views[p]![i]! : consts[p]!;
    rows[k * width + ns] = totals[i]! + constant;
  }
  return { keptNames, rows, names, width, ns };
}

const LAZY_SCORES = Symbol('lazy scores');
interface LazyScores {
  keptNames: string[];
  rows: number[];
  names: readonly string[];
  width: number;
  ns: number;
}
const SCORES_ACCESSOR: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: ScheduleResult & { [LAZY_SCORES]?: LazyScores }) {
    const { keptNames, rows, names, width, ns } = this[LAZY_SCORES]!;
    const scores: ScheduleResult['scores'] = dict();
    for (let k = 0; k < keptNames.length; k++) {
      const plugins: Record<string, number> = {};
      for (let p = 0; p < ns; p++) plugins[names[p]!] = rows[k * width + p]!;
      scores[keptNames[k]!] = { total: rows[k * width + ns]!, plugins };
    }
    Object.defineProperty(this, 'scores', {
      value: scores,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return scores;
  },
};

/** How many feasible nodes' score breakdowns a decision keeps (the chosen node always among them). */
export const SCORES_KEPT = 20;

/**
 * Indices of the `k` highest totals (earlier index first on equal totals), in that order, making sure `must`
 * is among them. O(n) for small k.
 */
function topScored(totals: Float64Array, n: number, k: number, must: number): number[] {
  if (n <= k) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort((a, b) => totals[b]! - totals[a]! || a - b);
  }
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (idx.length === k && t <= totals[idx[k - 1]!]!) continue;
    let j = idx.length < k ? idx.length : k - 1;
    while (j > 0 && totals[idx[j - 1]!]! < t) {
      idx[j] = idx[j - 1]!;
      j--;
    }
    idx[j] = i;
  }
  if (!idx.includes(must)) {
    // The rest stays in order: move `must` up from the last place to its own (a sort allocated work arrays).
    const t = totals[must]!;
    let j = k - 1;
    while (j > 0 && (totals[idx[j - 1]!]! < t || (totals[idx[j - 1]!]! === t && idx[j - 1]! > must))) {
      idx[j] = idx[j - 1]!;
      j--;
    }
    idx[j] = must;
  }
  return idx;
}

let defaultFramework: Framework | undefined;

/**
 * Schedules one pod with the default profile. `allPods` is accepted for callers that keep pods outside the
 * cache; the plugins read other pods from the cache's per-node lists, so it is unused.
 */
export function scheduleOne(
  pod: Pod,
  cache: SchedulerCache,
  rng: Rng,
  state: { nextStartNodeIndex: number },
  _allPods?: () => Pod[],
): ScheduleResult {
  defaultFramework ??= new Framework();
  return defaultFramework.schedule(pod, cache, rng, state);
}
