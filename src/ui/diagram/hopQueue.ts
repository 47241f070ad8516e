/**
 * Schedules the event log's hops as messages flying between components, in wall-clock time, paced by the
 * simulation speed. Pure bookkeeping (no DOM): the HopLayer draws what `active(now)` returns.
 *
 * At 1× and slower the queue tells the control-plane story: one message at a time (kubectl → API server → etcd →
 * controller manager → scheduler → kubelet → runtime), each long enough to read, the bookkeeping traffic between
 * them (status updates, Kubernetes Events, probes, leases) left out. Faster speeds show every hop, overlapping.
 */
import type { SimEvent } from '../../sim/engine/eventLog';

export interface Flight {
  seq: number;
  source: string;
  target: string;
  kind: string;
  verb: string;
  label: string;
  object?: SimEvent['object'];
  /** The log's one-line summary (the scheduler's bind names the node there). */
  summary: string;
  /** wall ms */
  start: number;
  /** Travel time, wall ms. */
  duration: number;
  /** Time the message rests at its target after landing (its label still shown), wall ms. */
  dwell: number;
  /** Sent by a single step while paused: it stays drawn at its target until the next step or Play. */
  held?: boolean;
}

export interface HopQueueOptions {
  /** Most flights on screen at once; older pending ones are dropped beyond it. */
  maxActive?: number;
  /** Pending backlog limit in wall ms: further hops are dropped rather than lagging behind the simulation. */
  maxLagMs?: number;
  /** At story speeds (≤ 1×), the most story hops waiting their turn. */
  maxStory?: number;
}

/** At 1×: a hop flies this long, then rests this long at its target; slower speeds stretch both. */
export const STORY_TRAVEL_MS = 700;
export const STORY_DWELL_MS = 300;

export function hopLabel(e: Pick<SimEvent, 'verb' | 'object'>): string {
  const obj = e.object ? ` ${e.object.kind.toLowerCase()}/${e.object.name}` : '';
  return `${e.verb}${obj}`;
}

/** Objects whose writes are plumbing, not the story a learner follows. */
const PLUMBING = new Set(['Lease', 'Event', 'Endpoints', 'EndpointSlice', 'Node']);

/**
 * Whether a hop is part of the story told at slow speeds. `lastRequest` is the key of the last story request
 * (`verb Kind/name`): only its own write to etcd is told, not the persist of every status update.
 */
export function isStoryHop(e: SimEvent, lastRequest: string | undefined): boolean {
  const obj = e.object;
  switch (e.kind) {
    case 'request':
      if (e.source === 'kubectl' || e.source === 'user') return true;
      if (e.verb === 'update-status' || e.verb === 'event') return false;
      if (obj && PLUMBING.has(obj.kind)) return false;
      return e.verb === 'create' || e.verb === 'delete' || e.verb === 'update';
    case 'persist':
      return !!obj && lastRequest === `${e.verb} ${obj.kind}/${obj.name}`;
    case 'watch':
      return !obj || !PLUMBING.has(obj.kind);
    case 'bind':
    case 'pull':
    case 'fault':
    case 'docker':
      return true;
    case 'runtime':
      // the sandbox is told once (RunPodSandbox); its pause container's create/start are not
      if (e.verb === 'RunPodSandbox') return true;
      return (e.verb === 'start' || e.verb === 'stop') && !e.summary.includes('k8s_POD_');
    default:
      return false;
  }
}

export class HopQueue {
  private flights: Flight[] = [];
  private lastStart = -Infinity;
  /** When the last queued flight has landed and rested (story speeds queue the next one after it). */
  private lastEnd = -Infinity;
  private lastRequest: string | undefined;
  dropped = 0;
  /** Hops left out of the story at slow speeds (plumbing). */
  skipped = 0;
  private maxActive: number;
  private maxLag: number;
  private maxStory: number;

  constructor(opts: HopQueueOptions = {}) {
    this.maxActive = opts.maxActive ?? 40;
    this.maxLag = opts.maxLagMs ?? 1500;
    this.maxStory = opts.maxStory ?? 40;
  }

