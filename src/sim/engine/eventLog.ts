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

const nodeComponents = {
  kubelet: new Map<string, ComponentId>(),
  'kube-proxy': new Map<string, ComponentId>(),
  runtime: new Map<string, ComponentId>(),
};

/** `kubelet/<node>` (and the like), one string per node: hops keep it, and building one per hop kept many copies. */
export function nodeComponent(component: keyof typeof nodeComponents, node: string): ComponentId {
  const ids = nodeComponents[component];
  let id = ids.get(node);
  if (id === undefined) {
    if (ids.size >= 10000) ids.clear();
    id = flat(`${component}/${node}` as ComponentId);
    ids.set(node, id);
  }
  return id;
}

export const kubeletOf = (node: string): ComponentId => nodeComponent('kubelet', node);
export const runtimeOf = (node: string): ComponentId => nodeComponent('runtime', node);

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

/**
 * Formats the summary of a hop logged with {@link EventLog.hop} from the hop and the words kept with it. Use a
 * module-level function (not a closure made per hop).
 */
export type SummaryFormat = (h: SimEvent, a: string, b: string, c: string) => string;

const GIVEN: SummaryFormat = (_h, a) => a;

/**
 * A logged hop. Its summary is formatted when read: the timeline and narrator read a few of the hops, and
 * building, flattening and keeping a string for each of the hundreds of thousands of hops of a large run took
 * about 5 % of it (10,000-pod benchmark). One class for every hop, so all share a hidden class.
 */
class Hop implements SimEvent {
  readonly #fmt: SummaryFormat;
  readonly #a: string;
  readonly #b: string;
  readonly #c: string;
  constructor(
    readonly seq: number,
    readonly time: number,
    readonly kind: HopKind,
    readonly source: ComponentId,
    readonly target: ComponentId,
    readonly verb: string,
    readonly object: ObjectRef | undefined,
    fmt: SummaryFormat,
    a: string,
    b: string,
    c: string,
  ) {
    this.#fmt = fmt;
    this.#a = a;
    this.#b = b;
    this.#c = c;
  }

  get summary(): string {
    return this.#fmt(this, this.#a, this.#b, this.#c);
  }

  /** The plain entry (what `JSON.stringify` writes): the fields of {@link SimEvent}. */
  toJSON(): SimEvent {
    const e: SimEvent = {
      seq: this.seq,
      time: this.time,
      kind: this.kind,
      source: this.source,
      target: this.target,
      verb: this.verb,
      summary: this.summary,
    };
    if (this.object) e.object = this.object;
    return e;
  }
}

export class EventLog {
  private entries: SimEvent[] = [];
  private head = 0;
  private listeners = new Set<EventListener>();

  constructor(
    public state: EventLogState,
    public capacity = 20000,
  ) {}

  /** Logs a hop with its summary given. */
  emit(time: number, e: Omit<SimEvent, 'seq' | 'time'>): SimEvent {
    // kept for a while (the ring holds thousands): one flat string, smaller than the tree of parts a template makes
    return this.hop(time, e.kind, e.source, e.target, e.verb, e.object, GIVEN, flat(e.summary));
  }

  /**
   * Logs a hop whose summary `fmt` makes from it and `a`, `b`, `c` when it is read. For the hops every pod
   * makes; others can use {@link emit}.
   */
  hop(
    time: number,
    kind: HopKind,
    source: ComponentId,
    target: ComponentId,
    verb: string,
    object: ObjectRef | undefined,
    fmt: SummaryFormat,
    a = '',
    b = '',
    c = '',
  ): SimEvent {
    const ev = new Hop(this.state.nextSeq++, time, kind, source, target, verb, object, fmt, a, b, c);
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
