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
    const ck = namespace ?? '\u0000all';
    const hit = cache.get(ck);
    if (hit) return hit;
    const out = [...this.table.ofKind(kind, namespace)].sort(compareObjects);
    cache.set(ck, out);
    return out;
  }

  /** Applies a push's cluster parts; returns the log entries that are new (to animate). */
  apply(p: Push): SimEvent[] {
    if (p.clear) {
      this.table = new ObjectTable();
      this.sorted.clear();
    }
    if (p.options) this.options = p.options;
    for (const o of p.upserts ?? []) {
      this.table.set(o);
      this.sorted.delete(o.kind);
    }
    for (const key of p.removes ?? []) {
      const [kind, ns, name] = splitKey(key);
      this.table.delete(kind, ns, name);
      this.sorted.delete(kind);
    }
    if (p.docker !== undefined) this.docker = p.docker;
    if (p.ext) Object.assign(this.state.ext, p.ext);
    if (p.logReset) this.log.replace(p.logReset);
    if (p.events) this.log.append(p.events);
    this.now = p.status.now;
    this.version = p.status.version;
    return p.events ?? [];
  }
}
