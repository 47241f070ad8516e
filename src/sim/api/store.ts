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
 * key → object. A Map, not a plain object: a plain object keyed by ever-new strings turns every key into an
 * interned property name, which made each write several times dearer. Serialised (snapshots) as a plain object.
 */
export class ObjectTable extends Map<string, KObject> {
  toJSON(): Record<string, KObject> {
    const out: Record<string, KObject> = {};
    for (const [k, v] of this) out[k] = v;
    return out;
  }
}

export interface StoreState {
  revision: number;
  /** key → object (a plain object after JSON.parse; the store turns it back into a table) */
  objects: ObjectTable;
  /** Recent changes, oldest first; compacted to `historyLimit`. */
  history: StoredChange[];
  compactedRevision: number;
}

export type WatchHandler = (
  type: 'ADDED' | 'MODIFIED' | 'DELETED',
  obj: KObject,
  old: KObject | undefined,
) => void;

/** `kind/namespace/name` (cluster-scoped: `kind//name`). */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export type IndexFn = (obj: KObject) => string[];

interface IndexData {
  fn: IndexFn;
  map: Map<string, Set<string>>;
  /** value → objects sorted by key, dropped when any object under that value changes */
  sorted: Map<string, KObject[]>;
}

export const HISTORY_LIMIT = 1000;

export class Store {
  private byKind = new Map<string, Map<string, KObject>>();
  /** Sorted list cache per kind (and per namespace), dropped on any change of that kind. */
  private sortedCache = new Map<string, Map<string, KObject[]>>();
  private watchers = new Map<string, WatchHandler[]>();
  private anyWatchers: WatchHandler[] = [];
  /** kind → index name → (value → keys) ; secondary indexes are derived state. */
  private indexes = new Map<string, Map<string, IndexData>>();

  constructor(public state: StoreState) {
    this.rebuild();
  }

  static emptyState(): StoreState {
    return { revision: 1, objects: new ObjectTable(), history: [], compactedRevision: 0 };
  }

  /** Swaps in another state (snapshot restore); watchers stay. */
  load(state: StoreState): void {
    this.state = state;
    this.rebuild();
  }

  /** Rebuilds the per-kind index from `state.objects` (a plain object after a restore becomes a table again). */
  rebuild(): void {
    if (!(this.state.objects instanceof ObjectTable)) {
      const from = this.state.objects as unknown as Map<string, KObject> | Record<string, KObject>;
      const table = new ObjectTable();
      if (from instanceof Map) for (const [key, o] of from) table.set(key, o);
      else for (const key of Object.keys(from)) table.set(key, from[key]!);
      this.state.objects = table;
    }
    this.byKind.clear();
    this.sortedCache.clear();
    for (const [key, obj] of this.state.objects) this.kindMap(obj.kind).set(key, obj);
    for (const [kind, idx] of this.indexes) {
      for (const ix of idx.values()) {
        ix.map.clear();
        ix.sorted.clear();
        for (const [key, obj] of this.byKind.get(kind) ?? []) this.indexAdd(ix, key, obj);
      }
    }
  }

  /** Adds a secondary index over a kind: `fn` returns the index values of an object. */
  addIndex(kind: string, name: string, fn: IndexFn): void {
    let idx = this.indexes.get(kind);
    if (!idx) {
      idx = new Map();
      this.indexes.set(kind, idx);
    }
    const ix: IndexData = { fn, map: new Map<string, Set<string>>(), sorted: new Map() };
    idx.set(name, ix);
    for (const [key, obj] of this.byKind.get(kind) ?? []) this.indexAdd(ix, key, obj);
  }

  /** Objects whose index `name` contains `value`, in key order. The array is shared: do not modify it. */
  byIndex(kind: string, name: string, value: string): KObject[] {
    const ix = this.indexes.get(kind)?.get(name);
    if (!ix) throw new Error(`no index ${kind}/${name}`);
    const hit = ix.sorted.get(value);
    if (hit) return hit;
    const keys = ix.map.get(value);
    if (!keys) return [];
    const out: KObject[] = [];
    const objects = this.state.objects;
    for (const k of keys) {
      const o = objects.get(k);
      if (o) out.push(o);
    }
    out.sort(compareObjects);
    ix.sorted.set(value, out);
    return out;
  }

  private indexAdd(ix: IndexData, key: string, obj: KObject): void {
    for (const v of ix.fn(obj)) {
      ix.sorted.delete(v);
      let set = ix.map.get(v);
      if (!set) ix.map.set(v, (set = new Set()));
      set.add(key);
    }
  }

  private indexRemove(ix: IndexData, key: string, obj: KObject): void {
    for (const v of ix.fn(obj)) {
      ix.sorted.delete(v);
      const set = ix.map.get(v);
      if (set) {
        set.delete(key);
        if (!set.size) ix.map.delete(v);
      }
    }
  }

