/**
 * The typed log of every hop between components. The diagram animates these entries and the timeline lists
 * them; nothing in the UI is scripted. Bounded: it keeps the newest `capacity` entries, so long runs stay flat.
 */
import { flat } from '../util/shapes';

/** A component that sends or receives a hop. Nodes' components carry the node name: `kubelet/worker-1`. */
export type ComponentId =
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'cloud-controller-manager'
  | 'docker-cli'
  | 'dockerd'
  | 'registry'
  | 'user'
  | `kubelet/${string}`
  | `kube-proxy/${string}`
  | `runtime/${string}`
  | `container/${string}`;

export type HopKind =
  | 'request' // a client's API request (create, update, delete, patch)
  | 'persist' // API server → etcd write
  | 'watch' // API server → a watching component
  | 'bind' // scheduler binds a pod
  | 'status' // a component reports status back
  | 'runtime' // kubelet ↔ container runtime (pull, create, start, kill)
  | 'pull' // runtime ↔ registry
  | 'probe' // kubelet probing a container
  | 'traffic' // a request between pods / services
  | 'fault' // an injected fault
  | 'docker' // docker client ↔ daemon
  | 'event'; // a Kubernetes Event recorded

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface SimEvent {
  /** Strictly increasing sequence number, never reused. */
  seq: number;
  /** Virtual time in ms. */
  time: number;
  kind: HopKind;
  source: ComponentId;
  target: ComponentId;
  /** Verb on the wire, e.g. `create`, `update`, `delete`, `ADDED`, `MODIFIED`, `pull`. */
  verb: string;
  object?: ObjectRef;
  /** One-line English summary for the timeline. */
  summary: string;
}

export interface EventLogState {
  nextSeq: number;
}

export type EventListener = (e: SimEvent) => void;

export class EventLog {
  private entries: SimEvent[] = [];
  private head = 0;
  private listeners = new Set<EventListener>();

  constructor(
    public state: EventLogState,
    public capacity = 20000,
  ) {}

  /** Logs a hop. `e` must be a fresh object: it becomes the entry (no copy per hop). */
  emit(time: number, e: Omit<SimEvent, 'seq' | 'time'>): SimEvent {
    const ev = e as SimEvent;
    // kept for a while (the ring holds thousands): one flat string, smaller than the tree of parts a template makes
    ev.summary = flat(ev.summary);
    ev.seq = this.state.nextSeq++;
    ev.time = time;
    if (this.entries.length - this.head >= this.capacity) this.head++;
    this.entries.push(ev);
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    for (const l of this.listeners) l(ev);
    return ev;
  }

  /** Entries still held, oldest first. */
  all(): readonly SimEvent[] {
    return this.head ? this.entries.slice(this.head) : this.entries;
  }

  /** Entries with seq > `afterSeq`. */
  since(afterSeq: number): SimEvent[] {
    const out: SimEvent[] = [];
    for (let i = this.entries.length - 1; i >= this.head; i--) {
      const e = this.entries[i]!;
      if (e.seq <= afterSeq) break;
      out.push(e);
    }
    return out.reverse();
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Drops entries newer than `seq` (used when a snapshot is restored). */
  truncateAfter(seq: number): void {
    while (this.entries.length > this.head && this.entries[this.entries.length - 1]!.seq > seq)
      this.entries.pop();
  }

  subscribe(l: EventListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
