/**
 * The typed log of every hop between components. The diagram animates these entries and the timeline lists
 * them; nothing in the UI is scripted. Bounded: it keeps the newest `capacity` entries, so long runs stay flat.
 */
import { flat } from '../util/shapes';
import { Listeners } from '../util/listeners';

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

type NodeComponent = 'kubelet' | 'kube-proxy' | 'runtime';
const kubeletIds = new Map<string, ComponentId>();
const proxyIds = new Map<string, ComponentId>();
const runtimeIds = new Map<string, ComponentId>();

function idFor(ids: Map<string, ComponentId>, component: NodeComponent, node: string): ComponentId {
  let id = ids.get(node);
  if (id === undefined) {
    if (ids.size >= 10000) ids.clear();
    id = flat(`${component}/${node}` as ComponentId);
    ids.set(node, id);
  }
  return id;
}

/** `kubelet/<node>` (and the like), one string per node: hops keep it, and building one per hop kept many copies. */
export function nodeComponent(component: NodeComponent, node: string): ComponentId {
  const ids = component === 'kubelet' ? kubeletIds : component === 'runtime' ? runtimeIds : proxyIds;
  return idFor(ids, component, node);
}

export const kubeletOf = (node: string): ComponentId => idFor(kubeletIds, 'kubelet', node);

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
 * A logged hop as read back. Its summary is formatted when read: the timeline and narrator read a few of the
 * hops, and building, flattening and keeping a string for each of the hundreds of thousands of hops of a large run
 * took about 3 % of it (10,000-pod benchmark, interleaved runs).
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

/**
 * The ring of the newest `capacity` hops, held field by field in parallel arrays: no object per hop (a large run
 * logs hundreds of thousands, each kept for the next 20,000 — long enough for the young-generation collector to
 * copy it twice). Entries are made into {@link SimEvent}s when read.
 */
export class EventLog {
  private readonly seqs: number[] = [];
  private readonly times: number[] = [];
  private readonly kinds: HopKind[] = [];
  private readonly sources: ComponentId[] = [];
  private readonly targets: ComponentId[] = [];
  private readonly verbs: string[] = [];
  private readonly objects: (ObjectRef | undefined)[] = [];
  private readonly fmts: SummaryFormat[] = [];
  private readonly as: string[] = [];
  private readonly bs: string[] = [];
  private readonly cs: string[] = [];
  /** Slot of the oldest entry (0 until the ring is full), and how many entries are held. */
  private head = 0;
  private count = 0;
  private listeners = new Listeners<[e: SimEvent]>();

  constructor(
    public state: EventLogState,
    public capacity = 20000,
  ) {}

  /** Logs a hop with its summary given. */
  emit(time: number, e: Omit<SimEvent, 'seq' | 'time'>): void {
    // kept for a while (the ring holds thousands): one flat string, smaller than the tree of parts a template makes
    this.hop(time, e.kind, e.source, e.target, e.verb, e.object, GIVEN, flat(e.summary));
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
  ): void {
    const seq = this.state.nextSeq++;
    let i: number;
    if (this.seqs.length < this.capacity) {
      // filling up (also after a truncation, which re-lays the kept entries from slot 0)
      i = this.seqs.length;
      this.count++;
    } else {
      i = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.seqs[i] = seq;
    this.times[i] = time;
    this.kinds[i] = kind;
    this.sources[i] = source;
    this.targets[i] = target;
    this.verbs[i] = verb;
    this.objects[i] = object;
    this.fmts[i] = fmt;
    this.as[i] = a;
    this.bs[i] = b;
    this.cs[i] = c;
    if (this.listeners.size) {
      this.listeners.emit(this.entry(i));
    }
  }

  private entry(i: number): SimEvent {
    return new Hop(
      this.seqs[i]!,
      this.times[i]!,
      this.kinds[i]!,
      this.sources[i]!,
      this.targets[i]!,
      this.verbs[i]!,
      this.objects[i],
      this.fmts[i]!,
      this.as[i]!,
      this.bs[i]!,
      this.cs[i]!,
    );
  }

  /** Slot of the k-th entry held, oldest first. */
  private slot(k: number): number {
    return (this.head + k) % this.capacity;
  }

  /** The k-th entry held, oldest first (0 ≤ k < size). */
  at(k: number): SimEvent | undefined {
    return k >= 0 && k < this.count ? this.entry(this.slot(k)) : undefined;
  }

  /** Entries still held, oldest first. */
  all(): readonly SimEvent[] {
    const out: SimEvent[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.entry(this.slot(k)));
    return out;
  }

  /** Entries with seq > `afterSeq`. */
  since(afterSeq: number): SimEvent[] {
    let k = this.count;
    while (k > 0 && this.seqs[this.slot(k - 1)]! > afterSeq) k--;
    const out: SimEvent[] = [];
    for (; k < this.count; k++) out.push(this.entry(this.slot(k)));
    return out;
  }

  get size(): number {
    return this.count;
  }

  /** Drops entries newer than `seq` (used when a snapshot is restored). */
  truncateAfter(seq: number): void {
    let keep = this.count;
    while (keep > 0 && this.seqs[this.slot(keep - 1)]! > seq) keep--;
    if (keep === this.count) return;
    // Re-lay the kept entries from slot 0 (rare: a timeline jump), so the arrays can fill up again from there.
    const kept = Array.from({ length: keep }, (_, k) => this.slot(k));
    const cols = [
      this.seqs,
      this.times,
      this.kinds,
      this.sources,
      this.targets,
      this.verbs,
      this.objects,
      this.fmts,
      this.as,
      this.bs,
      this.cs,
    ] as unknown[][];
    for (const col of cols) {
      const vals = kept.map((i) => col[i]);
      for (let k = 0; k < keep; k++) col[k] = vals[k];
      col.length = keep;
    }
    this.head = 0;
    this.count = keep;
  }

  subscribe(l: EventListener): () => void {
    return this.listeners.add(l);
  }
}
