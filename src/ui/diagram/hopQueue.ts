/**
 * Schedules the event log's hops as messages flying between components, in wall-clock time, paced by the
 * simulation speed. Pure bookkeeping (no DOM): the HopLayer draws what `active(now)` returns.
 */
import type { SimEvent } from '../../sim/engine/eventLog';

export interface Flight {
  seq: number;
  source: string;
  target: string;
  kind: string;
  label: string;
  object?: SimEvent['object'];
  /** wall ms */
  start: number;
  duration: number;
  /** Sent by a single step while paused: it stays drawn at its target until the next step or Play. */
  held?: boolean;
}

export interface HopQueueOptions {
  /** Most flights on screen at once; older pending ones are dropped beyond it. */
  maxActive?: number;
  /** Pending backlog limit in wall ms: further hops are dropped rather than lagging behind the simulation. */
  maxLagMs?: number;
}

export function hopLabel(e: SimEvent): string {
  const obj = e.object ? ` ${e.object.kind.toLowerCase()}/${e.object.name}` : '';
  return `${e.verb}${obj}`;
}

export class HopQueue {
  private flights: Flight[] = [];
  private lastStart = -Infinity;
  dropped = 0;
  private maxActive: number;
  private maxLag: number;

  constructor(opts: HopQueueOptions = {}) {
    this.maxActive = opts.maxActive ?? 40;
    this.maxLag = opts.maxLagMs ?? 1500;
  }

  /**
   * Adds a hop. `wallNow` is the current wall time, `virtualBase` the virtual time shown at `wallNow`.
   * Hops at the same virtual instant are staggered so a causal chain (kubectl → API server → etcd → watch…)
   * reads in order; faster speeds shorten both the stagger and the flight.
   */
  push(e: SimEvent, wallNow: number, virtualBase: number, speed: number, held = false): void {
    // slow speeds really are slower: at 0.25× a hop takes 1.6 s and the next one waits for it to land
    const s = Math.max(0.25, speed);
    const duration = Math.max(180, 800 / Math.sqrt(s));
    const stagger = s < 1 ? duration : Math.max(20, 160 / s);
    const ideal = wallNow + Math.max(0, (e.time - virtualBase) / s);
    const start = Math.max(ideal, this.lastStart + stagger);
    // at slow speeds a learner watches the story hop by hop: a longer backlog is kept rather than dropped
    if (start - wallNow > (s < 1 ? this.maxLag * 8 : this.maxLag)) {
      this.dropped++;
      return;
    }
    this.lastStart = start;
    this.flights.push({
      seq: e.seq,
      source: e.source,
      target: e.target,
      kind: e.kind,
      label: hopLabel(e),
      object: e.object,
      start,
      duration,
      ...(held ? { held } : {}),
    });
    if (this.flights.length > this.maxActive * 3) {
      const n = this.flights.length - this.maxActive * 3;
      this.flights.splice(0, n);
      this.dropped += n;
    }
  }

  /** Flights visible at `now` with their progress 0..1; finished ones are forgotten. */
  active(now: number): { flight: Flight; progress: number }[] {
    this.flights = this.flights.filter((f) => f.held || f.start + f.duration > now);
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
  }
}
