/**
 * The cluster: one clock, one seeded generator, one event log, one store behind one API server, and the
 * modules (controllers, scheduler, kubelets, kube-proxy, docker host…) that act on it.
 *
 * All mutable state lives in {@link ClusterState}: plain JSON, so a snapshot is a deep copy and a restore is
 * its reverse. Modules keep their state under `state.ext[moduleName]`; timers are data (see engine/clock.ts).
 */
import { Clock, type ClockState } from './engine/clock';
import { Rng, seedRng, type RngState } from './engine/rng';
import { EventLog, type EventLogState } from './engine/eventLog';
import { Store, type StoreState } from './api/store';
import { ApiServer } from './api/apiServer';
import { coreKinds } from './kinds';
import { EPOCH_MS } from './engine/epoch';
import { Listeners } from './util/listeners';
import type { RuntimeApi } from './api/runtimeTypes';

export interface ClusterOptions {
  /** Seed of the one random generator (default 1). */
  seed?: number;
  /** Worker nodes (default 2): `worker-1`, `worker-2`, … */
  workers?: number;
  /** CPU per worker (default `2`). */
  cpu?: string;
  /** Memory per worker (default `4Gi`). */
  memory?: string;
  /** Max pods per node (default 110). */
  maxPods?: number;
  /** Whether a tainted `control-plane` node exists (default true). */
  controlPlane?: boolean;
  /** Skip the kube-system add-ons (CoreDNS, metrics-server…): faster, for benchmarks. */
  minimal?: boolean;
}

export interface ClusterState {
  options: Required<ClusterOptions>;
  clock: ClockState;
  rng: RngState;
  log: EventLogState;
  store: StoreState;
  /** Per-module JSON state. */
  ext: Record<string, unknown>;
}

export interface ClusterSnapshot {
  /** Virtual time of the snapshot. */
  time: number;
  /** Last event-log sequence number included. */
  lastSeq: number;
  state: string;
}

/** A part of the simulation: controllers, scheduler, kubelets, docker host… */
export interface SimModule {
  name: string;
  /** Initial state for `state.ext[name]` on a fresh cluster. */
  initState?(c: Cluster): unknown;
  /** Registers timer handlers and watches. Runs on construction and is not repeated on restore. */
  install(c: Cluster): void;
  /** Populates a fresh cluster (nodes, system pods…). Runs after every module is installed. */
  bootstrap?(c: Cluster): void;
  /** Rebuilds derived in-memory indexes after a restore. */
  restored?(c: Cluster): void;
}

/** The faults and inspections behind the `sim` verbs (built by faults.ts, wired by createSim.ts). */
export interface SimFaults {
  addNode(name: string, o: { cpu?: string; memory?: string; labels?: string }): string | undefined;
  failNode(name: string): string | undefined;
  recoverNode(name: string): string | undefined;
  crash(namespace: string, pod: string, container: string | undefined, exitCode: number): string | undefined;
  load(namespace: string, target: string, cpu: string): string | undefined;
  iptables(node: string): { text?: string; error?: string };
  why(namespace: string, pod: string): { text?: string; error?: string };
}

/** A reconcile function run from the cluster's de-duplicating work queues. */
export type Reconciler = (key: string) => void;

interface QueueState {
  /** controller name → pending keys, in insertion order */
  pending: Record<string, string[]>;
}

export class Cluster {
  state!: ClusterState;
  clock!: Clock;
  rng!: Rng;
  log!: EventLog;
  store!: Store;
  api!: ApiServer;
  /** The container runtime shared by the nodes and the Docker host (installed by the runtime module). */
  runtime!: RuntimeApi;
  /** The `sim` verbs' faults and inspections, wired by the composition root (createSim.ts). */
  faults!: SimFaults;
  readonly modules: SimModule[];
  private reconcilers = new Map<string, Reconciler>();
  private reconcilerOrder: string[] = [];
  private pendingSets = new Map<string, Set<string>>();
  /** The queues' key lists in the state (the same arrays), by name: no state lookup per enqueue. */
  private pendingLists = new Map<string, string[]>();
  private changeListeners = new Listeners();
  private draining = false;
  /** Increments on every settle; the UI uses it to know something changed. */
  version = 0;

  /**
   * Builds a cluster from its modules, installed in the given order. `createSim()` (src/sim/createSim.ts) passes
   * the full set; tests may pass only the modules they need.
   */
  constructor(options: ClusterOptions, modules: SimModule[]) {
    this.modules = modules;
    const opts: Required<ClusterOptions> = {
      seed: options.seed ?? 1,
      workers: options.workers ?? 2,
      cpu: options.cpu ?? '2',
      memory: options.memory ?? '4Gi',
      maxPods: options.maxPods ?? 110,
      controlPlane: options.controlPlane ?? true,
      minimal: options.minimal ?? false,
    };
    this.state = {
      options: opts,
      clock: { now: 0, nextSeq: 0, timers: [] },
      rng: seedRng(opts.seed),
      log: { nextSeq: 1 },
      store: Store.emptyState(),
      ext: { queues: { pending: {} } satisfies QueueState },
    };
    this.bind();
    for (const m of modules) if (m.initState) this.state.ext[m.name] = m.initState(this);
    for (const m of modules) m.install(this);
    for (const m of modules) m.bootstrap?.(this);
    this.settle();
  }

