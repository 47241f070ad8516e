/**
 * The main thread's read-only copy of the worker's cluster, kept current by pushes: the objects (by kind,
 * namespace, name; Leases and Kubernetes Events stay in the worker), the newest event-log entries, the Docker
 * host's view, the clock. It answers what the studio reads synchronously (the diagram, the inspector's YAML
 * and actions, the Docker view, lesson goals); what needs the full simulation is a request to the worker.
 */
import type { ClusterOptions } from '../../sim/cluster';
import type { KObject } from '../../sim/api/types';
import type { SimEvent } from '../../sim/engine/eventLog';
import type { DockerHostView } from '../../sim/docker/view';
import { compareObjects, ObjectTable } from '../../sim/api/store';
import { matches, type Selector } from '../../sim/api/labels';
import { EPOCH_MS } from '../../sim/engine/epoch';
import { MIRROR_LOG_SIZE, type KindInfo, type Push } from './protocol';

/** What the studio reads of a cluster: the real Cluster and the mirror both satisfy it. */
export interface ClusterReader {
  readonly now: number;
  readonly version: number;
  readonly options: Required<ClusterOptions>;
  fromIso(ts: string | undefined): number;
  api: {
    get<T extends KObject = KObject>(
      kind: string,
      namespace: string | undefined,
      name: string,
    ): T | undefined;
    list<T extends KObject = KObject>(kind: string, namespace?: string, selector?: Selector): T[];
    kinds: {
      byKind(kind: string): { namespaced: boolean } | undefined;
      all(): readonly { kind: string; apiVersion: string; schema: unknown }[];
    };
  };
  log: { readonly size: number; at(k: number): SimEvent | undefined };
  /** Module states: the mirror holds only those the studio reads (`nodeFaults`). */
  state: { ext: Record<string, unknown> };
}

/** The newest log entries, oldest first, bounded. */
export class MirrorLog {
  private entries: SimEvent[] = [];
  get size(): number {
    return this.entries.length;
  }
  at(k: number): SimEvent | undefined {
    return this.entries[k];
  }
  all(): readonly SimEvent[] {
    return this.entries;
  }
  since(afterSeq: number): SimEvent[] {
    return this.entries.filter((e) => e.seq > afterSeq);
  }
  replace(events: SimEvent[]): void {
    this.entries = events.slice(-MIRROR_LOG_SIZE);
  }
  append(events: SimEvent[]): void {
    this.entries.push(...events);
    if (this.entries.length > MIRROR_LOG_SIZE * 1.5) this.entries = this.entries.slice(-MIRROR_LOG_SIZE);
  }
}

const DEFAULT_OPTIONS: Required<ClusterOptions> = {
  seed: 1,
  workers: 2,
  cpu: '2',
  memory: '4Gi',
  maxPods: 110,
  controlPlane: true,
  minimal: false,
};

/** The cache key of a kind's list over all namespaces. */
const ALL = '\u0000all';

/** What one push changed of a kind: objects replaced (old, new), added, removed. */
interface KindChanges {
  replaced: [KObject, KObject][];
  added: KObject[];
  removed: Set<KObject>;
}

/** Where `o` sits in `list`, sorted by compareObjects (-1: not there). */
function indexOf(list: readonly KObject[], o: KObject): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareObjects(list[mid]!, o);
    if (c === 0) return list[mid] === o ? mid : -1;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Two lists sorted by compareObjects, as one. */
