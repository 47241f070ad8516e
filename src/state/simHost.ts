/**
 * The bridge between the simulation and the studio. The simulation lives here, outside React: the host owns the
 * session, drives the clock from requestAnimationFrame (`advance(dt × speed)`, time-sliced so input never waits),
 * records every command with its virtual time (for share links and replay), keeps bounded snapshots for the
 * timeline, and tells subscribers when something changed. React reads it through the zustand store.
 */
import type { Cluster, ClusterSnapshot } from '../sim/cluster';
import type { SimEvent } from '../sim/engine/eventLog';
import { Listeners } from '../sim/util/listeners';
import type { VirtualFs } from '../shell/types';
import type { RecordedCommand, Sandbox, EditorFile } from './share';
import { SHARE_VERSION } from './shareVersion';
import { RecordedFs } from './recordedFs';
import type { SessionLike, SessionModule } from './session';

export interface TimelineSnapshot {
  time: number;
  /** How many recorded commands are included in this state. */
  commands: number;
  snap: ClusterSnapshot;
}

export interface HostStatus {
  now: number;
  version: number;
  playing: boolean;
  speed: number;
  seed: number;
  /** Commands recorded after the current position (after a scrub back). */
  ahead: number;
  /** Latest virtual time reached (the end of the timeline). */
  end: number;
}

/** Slow speeds first: at 0.25× each hop of the control-plane story can be followed by eye. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;

/** What a discard threw away, so the UI can offer to undo it. */
export interface Discard {
  /** How many recorded commands went. */
  count: number;
  /** The whole sandbox as it was before (load it back to undo). */
  before: Sandbox;
  why: 'branch' | 'reset' | 'load';
}

export interface HostOptions {
  seed?: number;
  /** Minimum virtual ms between periodic snapshots. */
  snapshotEvery?: number;
  maxSnapshots?: number;
  /** Wall-clock budget per frame for advancing the simulation. */
  frameBudgetMs?: number;
  fs?: VirtualFs;
  /** Wall clock (injected for tests). */
  wallNow?: () => number;
  /** Whether the clock runs from the start (the studio: yes, at 1×). */
  playing?: boolean;
  /** The shell's mode (default interactive, as the terminal; `script` behaves as the headless runner). */
  mode?: 'script' | 'interactive';
}

type Listener = () => void;

export class SimHost {
  session!: SessionLike;
  private mod: SessionModule;
  private listeners = new Listeners();
  private outputListeners = new Listeners<[text: string]>();
  private eventListeners = new Listeners<[e: SimEvent]>();
  private discardListeners = new Listeners<[d: Discard]>();
  private unsubs: (() => void)[] = [];
  readonly commands: RecordedCommand[] = [];
  /** Index of the next recorded command not yet applied (< commands.length while replaying). */
  private applied = 0;
  snapshots: TimelineSnapshot[] = [];
  playing = false;
  speed = 1;
  seed: number;
  end = 0;
  /** Set while fast-forwarding (scrub, load): no animation events. */
  quiet = false;
  private carry = 0;
  private lastSnapWall = -Infinity;
  private lastSnapCost = 0;
  private opts: Required<Omit<HostOptions, 'fs' | 'seed' | 'playing' | 'mode'>>;
  private mode: 'script' | 'interactive';
  private fs: RecordedFs | undefined;
  /** The learner's language, for the shell's own messages (kept across resets). */
  private lang: 'en' | 'zh' = 'en';

  constructor(mod: SessionModule, options: HostOptions = {}) {
    this.mod = mod;
    this.seed = options.seed ?? 1;
    this.fs = options.fs ? new RecordedFs(options.fs) : undefined;
    this.playing = options.playing ?? false;
    this.mode = options.mode ?? 'interactive';
    this.opts = {
      snapshotEvery: options.snapshotEvery ?? 10_000,
      maxSnapshots: options.maxSnapshots ?? 120,
      frameBudgetMs: options.frameBudgetMs ?? 8,
      wallNow: options.wallNow ?? (() => performance.now()),
    };
    this.start(this.seed);
  }

