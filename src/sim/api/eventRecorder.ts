/**
 * The API server's event recorder: Kubernetes Events about objects, aggregated and spam-filtered like client-go's
 * event correlator, named like the recorder names them, and indexed by involved object.
 */
import { flat, withFields } from '../util/shapes';
import {
  aggregate,
  AGGREGATE_MAX_EVENTS,
  COMBINED_PREFIX,
  correlates,
  spamAccept,
  type SpamState,
} from './eventCorrelator';
import type { ApiHost } from './apiHost';
import { kubeletOf, nodeComponent, type ComponentId, type SummaryFormat } from '../engine/eventLog';
import type { KObject, KEvent } from './types';
import { compareObjects } from './store';
import { EPOCH_MS } from '../engine/epoch';
import { refTo } from './objectRef';

/** `EPOCH_MS + now` as 11 hex digits; remembers the last instant (every event of one instant shares it). */
let lastMsHex = { now: NaN, hex: '' };
function epochMsHex(now: number): string {
  if (lastMsHex.now !== now) lastMsHex = { now, hex: (EPOCH_MS + now).toString(16).padStart(11, '0') };
  return lastMsHex.hex;
}

/** Records Events and answers which Events are about an object. */
export class EventRecorder {
  constructor(private readonly cluster: ApiHost) {}

  private get store() {
    return this.cluster.store;
  }

  /**
   * Records a Kubernetes Event about `involved` (aggregated like the event recorder: same object, reason,
   * message and source → count and lastTimestamp grow).
   */
  record(
    involved: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    const ns = involved.metadata.namespace ?? 'default';
    const now = this.cluster.iso();
    const objKey = involved.metadata.uid ?? `${involved.kind}/${ns}/${involved.metadata.name}`;
    const about = this.eventsAbout(objKey);
    const hostOf = host ?? '';
    // (messages every pod repeats come shared from their callers, e.g. the kubelet's `Started container web`;
    // interning here too hashed every new message, most of them unique: `Successfully assigned …`)
    let msg = flat(message);
    // One pass: the same event (it counts up), and how many events of this source, type and reason there are.
    let existing: KEvent | undefined;
    let similar = 0;
    for (let i = 0; i < about.length; i++) {
      const e = about[i]!;
      if (e.reason !== reason || e.source.component !== component || (e.source.host ?? '') !== hostOf)
        continue;
      if (e.message === msg) existing ??= e;
      if (e.type === type) similar++;
    }
    if (correlates(component)) {
      // (The real correlator aggregates first, then filters; aggregation here keeps no state of its own, so
      // a dropped event can be dropped before the aggregation work.)
      const spam = (this.cluster.state.ext.eventSpam ??= { buckets: {} }) as SpamState;
      if (!spamAccept(spam, objKey, component, hostOf, this.cluster.now)) return;
      // Aggregation needs 10 different messages: below that (nearly always) it cannot apply.
      if (similar + 1 >= AGGREGATE_MAX_EVENTS) {
        const same = (e: KEvent) =>
          e.reason === reason &&
          e.type === type &&
          e.source.component === component &&
          (e.source.host ?? '') === hostOf;
        const agg = aggregate(about, same, msg, this.cluster.now, (ts) => this.cluster.fromIso(ts));
        if (agg.combined) {
          msg = agg.message;
          existing = about.find((e) => same(e) && e.message.startsWith(COMBINED_PREFIX));
        }
      }
    }
    if (existing) {
      const ev = withFields(existing, {
        count: existing.count + 1,
        lastTimestamp: now,
        message: msg,
        metadata: { ...existing.metadata },
      });
      this.store.put(ev);
    } else {
      // Like the event recorder: `<object>.<time in ns, hex>` — names sort in the order events happened.
      // 11 hex digits of epoch milliseconds + 5 of a store counter: fixed width, so names sort by time.
      const msHex = epochMsHex(this.cluster.now);
      const ns16 = msHex + (this.store.revision % 0x100000).toString(16).padStart(5, '0');
      const name = flat(`${involved.metadata.name}.${ns16}`);
      const ev: KEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        // (resourceVersion is set by the store: its slot here keeps all five fields inside the object)
        metadata: {
          name,
          namespace: ns,
          uid: this.cluster.rng.uuid(),
          creationTimestamp: now,
          resourceVersion: '',
        },
        involvedObject: involved.metadata.namespace
          ? {
              kind: involved.kind,
              namespace: involved.metadata.namespace,
              name: involved.metadata.name,
              uid: involved.metadata.uid,
              apiVersion: involved.apiVersion,
              resourceVersion: involved.metadata.resourceVersion,
            }
          : {
              kind: involved.kind,
              name: involved.metadata.name,
              uid: involved.metadata.uid,
              apiVersion: involved.apiVersion,
              resourceVersion: involved.metadata.resourceVersion,
            },
        reason,
        message: msg,
        source: eventSource(component, host),
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        reportingComponent: component,
        reportingInstance: hostOf,
      };
      this.store.put(ev);
    }
    this.cluster.log.hop(
      this.cluster.now,
      'event',
      componentOf(component, host),
      'kube-apiserver',
      'event',
      refTo(involved),
      eventSummary,
      type,
      reason,
      msg,
    );
  }

  /**
   * Stored events by involved object (uid, or kind/namespace/name when it has none), oldest first. Derived:
   * kept up to date by a watch on Events and rebuilt after a restore.
   */
  private eventsByObject = new Map<string, KEvent[]>();
  private eventsByObjectFor: unknown = null;
  private eventsAbout(objKey: string): KEvent[] {
    if (this.eventsByObjectFor !== this.store.state) {
      if (this.eventsByObjectFor === null) {
        this.store.watch('Event', (type, o) => {
          if (this.eventsByObjectFor !== this.store.state) return; // rebuilt on next use
          const e = o as KEvent;
          const k = eventObjectKey(e);
          const list = this.eventsByObject.get(k);
          if (type === 'ADDED') {
            // a new array each time: exact size (push would reserve room for 17 per object)
            this.eventsByObject.set(k, list ? list.concat([e]) : [e]);
            return;
          }
          if (!list) return;
          const i = list.findIndex((x) => x.metadata.name === e.metadata.name);
          if (i < 0) return;
          if (type === 'MODIFIED') list[i] = e;
          else {
            list.splice(i, 1);
            if (!list.length) this.eventsByObject.delete(k);
          }
        });
      }
      this.eventsByObject = new Map();
      this.eventsByObjectFor = this.store.state;
      for (const e of this.store.list('Event') as KEvent[]) {
        const k = eventObjectKey(e);
        let list = this.eventsByObject.get(k);
        if (!list) this.eventsByObject.set(k, (list = []));
        list.push(e);
      }
    }
    return this.eventsByObject.get(objKey) ?? NO_EVENTS;
  }

  /** Events about an object, oldest first. */
  eventsFor(obj: KObject): KEvent[] {
    const ns = obj.metadata.namespace ?? 'default';
    const byUid = obj.metadata.uid ? this.eventsAbout(obj.metadata.uid) : NO_EVENTS;
    const byName = this.eventsAbout(`${obj.kind}/${ns}/${obj.metadata.name}`);
    return [...byUid, ...byName]
      .filter((e) => (e.metadata.namespace ?? 'default') === ns)
      .sort((a, b) =>
        a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : compareObjects(a, b),
      );
  }
}