function mergeSorted(a: readonly KObject[], b: readonly KObject[]): KObject[] {
  const out: KObject[] = new Array<KObject>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareObjects(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function splitKey(key: string): [string, string, string] {
  const i = key.indexOf('/');
  const j = key.indexOf('/', i + 1);
  return [key.slice(0, i), key.slice(i + 1, j), key.slice(j + 1)];
}

export class ClusterMirror implements ClusterReader {
  now = 0;
  version = 0;
  options: Required<ClusterOptions> = { ...DEFAULT_OPTIONS };
  readonly log = new MirrorLog();
  readonly state: { ext: Record<string, unknown> } = { ext: {} };
  private table = new ObjectTable();
  private sorted = new Map<string, Map<string, KObject[]>>();
  private kindList: KindInfo[] = [];
  private kindMap = new Map<string, KindInfo>();
  private docker: Push['docker'] = null;

  readonly api = {
    get: <T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string) => {
      const def = this.kindMap.get(kind);
      return this.table.get(kind, def && !def.namespaced ? undefined : namespace, name) as T | undefined;
    },
    list: <T extends KObject = KObject>(kind: string, namespace?: string, selector?: Selector): T[] => {
      const all = this.sortedList(kind, namespace) as T[];
      return selector ? all.filter((o) => matches(selector, o.metadata.labels)) : all.slice();
    },
    kinds: {
      byKind: (kind: string) => this.kindMap.get(kind),
      all: (): readonly KindInfo[] => this.kindList,
    },
  };

  setKinds(kinds: KindInfo[]): void {
    this.kindList = kinds;
    this.kindMap = new Map();
    for (const k of kinds) if (!this.kindMap.has(k.kind)) this.kindMap.set(k.kind, k);
  }

  fromIso(ts: string | undefined): number {
    if (!ts) return 0;
    return Date.parse(ts) - EPOCH_MS;
  }

  /** The Docker host as its view draws it (undefined without one). */
  dockerView(): DockerHostView | undefined {
    return this.docker?.view;
  }
  /** The image id a Docker host container runs. */
  dockerImageId(containerId: string): string | undefined {
    return this.docker?.imageIds[containerId];
  }

  /** How many objects the mirror holds (for the message-size figures). */
  get objectCount(): number {
    return this.table.size;
  }

  private sortedList(kind: string, namespace?: string): KObject[] {
    let cache = this.sorted.get(kind);
    if (!cache) this.sorted.set(kind, (cache = new Map()));
    const ck = namespace ?? ALL;
    const hit = cache.get(ck);
    if (hit) return hit;
    const out = [...this.table.ofKind(kind, namespace)].sort(compareObjects);
    cache.set(ck, out);
    return out;
  }

  /**
   * Brings a kind's sorted lists up to date with a push's changes instead of sorting the kind again on the next
   * read (10,000 pods settling change a few hundred a push): a replaced object takes its predecessor's place,
   * removed ones are dropped, new ones are sorted among themselves and merged in.
   */
  private patchSorted(kind: string, ch: KindChanges): void {
    const cache = this.sorted.get(kind);
    if (!cache) return;
    for (const [ck, list] of cache) {
      const inList = (o: KObject) => ck === ALL || (o.metadata.namespace ?? '') === ck;
      for (const [old, o] of ch.replaced) {
        if (!inList(o)) continue;
        const i = indexOf(list, old);
        if (i < 0) {
          cache.delete(ck);
          break;
        }
        list[i] = o;
      }
      if (!cache.has(ck)) continue;
      let out = list;
      if (ch.removed.size) out = out.filter((o) => !ch.removed.has(o));
      const added = ch.added.filter((o) => inList(o) && !ch.removed.has(o));
      if (added.length) out = mergeSorted(out, added.sort(compareObjects));
      if (out !== list) cache.set(ck, out);
    }
  }

  /** Applies a push's cluster parts; returns the log entries that are new (to animate). */
  apply(p: Push): SimEvent[] {
    if (p.clear) {
      this.table = new ObjectTable();
      this.sorted.clear();
    }
    if (p.options) this.options = p.options;
    const changes = new Map<string, KindChanges>();
    const of = (kind: string): KindChanges | undefined => {
      if (!this.sorted.has(kind)) return undefined;
      let c = changes.get(kind);
      if (!c) changes.set(kind, (c = { replaced: [], added: [], removed: new Set() }));
      return c;
    };
    for (const o of p.upserts ?? []) {
      const old = this.table.set(o);
      const c = of(o.kind);
      if (c) {
        if (old) c.replaced.push([old, o]);
        else c.added.push(o);
      }
    }
    for (const key of p.removes ?? []) {
      const [kind, ns, name] = splitKey(key);
      const old = this.table.delete(kind, ns, name);
      if (old) of(kind)?.removed.add(old);
    }
    for (const [kind, c] of changes) this.patchSorted(kind, c);
    if (p.docker !== undefined) this.docker = p.docker;
    if (p.ext) Object.assign(this.state.ext, p.ext);
    if (p.logReset) this.log.replace(p.logReset);
    if (p.events) this.log.append(p.events);
    this.now = p.status.now;
    this.version = p.status.version;
    return p.events ?? [];
  }
}