  private start(seed: number): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
    this.seed = seed;
    this.session = this.mod.createSession({ mode: this.mode, seed, ...(this.fs ? { fs: this.fs } : {}) });
    this.session.lang = this.lang;
    this.wireCluster(this.session.cluster);
    this.unsubs.push(
      this.session.onClusterReplaced((c) => {
        this.wireCluster(c);
        this.seed = c.options.seed;
        // a `sim reset` inside the session: earlier snapshots belong to another cluster
        this.snapshots = [];
        this.takeSnapshot(true);
        this.emit();
      }),
      this.session.onOutput((text) => this.outputListeners.emit(text)),
    );
    this.snapshots = [];
    this.takeSnapshot(true);
  }

  private clusterUnsubs: (() => void)[] = [];
  private wireCluster(c: Cluster): void {
    for (const u of this.clusterUnsubs) u();
    this.clusterUnsubs = [
      c.log.subscribe((e) => {
        if (!this.quiet) this.eventListeners.emit(e);
      }),
    ];
  }

  get cluster(): Cluster {
    return this.session.cluster;
  }

  status(): HostStatus {
    return {
      now: this.cluster.now,
      version: this.cluster.version,
      playing: this.playing,
      speed: this.speed,
      seed: this.seed,
      ahead: this.commands.length - this.applied,
      end: Math.max(this.end, this.cluster.now),
    };
  }

  subscribe(l: Listener): () => void {
    return this.listeners.add(l);
  }
  /** Output of commands run by buttons and menus, and of running watches, for the terminal. */
  onOutput(l: (text: string) => void): () => void {
    return this.outputListeners.add(l);
  }
  /** Every event-log entry as it happens (not while fast-forwarding). */
  onEvent(l: (e: SimEvent) => void): () => void {
    return this.eventListeners.add(l);
  }
  /** Whenever recorded commands are thrown away (branch after a scrub back, reset, load). */
  onDiscard(l: (d: Discard) => void): () => void {
    return this.discardListeners.add(l);
  }
  private discarding(count: number, why: Discard['why']): void {
    if (count <= 0 || !this.discardListeners.size) return;
    const before: Sandbox = {
      v: SHARE_VERSION,
      seed: this.seed,
      commands: this.commands.map((c) => ({ ...c })),
      files: [],
      time: this.status().end,
    };
    this.discardListeners.emit({ count, before, why });
  }
  emit(): void {
    this.listeners.emit();
  }

  /** The shell answers in the learner's language (kubectl and docker output stays as the real tools print it). */
  setLang(lang: 'en' | 'zh'): void {
    this.lang = lang;
    this.session.lang = lang;
  }

  // --- commands ------------------------------------------------------------------------------------------------

  /**
   * Runs a command line as the learner typed it and records it. With `echo`, the line and its output go to the
   * terminal (used by the editor's buttons and the context menu, so every action is visible and replayable).
   */
  exec(text: string, opts: { echo?: boolean } = {}): { output: string; exitCode: number } {
    const line = text.trim();
    if (!line) return { output: '', exitCode: 0 };
    const readOnly = isReadOnly(line);
    // a read-only look at an earlier moment keeps the later work; only a change starts a new branch
    if (!readOnly && this.applied < this.commands.length) this.branch();
    // a snapshot before every command: the timeline can go back to just before it
    this.takeSnapshot(true);
    const t = this.cluster.now;
    const { result: r, reads } = this.fs
      ? this.fs.record(() => this.session.exec(text))
      : { result: this.session.exec(text), reads: undefined };
    if (!readOnly) {
      this.commands.push({ t, text, ...(reads ? { reads } : {}) });
      this.applied = this.commands.length;
    }
    this.end = Math.max(this.end, this.cluster.now);
    if (opts.echo) this.outputListeners.emit(`\x1b[1m$ ${line.split('\n')[0]}\x1b[0m\n${r.output}`);
    this.emit();
    return r;
  }

  /** Runs a read-only query for the inspector: not recorded, not echoed. */
  query(text: string): string {
    return this.session.exec(text).output;
  }

  /** Forgets the recorded future after a scrub back (a new command starts a new branch). */
  private branch(): void {
    this.discarding(this.commands.length - this.applied, 'branch');
    this.commands.length = this.applied;
    const now = this.cluster.now;
    this.snapshots = this.snapshots.filter((s) => s.time <= now && s.commands <= this.applied);
    this.end = now;
  }

  // --- time ------------------------------------------------------------------------------------------------------

  setPlaying(p: boolean): void {
    this.playing = p;
    this.carry = 0;
    if (!p) this.takeSnapshot(false);
    this.emit();
  }
  setSpeed(s: number): void {
    this.speed = s;
    this.emit();
  }

  /** Advances virtual time by `ms`, applying recorded commands at their times when replaying. */
  advanceBy(ms: number): void {
    const target = this.cluster.now + ms;
    this.advanceTo(target);
  }

  private advanceTo(target: number): void {
    while (this.applied < this.commands.length && this.commands[this.applied]!.t <= target) {
      const c = this.commands[this.applied]!;
      if (c.t > this.cluster.now) this.cluster.advance(c.t - this.cluster.now);
      // `sim advance` only moves time: replaying it would overshoot `target`; the loop below advances instead
      if (!isTimeOnly(c.text)) {
        this.takeSnapshot(true);
        if (this.fs) this.fs.replay(c.reads, () => this.session.exec(c.text));
        else this.session.exec(c.text);
      }
      this.applied++;
    }
    if (target > this.cluster.now) this.cluster.advance(target - this.cluster.now);
    this.end = Math.max(this.end, this.cluster.now);
    this.takeSnapshot(false);
  }

  /** One animation frame: `dt` wall ms × speed, sliced so a frame never takes much more than the budget. */
  frame(dtWallMs: number): void {
    if (!this.playing) return;
    const wall = this.opts.wallNow;
    const t0 = wall();
    let todo = Math.min(dtWallMs, 100) * this.speed + this.carry;
    const slice = Math.max(100, this.speed * 4);
    while (todo >= 1) {
      const chunk = Math.min(Math.floor(todo), slice);
      this.advanceBy(chunk);
      todo -= chunk;
      if (wall() - t0 > this.opts.frameBudgetMs) break; // fall behind real time rather than block input
    }
    this.carry = Math.min(todo, 1);
    this.emit();
  }

  /** Single step: to the next timer of the simulation. */
  step(): void {
    const next = this.cluster.clock.peek();
    if (next === undefined) return;
    this.advanceTo(Math.max(next, this.cluster.now));
    if (this.cluster.now < next) this.cluster.step();
    this.emit();
  }

  private takeSnapshot(force: boolean): void {
    const now = this.cluster.now;
    const last = this.snapshots[this.snapshots.length - 1];
    if (last && last.time === now && last.commands === this.applied) return;
    if (!force && last) {
      if (now - last.time < this.opts.snapshotEvery) return;
      // Serialising a big cluster takes long (~150 ms for 300 pods): while playing, a periodic snapshot may use
      // at most 2% of the wall clock, and none is taken when one costs more than a frame; pausing takes one.
      // Scrubbing then replays from an older snapshot, which costs only simulation time.
      const since = this.opts.wallNow() - this.lastSnapWall;
      if (since < Math.max(500, this.lastSnapCost * 50)) return;
      if (this.playing && this.lastSnapCost > 12) return;
    }
    const t0 = this.opts.wallNow();
    this.snapshots.push({ time: now, commands: this.applied, snap: this.cluster.snapshot() });
    this.lastSnapWall = this.opts.wallNow();
    this.lastSnapCost = this.lastSnapWall - t0;
    if (this.snapshots.length > this.opts.maxSnapshots) {
      // thin the older half, keep the first (time 0) and the recent ones
      const keep = this.snapshots.filter((_, i) => i === 0 || i >= this.snapshots.length / 2 || i % 2 === 0);
      this.snapshots = keep;
    }
  }

  /** Goes to virtual time `t`: restore the nearest earlier snapshot, then advance (replaying commands). */
  scrubTo(t: number): void {
    const target = Math.max(0, Math.min(t, this.status().end));
    let best: TimelineSnapshot | undefined;
    for (const s of this.snapshots) if (s.time <= target && (!best || s.time >= best.time)) best = s;
    if (!best) return;
    this.quiet = true;
    try {
      this.cluster.restore(best.snap);
      this.applied = best.commands;
      this.advanceTo(target);
    } finally {
      this.quiet = false;
    }
    this.emit();
  }

  /** Back to the latest moment recorded. */
  toEnd(): void {
    this.scrubTo(this.status().end);
  }

  /** A fresh cluster with `seed`; forgets commands. */
  reset(seed = this.seed): void {
    this.discarding(this.commands.length, 'reset');
    this.commands.length = 0;
    this.applied = 0;
    this.end = 0;
    this.start(seed);
    this.emit();
  }

  // --- sharing ---------------------------------------------------------------------------------------------------

  toSandbox(files: EditorFile[], activeFile?: string): Sandbox {
    return {
      v: SHARE_VERSION,
      seed: this.seed,
      commands: this.commands.slice(0, this.applied).map((c) => ({ ...c })),
      files,
      time: this.cluster.now,
      ...(activeFile ? { activeFile } : {}),
    };
  }

  /** Rebuilds a sandbox: same seed, same commands at the same virtual times. */
  load(s: Sandbox, opts: { silent?: boolean } = {}): void {
    if (!opts.silent) this.discarding(this.commands.length, 'load');
    this.commands.length = 0;
    this.applied = 0;
    this.end = 0;
    this.quiet = true;
    try {
      this.start(s.seed);
      this.commands.push(...s.commands.map((c) => ({ ...c })));
      this.advanceTo(Math.max(s.time, s.commands[s.commands.length - 1]?.t ?? 0));
    } finally {
      this.quiet = false;
    }
    this.emit();
  }
}