const eventSummary: SummaryFormat = (_h, type, reason, msg) => `${type} ${reason}: ${msg}`;

/** The (empty, frozen) event list of an object nothing was recorded about. */
const NO_EVENTS: KEvent[] = Object.freeze([]) as unknown as KEvent[];

/** Event sources, one frozen object per component and host (a kubelet's events all share it). */
const sources = new Map<string, Map<string, KEvent['source']>>();
let lastSource: KEvent['source'] = { component: '' };
function eventSource(component: string, host: string | undefined): KEvent['source'] {
  // a kubelet often records several events in a row
  if (lastSource.component === component && lastSource.host === host) return lastSource;
  lastSource = eventSourceFor(component, host);
  return lastSource;
}
function eventSourceFor(component: string, host: string | undefined): KEvent['source'] {
  let byHost = sources.get(component);
  if (!byHost) sources.set(component, (byHost = new Map()));
  const h = host ?? '';
  let s = byHost.get(h);
  if (!s) {
    s = Object.freeze(host ? { component, host } : { component });
    if (byHost.size >= 5000) byHost.clear();
    byHost.set(h, s);
  }
  return s;
}

/** The index key of an event's involved object. */
function eventObjectKey(e: KEvent): string {
  return (
    e.involvedObject.uid ??
    `${e.involvedObject.kind}/${e.metadata.namespace ?? 'default'}/${e.involvedObject.name}`
  );
}

function componentOf(component: string, host?: string): ComponentId {
  if (component === 'kubelet') return kubeletOf(host ?? '');
  if (component === 'default-scheduler') return 'kube-scheduler';
  if (component === 'service-controller' || component === 'cloud-node-controller')
    return 'cloud-controller-manager';
  if (component === 'kube-proxy') return nodeComponent('kube-proxy', host ?? '');
  return 'kube-controller-manager';
}