  private bind(): void {
    if (!this.clock) {
      this.clock = new Clock(this.state.clock);
      this.clock.on<{ name: string; key: string }>('cluster.enqueue', (p) => this.enqueue(p.name, p.key));
    } else this.clock.load(this.state.clock);
    if (!this.rng) this.rng = new Rng(this.state.rng);
    else this.rng.state = this.state.rng;
    if (!this.log) this.log = new EventLog(this.state.log);
    else this.log.state = this.state.log;
    if (!this.store) this.store = new Store(this.state.store);
    else this.store.load(this.state.store);
    if (!this.api) this.api = new ApiServer(this, coreKinds);
    this.pendingSets.clear();
    this.pendingLists.clear();
    for (const name of this.reconcilerOrder) this.queues.pending[name] ??= [];
    for (const [name, keys] of Object.entries(this.queues.pending)) {
      this.pendingSets.set(name, new Set(keys));
      this.pendingLists.set(name, keys);
    }
  }

  get options(): Required<ClusterOptions> {
    return this.state.options;
  }

  /** Virtual time in milliseconds since the cluster started. */
  get now(): number {
    return this.state.clock.now;
  }

  /** RFC 3339 timestamp for a virtual time (default: now). */
  iso(ms: number = this.now): string {
    const sec = Math.floor(ms / 1000);
    if (sec === this.isoSec) return this.isoText;
    let text = isoTexts.get(sec);
    if (text === undefined) {
      text = new Date(EPOCH_MS + sec * 1000).toISOString().replace('.000Z', 'Z');
      if (isoTexts.size >= 20_000) isoTexts.clear();
      isoTexts.set(sec, text);
    }
    if (ms === this.now) {
      this.isoSec = sec;
      this.isoText = text;
    }
    return text;
  }
  private isoSec = NaN;
  private isoText = '';

  /** Parses an RFC 3339 timestamp back to virtual ms. */
  fromIso(ts: string | undefined): number {
    if (!ts) return 0;
    return Date.parse(ts) - EPOCH_MS;
  }

  /** A module's JSON state. */
  ext<T>(name: string): T {
    return this.state.ext[name] as T;
  }

  private get queues(): QueueState {
    return this.state.ext.queues as QueueState;
  }

  /** Registers a controller's reconcile function; queues drain in registration order. */
  registerReconciler(name: string, fn: Reconciler): void {
    if (!this.reconcilers.has(name)) this.reconcilerOrder.push(name);
    this.reconcilers.set(name, fn);
    const list = (this.queues.pending[name] ??= []);
    if (!this.pendingSets.has(name)) this.pendingSets.set(name, new Set());
    this.pendingLists.set(name, list);
  }

  /** Adds a key to a controller's de-duplicating queue; it is reconciled at the current virtual time. */
  enqueue(name: string, key: string): void {
    const set = this.pendingSets.get(name);
    if (!set) throw new Error(`unknown reconciler ${name}`);
    if (set.has(key)) return;
    set.add(key);
    this.pendingLists.get(name)!.push(key);
  }

  /** Enqueues `key` for `name` after a delay (requeue with back-off). */
  enqueueAfter(name: string, key: string, delayMs: number): void {
    this.clock.after(delayMs, 'cluster.enqueue', { name, key }, `requeue:${name}:${key}`);
  }

  /** Runs every queued reconcile at the current time until all queues are empty. */
  settle(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      let rounds = 0;
      for (;;) {
        let worked = false;
        for (const name of this.reconcilerOrder) {
          const q = this.queues.pending[name]!;
          const set = this.pendingSets.get(name)!;
          const fn = this.reconcilers.get(name)!;
          while (q.length) {
            // Take the whole queue (FIFO); keys enqueued meanwhile land in a fresh array (no O(n) shifts).
            const batch = q.splice(0, q.length);
            for (const key of batch) {
              set.delete(key);
              worked = true;
              fn(key);
              if (++rounds > 2_000_000) throw new Error(`reconcile loop did not settle (${name} ${key})`);
            }
          }
        }
        if (!worked) break;
      }
    } finally {
      this.draining = false;
    }
    this.version++;
    this.changeListeners.emit();
  }

  /** Lets `ms` of virtual time pass: timers fire in order and controllers react at each instant. */
  advance(ms: number): void {
    this.settle();
    this.clock.runUntil(this.now + ms, () => this.settleQuiet());
    this.settle();
  }

  /** Advances to the next timer (single step); returns false when nothing is pending. */
  step(maxMs = 3_600_000): boolean {
    this.settle();
    const next = this.clock.peek();
    if (next === undefined || next > this.now + maxMs) return false;
    this.clock.runUntil(next, () => this.settleQuiet());
    this.settle();
    return true;
  }

  private settleQuiet(): void {
    const listeners = this.changeListeners;
    this.changeListeners = new Listeners();
    try {
      this.settle();
    } finally {
      this.changeListeners = listeners;
    }
  }

  /** Called after every settle (for the UI). */
  onChange(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  /** Full-state snapshot; restoring it reproduces the cluster exactly. */
  snapshot(): ClusterSnapshot {
    this.settle();
    return { time: this.now, lastSeq: this.state.log.nextSeq - 1, state: JSON.stringify(this.state) };
  }

  /** Restores a snapshot taken from this cluster (same modules). */
  restore(snap: ClusterSnapshot): void {
    this.state = JSON.parse(snap.state) as ClusterState;
    this.log.truncateAfter(snap.lastSeq);
    this.bind();
    for (const m of this.modules) m.restored?.(this);
    this.version++;
    this.changeListeners.emit();
  }
}

/** RFC 3339 texts of whole seconds (shared by every cluster; the epoch is fixed). */
const isoTexts = new Map<number, string>();
