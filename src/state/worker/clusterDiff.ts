/**
 * What changed in the cluster since the last push, as a compact diff: the store's watch marks keys dirty, and
 * a push sends only the dirty objects whose resourceVersion differs from the one the mirror holds. After a jump
 * in time (a snapshot restored) every object is compared once against what was sent, so the mirror follows
 * without a full copy; a new cluster (reset, load) starts the mirror afresh, its objects sent in capped pushes.
 */
import type { Cluster } from '../../sim/cluster';
import type { KObject } from '../../sim/api/types';
import type { SimEvent } from '../../sim/engine/eventLog';
import { objectKey } from '../../sim/api/store';
import { EVENTS_PER_PUSH, UNMIRRORED_KINDS } from './protocol';

export interface ObjectDiff {
  clear: boolean;
  upserts: KObject[];
  removes: string[];
}

function rvOf(o: KObject): string {
  return o.metadata.resourceVersion ?? '';
}

export class ClusterDiffer {
  private cluster: Cluster | undefined;
  private unwatch: (() => void) | undefined;
  /** key → resourceVersion the mirror holds */
  private sent = new Map<string, string>();
  private dirty = new Set<string>();
  private full = true;
  private clear = true;

  /** Follows `c` (a new cluster after `sim reset` or a load: the mirror is cleared). */
  attach(c: Cluster): void {
    if (this.cluster === c) return;
    this.unwatch?.();
    this.cluster = c;
    this.unwatch = c.store.watch('*', (_type, obj) => {
      if (!UNMIRRORED_KINDS.has(obj.kind))
        this.dirty.add(objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name));
    });
    this.sent.clear();
    this.dirty.clear();
    // a new cluster goes over in pushes of `max` objects like any other change (the first one clears the
    // mirror): a 1,000-node cluster is a 6 MB copy, which the page would take in one long task
    for (const o of c.store.all())
      if (!UNMIRRORED_KINDS.has(o.kind))
        this.dirty.add(objectKey(o.kind, o.metadata.namespace, o.metadata.name));
    this.full = false;
    this.clear = true;
  }

  /** The cluster's state was replaced under the watch (a snapshot restored): compare everything once. */
  markFull(): void {
    this.full = true;
  }

  get pending(): boolean {
    return this.full || this.clear || this.dirty.size > 0;
  }

  /**
   * The changes to send. Outside a jump at most `max` objects go per push (the rest the next time): the page
   * copies and applies one push in a task of its own, which must stay short however many pods changed.
   */
  take(max = Infinity): ObjectDiff {
    const c = this.cluster;
    const out: ObjectDiff = { clear: this.clear, upserts: [], removes: [] };
    this.clear = false;
    if (!c) return out;
    if (this.full) {
      const seen = new Set<string>();
      for (const o of c.store.all()) {
        if (UNMIRRORED_KINDS.has(o.kind)) continue;
        const key = objectKey(o.kind, o.metadata.namespace, o.metadata.name);
        seen.add(key);
        if (this.sent.get(key) !== rvOf(o)) {
          this.sent.set(key, rvOf(o));
          out.upserts.push(o);
        }
      }
      for (const key of this.sent.keys())
        if (!seen.has(key)) {
          this.sent.delete(key);
          out.removes.push(key);
        }
    } else {
      let n = 0;
      for (const key of this.dirty) {
        if (n >= max) break;
        this.dirty.delete(key);
        const o = c.store.getByKey(key);
        if (o) {
          if (this.sent.get(key) !== rvOf(o)) {
            this.sent.set(key, rvOf(o));
            out.upserts.push(o);
            n++;
          }
        } else if (this.sent.delete(key)) {
          out.removes.push(key);
          n++;
        }
      }
      return out;
    }
    this.full = false;
    this.dirty.clear();
    return out;
  }
}

/** A log entry as a plain object (entries are read back as instances whose summary is a getter). */
export function plainEvent(e: SimEvent): SimEvent {
  const p: SimEvent = {
    seq: e.seq,
    time: e.time,
    kind: e.kind,
    source: e.source,
    target: e.target,
    verb: e.verb,
    summary: e.summary,
  };
  if (e.object) p.object = { ...e.object };
  return p;
}

/**
 * New log entries after `afterSeq`, at most `max`, the newest kept; `jumped` when the log no longer reaches
 * `afterSeq` (it was truncated by a restore).
 */
export function logTail(
  log: Cluster['log'],
  afterSeq: number,
  max = EVENTS_PER_PUSH,
): { events: SimEvent[]; jumped: boolean } {
  const out: SimEvent[] = [];
  const n = log.size;
  const newest = n ? log.at(n - 1)!.seq : 0;
  const jumped = newest < afterSeq;
  for (let k = n - 1; k >= 0 && out.length < max; k--) {
    const e = log.at(k)!;
    if (!jumped && e.seq <= afterSeq) break;
    out.push(plainEvent(e));
  }
  out.reverse();
  return { events: out, jumped };
}
