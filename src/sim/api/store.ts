/**
 * An etcd-like store: objects by key, a global revision, per-object resourceVersion, a bounded change history
 * (compaction) and watch listeners. Objects in the store are never mutated in place: writers store new objects.
 */
import type { KObject } from './types';

export interface StoredChange {
  revision: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
}

/**
 * The stored objects: kind → namespace ('' when cluster-scoped) → name → object. Nested maps, so a read needs no
 * key string (building and hashing `kind/namespace/name` on every get was a large share of a write's cost).
 * Serialised (snapshots) as a plain object keyed by {@link objectKey}.
 */
export class ObjectTable {
  readonly kinds = new Map<string, Map<string, Map<string, KObject>>>();
  private n = 0;

  /** A table holding the objects of a snapshot's plain `key → object` record (or of another table). */
  static from(from: ObjectTable | Record<string, KObject>): ObjectTable {
    if (from instanceof ObjectTable) return from;
    const t = new ObjectTable();
    for (const key of Object.keys(from)) t.set(from[key]!);
    return t;
  }

  get size(): number {
    return this.n;
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.kinds
      .get(kind)
      ?.get(namespace ?? '')
      ?.get(name);
  }

  /** The object under an {@link objectKey}. */
  getByKey(key: string): KObject | undefined {
    const k = splitObjectKey(key);
    return k && this.get(k[0], k[1], k[2]);
  }

  /** Stores `obj` under its kind, namespace and name; returns the object it replaces. */
  set(obj: KObject): KObject | undefined {
    let byNs = this.kinds.get(obj.kind);
    if (!byNs) this.kinds.set(obj.kind, (byNs = new Map()));
    const ns = obj.metadata.namespace ?? '';
    let byName = byNs.get(ns);
    if (!byName) byNs.set(ns, (byName = new Map()));
    const old = byName.get(obj.metadata.name);
    byName.set(obj.metadata.name, obj);
    if (!old) this.n++;
    return old;
  }

  delete(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const byName = this.kinds.get(kind)?.get(namespace ?? '');
    const old = byName?.get(name);
    if (!old) return undefined;
    byName!.delete(name);
    this.n--;
    return old;
  }

  /** Objects of a kind (one namespace, or all), in no particular order. */
  *ofKind(kind: string, namespace?: string): IterableIterator<KObject> {
    const byNs = this.kinds.get(kind);
    if (!byNs) return;
    if (namespace !== undefined) {
      const m = byNs.get(namespace);
      if (m) yield* m.values();
      return;
    }
    for (const m of byNs.values()) yield* m.values();
  }

  countOf(kind: string): number {
    let n = 0;
    for (const m of this.kinds.get(kind)?.values() ?? []) n += m.size;
    return n;
  }

  *values(): IterableIterator<KObject> {
    for (const byNs of this.kinds.values()) for (const m of byNs.values()) yield* m.values();
  }

  toJSON(): Record<string, KObject> {
    const out: Record<string, KObject> = {};
    for (const o of this.values()) out[objectKey(o.kind, o.metadata.namespace, o.metadata.name)] = o;
    return out;
  }
}

/**
 * The recent changes, oldest first: a ring of parallel arrays (revision, type, kind, namespace, name) rather than
 * an object and a key string per change. A large run makes ~100,000 changes and each is kept until about a
 * thousand later ones, long enough for the young-generation collector to copy it twice. Serialised (snapshots)
 * as the list of {@link StoredChange}s.
 */
export class ChangeHistory {
  private readonly cap = HISTORY_LIMIT * 2 + 1;
  private readonly revs: number[] = new Array<number>(this.cap).fill(0);
  private readonly types: StoredChange['type'][] = new Array<StoredChange['type']>(this.cap).fill('ADDED');
  private readonly kinds: string[] = new Array<string>(this.cap).fill('');
  private readonly nss: string[] = new Array<string>(this.cap).fill('');
  private readonly names: string[] = new Array<string>(this.cap).fill('');
  private head = 0;
  private len = 0;

  /** A history holding a snapshot's plain list of changes (or another history). */
  static from(from: ChangeHistory | StoredChange[]): ChangeHistory {
    if (from instanceof ChangeHistory) return from;
    const h = new ChangeHistory();
    for (const c of from) {
      const [kind, ns, name] = splitObjectKey(c.key) ?? ['', '', c.key];
      h.push(c.revision, c.type, kind, ns, name);
    }
    return h;
  }