/** `sim advance <d>`: its effect on replay is the time it covers, which the replay loop advances anyway. */
export function isTimeOnly(line: string): boolean {
  return /^\s*sim\s+advance\s+\S+\s*$/.test(line);
}

/** Commands that only read state need not be replayed (they still run; they are not recorded). */
export function isReadOnly(line: string): boolean {
  const w = line.trim().split(/\s+/);
  if (w[0] === 'help' || w[0] === 'clear' || w[0] === 'history') return true;
  if (w[0] === 'kubectl') {
    let verb: string | undefined;
    for (let i = 1; i < w.length; i++) {
      const x = w[i]!;
      if (['-n', '--namespace', '-l', '--selector', '-o', '--output', '--context'].includes(x)) i++;
      else if (!x.startsWith('-')) {
        verb = x;
        break;
      }
    }
    return [
      'get',
      'describe',
      'logs',
      'explain',
      'version',
      'api-resources',
      'top',
      'cluster-info',
      'events',
    ].includes(verb ?? '');
  }
  if (w[0] === 'docker')
    return ['ps', 'images', 'inspect', 'logs', 'history', 'version', 'info'].includes(w[1] ?? '');
  if (w[0] === 'sim') return ['time', 'iptables', 'why'].includes(w[1] ?? '');
  return false;
}