  /**
   * Adds a hop. `wallNow` is the current wall time, `virtualBase` the virtual time shown at `wallNow`.
   * At 1× and slower, story hops are queued one after another (a message lands and rests before the next one
   * leaves) and plumbing is left out; faster, hops at the same virtual instant are staggered so a causal chain
   * still reads in order.
   */
  push(e: SimEvent, wallNow: number, virtualBase: number, speed: number, held = false): void {
    const s = Math.max(0.25, speed);
    const ideal = wallNow + Math.max(0, (e.time - virtualBase) / s);
    const base = {
      seq: e.seq,
      source: e.source,
      target: e.target,
      kind: e.kind,
      verb: e.verb,
      label: hopLabel(e),
      summary: e.summary,
      ...(e.object ? { object: e.object } : {}),
      ...(held ? { held } : {}),
    };
    if (s <= 1) {
      if (!isStoryHop(e, this.lastRequest)) {
        this.skipped++;
        return;
      }
      if (e.kind === 'request' && e.object) this.lastRequest = `${e.verb} ${e.object.kind}/${e.object.name}`;
      // a new command starts its own story: what the last one still had waiting is let go
      if (e.kind === 'request' && (e.source === 'kubectl' || e.source === 'user')) this.flushPending(wallNow);
      const waiting = this.flights.filter((f) => f.start > wallNow).length;
      if (waiting >= this.maxStory) {
        this.dropped++;
        return;
      }
      const duration = STORY_TRAVEL_MS / s;
      const dwell = STORY_DWELL_MS / s;
      const start = Math.max(ideal, this.lastEnd);
      this.lastStart = start;
      this.lastEnd = start + duration + dwell;
      this.flights.push({ ...base, start, duration, dwell });
      return;
    }
    const duration = Math.max(180, 800 / Math.sqrt(s));
    const stagger = Math.max(20, 160 / s);
    const start = Math.max(ideal, this.lastStart + stagger);
    if (start - wallNow > this.maxLag) {
      this.dropped++;
      return;
    }
    this.lastStart = start;
    this.lastEnd = Math.max(this.lastEnd, start + duration);
    this.flights.push({ ...base, start, duration, dwell: 0 });
    if (this.flights.length > this.maxActive * 3) {
      const n = this.flights.length - this.maxActive * 3;
      this.flights.splice(0, n);
      this.dropped += n;
    }
  }

  /** Drops the flights that have not started yet (the queue then runs on from what is in the air). */
  private flushPending(now: number): void {
    const before = this.flights.length;
    this.flights = this.flights.filter((f) => f.start <= now);
    this.dropped += before - this.flights.length;
    this.lastEnd = Math.max(now, ...this.flights.map((f) => f.start + f.duration + f.dwell));
    this.lastStart = Math.min(this.lastStart, now);
  }

  /** Flights visible at `now` with their progress (1 while resting at the target); finished ones are forgotten. */
  active(now: number): { flight: Flight; progress: number }[] {
    this.flights = this.flights.filter((f) => f.held || f.start + f.duration + f.dwell > now);
    // of the held flights that landed, the last few stay (a command's burst of hops would fill the screen)
    let landed = 0;
    for (let i = this.flights.length - 1; i >= 0; i--) {
      const f = this.flights[i]!;
      if (f.held && f.start + f.duration <= now && ++landed > 3) this.flights.splice(i, 1);
    }
    const out: { flight: Flight; progress: number }[] = [];
    for (const f of this.flights) {
      if (f.start > now) continue;
      out.push({ flight: f, progress: (now - f.start) / f.duration });
      if (out.length >= this.maxActive) break;
    }
    return out;
  }

  get pending(): number {
    return this.flights.length;
  }

  /** Lets held flights go (the next step, or Play). */
  release(): void {
    this.flights = this.flights.filter((f) => !f.held);
  }

  clear(): void {
    this.flights = [];
    this.lastStart = -Infinity;
    this.lastEnd = -Infinity;
  }
}