  /**
   * Appends a change (`namespace` '' when cluster-scoped). Past twice the limit, the oldest are dropped down to
   * the limit: returns the revision of the last one dropped then, else undefined.
   */
  push(
    revision: number,
    type: StoredChange['type'],
    kind: string,
    namespace: string,
    name: string,
  ): number | undefined {
    const at = (this.head + this.len) % this.cap;
    this.revs[at] = revision;
    this.types[at] = type;
    this.kinds[at] = kind;
    this.nss[at] = namespace;
    this.names[at] = name;
    this.len++;
    if (this.len <= HISTORY_LIMIT * 2) return undefined;
    const drop = this.len - HISTORY_LIMIT;
    const last = this.revs[(this.head + drop - 1) % this.cap]!;
    // (dropped slots keep their strings until overwritten: at most one ring of names already stored)
    this.head = (this.head + drop) % this.cap;
    this.len -= drop;
    return last;
  }

  /** The changes, oldest first. */
  list(): StoredChange[] {
    const out: StoredChange[] = [];
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) % this.cap;
      out.push({
        revision: this.revs[i]!,
        type: this.types[i]!,
        key: objectKey(this.kinds[i]!, this.nss[i]!, this.names[i]!),
      });
    }
    return out;
  }

  toJSON(): StoredChange[] {
    return this.list();
  }
}

export interface StoreState {
  revision: number;
  /** key → object (a plain object after JSON.parse; the store turns it back into a table) */
  objects: ObjectTable;
  /** Recent changes, oldest first; compacted to `HISTORY_LIMIT` (a plain list after JSON.parse). */
  history: ChangeHistory;
  compactedRevision: number;
}

export type WatchHandler = (
  type: 'ADDED' | 'MODIFIED' | 'DELETED',
  obj: KObject,
  old: KObject | undefined,
) => void;