  private reindexObject(key: string, old: KObject | undefined, obj: KObject | undefined): void {
    const kind = (obj ?? old)!.kind;
    const idx = this.indexes.get(kind);
    if (!idx) return;
    for (const ix of idx.values()) {
      if (old && obj) {
        const a = ix.fn(old);
        const b = ix.fn(obj);
        if (a.length === b.length && a.every((v, i) => v === b[i])) {
          // Same index values: only the cached sorted lists hold the old object.
          for (const v of b) ix.sorted.delete(v);
          continue;
        }
      }
      if (old) this.indexRemove(ix, key, old);
      if (obj) this.indexAdd(ix, key, obj);
    }
  }

  private kindMap(kind: string): Map<string, KObject> {
    let m = this.byKind.get(kind);
    if (!m) {
      m = new Map();
      this.byKind.set(kind, m);
    }
    return m;
  }

  get revision(): number {
    return this.state.revision;
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.byKind.get(kind)?.get(objectKey(kind, namespace, name));
  }

  /** The object stored under an {@link objectKey}. */
  getByKey(key: string): KObject | undefined {
    return this.state.objects.get(key);
  }

  /** Every stored object, in the order they were first stored. */
  all(): IterableIterator<KObject> {
    return this.state.objects.values();
  }

  /** Objects of a kind (optionally one namespace), in key order. The array is shared: do not modify it. */
  list(kind: string, namespace?: string): KObject[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    let cache = this.sortedCache.get(kind);
    if (!cache) this.sortedCache.set(kind, (cache = new Map()));
    const ck = namespace ?? '\u0000all';
    const hit = cache.get(ck);
    if (hit) return hit;
    const out: KObject[] = [];
    for (const o of m.values())
      if (namespace === undefined || o.metadata.namespace === namespace) out.push(o);
    out.sort(compareObjects);
    cache.set(ck, out);
    return out;
  }

  /** Visits every object of a kind in no particular order (cheap; for sweeps). */
  each(kind: string, fn: (o: KObject) => void): void {
    const m = this.byKind.get(kind);
    if (m) for (const o of [...m.values()]) fn(o);
  }

  /** Count without sorting. */
  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Stores `obj` (new object, never mutated afterwards) with a fresh resourceVersion. */
  put(obj: KObject): KObject {
    const key = objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const old = this.state.objects.get(key);
    const rev = ++this.state.revision;
    obj.metadata.resourceVersion = String(rev);
    this.state.objects.set(key, obj);
    this.kindMap(obj.kind).set(key, obj);
    this.sortedCache.delete(obj.kind);
    this.reindexObject(key, old, obj);
    this.record({ revision: rev, type: old ? 'MODIFIED' : 'ADDED', key });
    this.notify(old ? 'MODIFIED' : 'ADDED', obj, old);
    return obj;
  }

  remove(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const key = objectKey(kind, namespace, name);
    const old = this.state.objects.get(key);
    if (!old) return undefined;
    const rev = ++this.state.revision;
    this.state.objects.delete(key);
    this.byKind.get(kind)?.delete(key);
    this.sortedCache.delete(kind);
    this.reindexObject(key, old, undefined);
    this.record({ revision: rev, type: 'DELETED', key });
    this.notify('DELETED', old, old);
    return old;
  }

  private record(c: StoredChange): void {
    const h = this.state.history;
    h.push(c);
    if (h.length > HISTORY_LIMIT * 2) {
      const drop = h.length - HISTORY_LIMIT;
      this.state.compactedRevision = h[drop - 1]!.revision;
      h.splice(0, drop);
    }
  }

  /** Changes after `revision`; throws `too old resource version` when compacted away (like etcd). */
  changesSince(revision: number): StoredChange[] {
    if (revision < this.state.compactedRevision) {
      throw new Error(`too old resource version: ${revision} (${this.state.compactedRevision})`);
    }
    return this.state.history.filter((c) => c.revision > revision);
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

  /** Checks that the kind index equals a rebuild from scratch (fuzz-test invariant). */
  verifyIndexes(): string[] {
    const problems: string[] = [];
    let indexed = 0;
    for (const [kind, m] of this.byKind) {
      for (const [key, o] of m) {
        indexed++;
        if (this.state.objects.get(key) !== o) problems.push(`index ${kind} has stale ${key}`);
      }
    }
    const total = this.state.objects.size;
    if (indexed !== total) problems.push(`index holds ${indexed} objects, store ${total}`);
    for (const [kind, idx] of this.indexes) {
      for (const [name, ix] of idx) {
        const fresh = new Map<string, Set<string>>();
        for (const [key, obj] of this.byKind.get(kind) ?? []) {
          for (const v of ix.fn(obj)) {
            if (!fresh.has(v)) fresh.set(v, new Set());
            fresh.get(v)!.add(key);
          }
        }
        const a = [...ix.map]
          .map(([v, ks]) => `${v}=${[...ks].sort().join(',')}`)
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
