/**
 * Simulation clock with timers as data. A timer names a handler registered by type, so the pending timers are
 * plain JSON and belong to a snapshot; handlers are code bound when the cluster is built.
 */
export interface Timer {
  /** Virtual time in milliseconds when it fires. */
  at: number;
  /** Insertion order: ties at the same time fire first-in first-out. */
  seq: number;
  /** Handler name, e.g. `kubelet.podWorker`. */
  type: string;
  /** JSON payload given to the handler. */
  payload: unknown;
  /** Optional key: scheduling a keyed timer replaces the pending one with the same key. */
  key?: string;
  /** Set when cancelled; the heap drops it lazily. */
  cancelled?: boolean;
}

export interface ClockState {
  now: number;
  nextSeq: number;
  timers: Timer[];
}

export type TimerHandler = (payload: never, timer: Timer) => void;

/** Binary-heap priority queue over timers ordered by (at, seq). Works on ClockState.timers in place. */
export class Clock {
  private handlers = new Map<string, TimerHandler>();
  private keyed = new Map<string, Timer>();

  constructor(public state: ClockState) {
    this.reindex();
  }

  /** Swaps in another state (snapshot restore); handlers stay. */
  load(state: ClockState): void {
    this.state = state;
    this.reindex();
  }

  /** Rebuilds the key index. */
  reindex(): void {
    this.keyed.clear();
    for (const t of this.state.timers) if (t.key && !t.cancelled) this.keyed.set(t.key, t);
  }

  get now(): number {
    return this.state.now;
  }

  on<P>(type: string, handler: (payload: P, timer: Timer) => void): void {
    this.handlers.set(type, handler as TimerHandler);
  }

  /** Schedules `type` to fire after `delayMs` (≥ 0). A keyed timer replaces its pending twin. */
  after(delayMs: number, type: string, payload: unknown = null, key?: string): Timer {
    return this.at(this.state.now + Math.max(0, delayMs), type, payload, key);
  }

  at(at: number, type: string, payload: unknown = null, key?: string): Timer {
    if (key) this.cancel(key);
    // Every field present (undefined when unset; JSON leaves those out): one hidden class for all timers, so the
    // heap's code does not deoptimize when a keyed or cancelled one first reaches it.
    const t: Timer = {
      at: Math.max(at, this.state.now),
      seq: this.state.nextSeq++,
      type,
      payload,
      key: key || undefined,
      cancelled: undefined,
    };
    if (key) this.keyed.set(key, t);
    this.push(t);
    return t;
  }

  /** Cancels the pending keyed timer, if any. */
  cancel(key: string): void {
    const t = this.keyed.get(key);
    if (t) {
      t.cancelled = true;
      this.keyed.delete(key);
    }
  }

  has(key: string): boolean {
    return this.keyed.has(key);
  }

  pending(key: string): Timer | undefined {
    return this.keyed.get(key);
  }

  /** Time of the next live timer, or undefined. */
  peek(): number | undefined {
    this.dropCancelled();
    return this.state.timers[0]?.at;
  }

  /**
   * Fires every timer due at or before `until`, in order, moving `now` to each timer's time, then sets
   * `now = until`. `afterEach` runs after each fired timer (the cluster drains its work queues there).
   */
  runUntil(until: number, afterEach?: () => void): void {
    for (;;) {
      this.dropCancelled();
      const top = this.state.timers[0];
      if (!top || top.at > until) break;
      this.pop();
      if (top.key) this.keyed.delete(top.key);
      this.state.now = Math.max(this.state.now, top.at);
      const h = this.handlers.get(top.type);
      if (!h) throw new Error(`no handler for timer ${top.type}`);
      h(top.payload as never, top);
      // Timers due at the same instant fire together; reactions (afterEach) run once the instant is done.
      if (afterEach) {
        this.dropCancelled();
        const next = this.state.timers[0];
        if (!next || next.at > this.state.now) afterEach();
      }
    }
    if (until > this.state.now) this.state.now = until;
  }

  private dropCancelled(): void {
    const ts = this.state.timers;
    while (ts.length && ts[0]!.cancelled) this.pop();
  }

  private less(x: Timer, y: Timer): boolean {
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private push(t: Timer): void {
    const h = this.state.timers;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.state.timers;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Parses a Go-style duration (`500ms`, `30s`, `5m`, `1h`, `1h30m`) into milliseconds; NaN when invalid. */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return NaN;
    const n = Number(m[1]);
    total += n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : NaN;
}