/** `namespace/name` of an object (cluster-scoped: `/name`): the controllers' work-queue key. */
export function nsKey(o: KObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** The namespace and name of a `namespace/name` work-queue key. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** `kind/namespace/name` (cluster-scoped: `kind//name`). */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** kind, namespace ('' when cluster-scoped) and name of an {@link objectKey}; undefined if it is not one. */
function splitObjectKey(key: string): [kind: string, namespace: string, name: string] | undefined {
  const i = key.indexOf('/');
  const j = key.indexOf('/', i + 1);
  if (i < 0 || j < 0) return undefined;
  return [key.slice(0, i), key.slice(i + 1, j), key.slice(j + 1)];
}

function keyOf(o: KObject): string {
  return objectKey(o.kind, o.metadata.namespace, o.metadata.name);
}

export type IndexFn = (obj: KObject) => string[];

interface IndexData {
  fn: IndexFn;
  /**
   * value → namespace ('' when cluster-scoped) → names: the object's own strings, so a write builds and hashes no
   * key string.
   */
  map: Map<string, Map<string, Set<string>>>;
  /** value → objects sorted by key, dropped when any object under that value changes */
  sorted: Map<string, KObject[]>;
  /**
   * value → its namespaces and their names, sorted: dropped only when an object comes or goes under that value,
   * so the many writes that keep an object's index values rebuild `sorted` without sorting again.
   */
  sortedKeys: Map<string, [ns: string, names: string[]][]>;
}

export const HISTORY_LIMIT = 1000;

const NO_VALUES: readonly string[] = Object.freeze([]);

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Store {
  /** Sorted list cache per kind (and per namespace), dropped on any change of that kind. */
  private sortedCache = new Map<string, Map<string, KObject[]>>();
  private watchers = new Map<string, WatchHandler[]>();
  private anyWatchers: WatchHandler[] = [];
  /** kind → index name → (value → namespace → names) ; secondary indexes are derived state. */
  private indexes = new Map<string, Map<string, IndexData>>();

  constructor(public state: StoreState) {
    this.rebuild();
  }

  static emptyState(): StoreState {
    return { revision: 1, objects: new ObjectTable(), history: new ChangeHistory(), compactedRevision: 0 };
  }

  /** Swaps in another state (snapshot restore); watchers stay. */
  load(state: StoreState): void {
    this.state = state;
    this.rebuild();
  }

  /** Rebuilds the derived indexes (a snapshot's plain object becomes a table again). */
  rebuild(): void {
    this.state.objects = ObjectTable.from(this.state.objects as ObjectTable | Record<string, KObject>);
    this.state.history = ChangeHistory.from(this.state.history as ChangeHistory | StoredChange[]);
    this.sortedCache.clear();
    for (const [kind, idx] of this.indexes) {
      for (const ix of idx.values()) {
        ix.map.clear();
        ix.sorted.clear();
        ix.sortedKeys.clear();
        for (const obj of this.state.objects.ofKind(kind)) this.indexAdd(ix, obj, ix.fn(obj));
      }
    }
  }

  /** Adds a secondary index over a kind: `fn` returns the index values of an object. */
  /** Whether index `name` of `kind` exists (the modules that share an index add it once). */
  hasIndex(kind: string, name: string): boolean {
    return this.indexes.get(kind)?.has(name) ?? false;
  }

  addIndex(kind: string, name: string, fn: IndexFn): void {
    let idx = this.indexes.get(kind);
    if (!idx) {
      idx = new Map();
      this.indexes.set(kind, idx);
    }
    const ix: IndexData = { fn, map: new Map(), sorted: new Map(), sortedKeys: new Map() };
    idx.set(name, ix);
    for (const obj of this.state.objects.ofKind(kind)) this.indexAdd(ix, obj, ix.fn(obj));
  }

  /** Objects whose index `name` contains `value`, in key order. The array is shared: do not modify it. */
  byIndex(kind: string, name: string, value: string): KObject[] {
    const ix = this.indexes.get(kind)?.get(name);
    if (!ix) throw new Error(`no index ${kind}/${name}`);
    const hit = ix.sorted.get(value);
    if (hit) return hit;
    const byNs = ix.map.get(value);
    if (!byNs) return [];
    // In compareObjects order: namespaces, then names in each (the default sort compares strings as `<` does,
    // without calling back into a comparator).
    let keys = ix.sortedKeys.get(value);
    if (!keys) {
      const namespaces = byNs.size === 1 ? [...byNs.keys()] : [...byNs.keys()].sort();
      keys = namespaces.map((ns) => [ns, [...byNs.get(ns)!].sort()]);
      ix.sortedKeys.set(value, keys);
    }
    const out: KObject[] = [];
    const objects = this.state.objects;
    for (const [ns, names] of keys) {
      for (const name of names) {
        const o = objects.get(kind, ns, name);
        if (o) out.push(o);
      }
    }
    ix.sorted.set(value, out);
    return out;
  }

  private indexAdd(ix: IndexData, obj: KObject, values: readonly string[]): void {
    const ns = obj.metadata.namespace ?? '';
    for (const v of values) {
      ix.sorted.delete(v);
      ix.sortedKeys.delete(v);
      let byNs = ix.map.get(v);
      if (!byNs) ix.map.set(v, (byNs = new Map()));
      let names = byNs.get(ns);
      if (!names) byNs.set(ns, (names = new Set()));
      names.add(obj.metadata.name);
    }
  }

  private indexRemove(ix: IndexData, obj: KObject, values: readonly string[]): void {
    const ns = obj.metadata.namespace ?? '';
    for (const v of values) {
      ix.sorted.delete(v);
      ix.sortedKeys.delete(v);
      const byNs = ix.map.get(v);
      const names = byNs?.get(ns);
      if (!names) continue;
      names.delete(obj.metadata.name);
      if (names.size) continue;
      byNs!.delete(ns);
      if (!byNs!.size) ix.map.delete(v);
    }
  }

  private reindexObject(
    idx: Map<string, IndexData>,
    old: KObject | undefined,
    obj: KObject | undefined,
  ): void {
    for (const ix of idx.values()) {
      const a = old ? ix.fn(old) : NO_VALUES;
      const b = obj ? ix.fn(obj) : NO_VALUES;
      if (old && obj && sameValues(a, b)) {
        // Same index values: only the cached sorted lists hold the old object.
        for (const v of b) ix.sorted.delete(v);
        continue;
      }
      if (old) this.indexRemove(ix, old, a);
      if (obj) this.indexAdd(ix, obj, b);
    }
  }

  get revision(): number {
    return this.state.revision;
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.state.objects.get(kind, namespace, name);
  }

  /** The object stored under an {@link objectKey}. */
  getByKey(key: string): KObject | undefined {
    return this.state.objects.getByKey(key);
  }

  /** Every stored object. */
  all(): IterableIterator<KObject> {
    return this.state.objects.values();
  }

  /** Objects of a kind (optionally one namespace), in key order. The array is shared: do not modify it. */
  list(kind: string, namespace?: string): KObject[] {
    let cache = this.sortedCache.get(kind);
    if (!cache) this.sortedCache.set(kind, (cache = new Map()));
    const ck = namespace ?? '\u0000all';
    const hit = cache.get(ck);
    if (hit) return hit;
    const out = [...this.state.objects.ofKind(kind, namespace)];
    out.sort(compareObjects);
    cache.set(ck, out);
    return out;
  }

  /** Visits every object of a kind in no particular order (cheap; for sweeps). */
  each(kind: string, fn: (o: KObject) => void): void {
    for (const o of [...this.state.objects.ofKind(kind)]) fn(o);
  }

  /** Count without sorting. */
  count(kind: string): number {
    return this.state.objects.countOf(kind);
  }

  /** Stores `obj` (new object, never mutated afterwards) with a fresh resourceVersion. */
  put(obj: KObject): KObject {
    const rev = ++this.state.revision;
    obj.metadata.resourceVersion = String(rev);
    const old = this.state.objects.set(obj);
    this.sortedCache.delete(obj.kind);
    const idx = this.indexes.get(obj.kind);
    if (idx) this.reindexObject(idx, old, obj);
    this.record(rev, old ? 'MODIFIED' : 'ADDED', obj.kind, obj.metadata.namespace, obj.metadata.name);
    this.notify(old ? 'MODIFIED' : 'ADDED', obj, old);
    return obj;
  }

  remove(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const old = this.state.objects.delete(kind, namespace, name);
    if (!old) return undefined;
    const rev = ++this.state.revision;
    this.sortedCache.delete(kind);
    const idx = this.indexes.get(kind);
    if (idx) this.reindexObject(idx, old, undefined);
    this.record(rev, 'DELETED', kind, namespace, name);
    this.notify('DELETED', old, old);
    return old;
  }

  private record(
    revision: number,
    type: StoredChange['type'],
    kind: string,
    namespace: string | undefined,
    name: string,
  ): void {
    const compacted = this.state.history.push(revision, type, kind, namespace ?? '', name);
    if (compacted !== undefined) this.state.compactedRevision = compacted;
  }

  /** Changes after `revision`; throws `too old resource version` when compacted away (like etcd). */
  changesSince(revision: number): StoredChange[] {
    if (revision < this.state.compactedRevision) {
      throw new Error(`too old resource version: ${revision} (${this.state.compactedRevision})`);
    }
    return this.state.history.list().filter((c) => c.revision > revision);
  }

  watch(kind: string | '*', handler: WatchHandler): () => void {
    if (kind === '*') {
      this.anyWatchers.push(handler);
      return () => (this.anyWatchers = this.anyWatchers.filter((h) => h !== handler));
    }
    const list = this.watchers.get(kind) ?? [];
    list.push(handler);
    this.watchers.set(kind, list);
    return () =>
      this.watchers.set(
        kind,
        (this.watchers.get(kind) ?? []).filter((h) => h !== handler),
      );
  }

  private notify(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject, old: KObject | undefined): void {
    const list = this.watchers.get(obj.kind);
    if (list) for (const h of list) h(type, obj, type === 'ADDED' ? undefined : old);
    for (const h of this.anyWatchers) h(type, obj, type === 'ADDED' ? undefined : old);
  }

  /** Checks that the indexes equal a rebuild from scratch (fuzz-test invariant). */
  verifyIndexes(): string[] {
    const problems: string[] = [];
    let counted = 0;
    for (const [kind, byNs] of this.state.objects.kinds) {
      for (const [ns, m] of byNs) {
        for (const [name, o] of m) {
          counted++;
          if (o.kind !== kind || (o.metadata.namespace ?? '') !== ns || o.metadata.name !== name)
            problems.push(`table has ${keyOf(o)} under ${kind}/${ns}/${name}`);
        }
      }
    }
    if (counted !== this.state.objects.size)
      problems.push(`table holds ${counted} objects, counts ${this.state.objects.size}`);
    for (const [kind, idx] of this.indexes) {
      for (const [name, ix] of idx) {
        const fresh = new Map<string, Set<string>>();
        for (const obj of this.state.objects.ofKind(kind)) {
          for (const v of ix.fn(obj)) {
            if (!fresh.has(v)) fresh.set(v, new Set());
            fresh.get(v)!.add(keyOf(obj));
          }
        }
        const a = [...ix.map]
          .map(([v, byNs]) => {
            const ks = [...byNs].flatMap(([ns, names]) => [...names].map((n) => objectKey(kind, ns, n)));
            return `${v}=${ks.sort().join(',')}`;
          })
          .sort()
          .join(';');
        const b = [...fresh]
          .map(([v, ks]) => `${v}=${[...ks].sort().join(',')}`)
          .sort()
          .join(';');
        if (a !== b) problems.push(`index ${kind}/${name} differs from a rebuild`);
      }
    }
    return problems;
  }
}

export function compareObjects(a: KObject, b: KObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
