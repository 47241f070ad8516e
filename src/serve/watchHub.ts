/**
 * Watches for the HTTP API: one listener on the store feeds a bounded buffer of recent changes (with the
 * revision each happened at) and the open watches. A watch from resourceVersion N replays the buffered changes
 * after N, then follows live ones; N older than the buffer is `410 Gone`, as after an etcd compaction. A watch
 * without a resourceVersion (or "0") starts with an ADDED for every matching object.
 */
import type { KObject } from '../sim/api/types';
import type { Cluster } from '../sim/cluster';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  rev: number;
  type: WatchEventType;
  obj: KObject;
  old?: KObject;
}

export interface WatchFilter {
  kind: string;
  namespace?: string;
  matches(o: KObject): boolean;
}

export interface Watch {
  filter: WatchFilter;
  send(type: WatchEventType, obj: KObject): void;
}

/** How many recent changes the hub keeps for watches that resume from a resourceVersion. */
export const WATCH_BUFFER = 20_000;

export class WatchHub {
  private buffer: Change[] = [];
  private watches = new Set<Watch>();
  private off: (() => void) | undefined;
  /** Changes delivered to watches (for the bench's lost-event count). */
  delivered = 0;
  /** The oldest revision a watch may resume after. */
  private floor = 0;

  constructor(private cluster: Cluster) {
    this.attach(cluster);
  }

  /** Follows another cluster (after `sim reset`): history restarts, open watches end. */
  attach(cluster: Cluster): void {
    this.off?.();
    this.cluster = cluster;
    this.buffer = [];
    this.floor = cluster.store.revision;
    this.off = cluster.store.watch('*', (type, obj, old) => this.record(type, obj, old));
  }

  get size(): number {
    return this.watches.size;
  }

  private record(type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    const rev = this.cluster.store.revision;
    // A deleted object carries the revision of its deletion, so a watch can resume after it.
    const o =
      type === 'DELETED' ? { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rev) } } : obj;
    const c: Change = { rev, type, obj: o, ...(old ? { old } : {}) };
    this.buffer.push(c);
    if (this.buffer.length > WATCH_BUFFER) {
      const drop = this.buffer.length - WATCH_BUFFER / 2;
      this.floor = this.buffer[drop - 1]!.rev;
      this.buffer.splice(0, drop);
    }
    for (const w of this.watches) this.deliver(w, c);
  }

  private deliver(w: Watch, c: Change): void {
    const f = w.filter;
    if (c.obj.kind !== f.kind) return;
    if (f.namespace !== undefined && (c.obj.metadata.namespace ?? '') !== f.namespace) return;
    const now = f.matches(c.obj);
    const before = c.old ? f.matches(c.old) : false;
    let type: WatchEventType | undefined;
    if (c.type === 'MODIFIED')
      type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined;
    else type = now ? c.type : undefined;
    if (!type) return;
    this.delivered++;
    // A failing watch (a closed socket, a printer error) must never break the store write that notified it.
    try {
      w.send(type, c.obj);
    } catch {
      this.watches.delete(w);
    }
  }

  /**
   * Opens a watch. Returns 'gone' when `resourceVersion` is older than the buffer; otherwise the function that
   * closes it.
   */
  open(w: Watch, resourceVersion: string | undefined): 'gone' | (() => void) {
    if (!resourceVersion || resourceVersion === '0') {
      const objs = this.cluster.api.list(w.filter.kind, w.filter.namespace);
      for (const o of objs) if (w.filter.matches(o)) w.send('ADDED', o);
    } else {
      const rv = Number(resourceVersion);
      if (!Number.isFinite(rv) || rv < this.floor) return 'gone';
      for (const c of this.buffer) if (c.rev > rv) this.deliver(w, c);
    }
    this.watches.add(w);
    return () => this.watches.delete(w);
  }

  /** The oldest resourceVersion still servable (for the Gone message). */
  get oldest(): number {
    return this.floor;
  }
}
