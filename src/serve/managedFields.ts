/**
 * Field ownership as kube-apiserver records it (`metadata.managedFields`, structured-merge-diff's field sets in
 * the FieldsV1 form): every write names a manager (`?fieldManager=`, else the user agent's first word); an
 * Update owns the fields it changed (taking them from other managers), an Apply owns exactly the fields of its
 * configuration, and an Apply that changes a field another manager owns is refused with the apiserver's 409
 * ("Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas")
 * unless `force=true` takes it over. Fields an applier stops applying, and nobody else owns, are removed.
 *
 * Set keys are FieldsV1's: `f:<name>` for a field, `k:{"name":"web"}` for an item of a keyed list, `v:<json>` for
 * an item of a set, `.` for the item (or newly added map) itself. Lists without keys and label selectors are
 * atomic (one leaf), as the Kubernetes types declare them.
 */
import { mergeKeyFor, mergesPrimitives } from './strategicMerge';

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A field set: a tree whose nodes may be members themselves (`.`) and have children. */
export interface FieldSet {
  [key: string]: FieldSet;
}

/** An entry of `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
  subresource?: string;
}

/** Keys of the keyed lists server-side apply uses (`x-kubernetes-list-map-keys`), where they differ from SMP's. */
function listKeys(field: string, kind: string, path: string): string[] | undefined {
  if (field === 'ports' && kind === 'Service' && path === 'spec.ports') return ['port', 'protocol'];
  if (field === 'ports') return ['containerPort', 'protocol'];
  const k = mergeKeyFor(field, kind, path);
  return k ? [k] : undefined;
}

/** Struct fields the types mark atomic (`+structType=atomic`): owned as one leaf. */
const ATOMIC = new Set(['selector', 'nodeAffinity', 'matchExpressions']);

/** Fields a write never owns: identity, server-set metadata, and status (its own subresource). */
const SKIP_TOP = new Set(['apiVersion', 'kind', 'status']);
const SKIP_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);

function itemKey(item: Json, keys: string[] | undefined, field: string, index: number): string {
  if (keys && isObj(item)) {
    const k: Obj = {};
    for (const key of [...keys].sort()) if (item[key] !== undefined) k[key] = item[key];
    return `k:${JSON.stringify(k)}`;
  }
  if (mergesPrimitives(field)) return `v:${JSON.stringify(item)}`;
  return `i:${index}`;
}

/** The children of a value, by FieldsV1 key (undefined for a leaf). */
function children(v: Json, field: string, kind: string, path: string): Map<string, Json> | undefined {
  if (ATOMIC.has(field)) return undefined;
  if (Array.isArray(v)) {
    const keys = listKeys(field, kind, path);
    if (!keys && !mergesPrimitives(field)) return undefined;
    return new Map(v.map((item, i) => [itemKey(item, keys, field, i), item]));
  }
  if (!isObj(v) || !Object.keys(v).length) return undefined;
  const out = new Map<string, Json>();
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null) continue;
    if (path === '' && SKIP_TOP.has(k)) continue;
    if (path === 'metadata' && SKIP_META.has(k)) continue;
    out.set(`f:${k}`, x);
  }
  return out;
}

const childPath = (path: string, key: string) =>
  key.startsWith('f:') ? (path ? `${path}.${key.slice(2)}` : key.slice(2)) : path;
const fieldName = (key: string, parentField: string) => (key.startsWith('f:') ? key.slice(2) : parentField);

/** The fields of an object (an Apply's configuration, or everything a create wrote). */
export function fieldSetOf(obj: Json, kind: string): FieldSet {
  const walk = (v: Json, field: string, path: string, isItem: boolean): FieldSet => {
    const kids = children(v, field, kind, path);
    const out: FieldSet = {};
    if (isItem) out['.'] = {};
    if (!kids) return out;
    for (const [k, x] of kids) {
      const isListItem = !k.startsWith('f:');
      const sub = children(x, fieldName(k, field), kind, childPath(path, k));
      // (an object whose every field is one a write never owns, as metadata with only a name)
      if (sub && !sub.size && !isListItem) continue;
      out[k] = walk(x, fieldName(k, field), childPath(path, k), isListItem);
    }
    return out;
  };
  return walk(obj, '', '', false);
}

/** The fields an update added or changed, going from `before` to `after` (a create: from nothing). */
export function changedFields(before: Json, after: Json, kind: string): FieldSet {
  const walk = (a: Json, b: Json, field: string, path: string, isItem: boolean): FieldSet | undefined => {
    const kb = children(b, field, kind, path);
    if (!kb) return JSON.stringify(a) === JSON.stringify(b) ? undefined : isItem ? { '.': {} } : {};
    // (an object of fields no write owns, as metadata with only a name: nothing)
    if (!kb.size && !isItem) return undefined;
    const ka = a === undefined ? undefined : children(a, field, kind, path);
    const out: FieldSet = {};
    // A list item or a map that was not there before is itself added.
    if (a === undefined && (isItem || (isObj(b) && Object.values(b).every((x) => typeof x === 'string'))))
      out['.'] = {};
    for (const [k, x] of kb) {
      const sub = walk(ka?.get(k), x, fieldName(k, field), childPath(path, k), !k.startsWith('f:'));
      if (sub) out[k] = sub;
    }
    return Object.keys(out).length ? out : undefined;
  };
  return walk(before, after, '', '', false) ?? {};
}

/** Leaf paths of a set (members), as FieldsV1 key lists. */
function members(s: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, sub] of Object.entries(s)) {
    if (k === '.') {
      out.push(prefix);
      continue;
    }
    if (!Object.keys(sub).length) out.push([...prefix, k]);
    else out.push(...members(sub, [...prefix, k]));
  }
  return out;
}

function has(s: FieldSet, p: string[]): boolean {
  let cur: FieldSet | undefined = s;
  for (const k of p) {
    cur = cur[k];
    if (!cur) return false;
  }
  return !Object.keys(cur).length || '.' in cur;
}

function insert(s: FieldSet, p: string[]): void {
  let cur = s;
  for (const k of p) cur = cur[k] ??= {};
  cur['.'] = {};
}

/** A member without children is written `{}`, not `{".": {}}`. */
function normalize(s: FieldSet): FieldSet {
  for (const [k, sub] of Object.entries(s)) {
    if (k === '.') continue;
    const keys = Object.keys(sub);
    if (keys.length === 1 && keys[0] === '.') s[k] = {};
    else normalize(sub);
  }
  return s;
}

function remove(s: FieldSet, p: string[]): void {
  const walk = (cur: FieldSet, i: number): boolean => {
    if (i === p.length) {
      if (Object.keys(cur).length > 1 || (Object.keys(cur).length === 1 && !('.' in cur))) {
        delete cur['.'];
        return false;
      }
      return true;
    }
    const next = cur[p[i]!];
    if (!next) return false;
    if (walk(next, i + 1)) delete cur[p[i]!];
    return !Object.keys(cur).length && i > 0;
  };
  walk(s, 0);
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out = structuredClone(a);
  for (const p of members(b)) insert(out, p);
  return normalize(out);
}

export function subtract(a: FieldSet, b: FieldSet): FieldSet {
  const out = structuredClone(a);
  for (const p of members(b)) remove(out, p);
  return normalize(out);
}

function intersect(a: FieldSet, b: FieldSet): string[][] {
  return members(b).filter((p) => has(a, p));
}

/** A member path as structured-merge-diff prints it: `.spec.template.spec.containers[name="web"].image`. */
export function pathString(p: string[]): string {
  return p
    .map((k) => {
      if (k.startsWith('f:')) return `.${k.slice(2)}`;
      if (k.startsWith('k:')) {
        const o = JSON.parse(k.slice(2)) as Obj;
        return `[${Object.entries(o)
          .map(([x, v]) => `${x}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      if (k.startsWith('v:')) return `[=${k.slice(2)}]`;
      return `[${k.slice(2)}]`;
    })
    .join('');
}

/** Deletes the member `p` from an object (an applier stopped applying it and nobody else owns it). */
export function deletePath(obj: Json, p: string[], kind: string): void {
  const walk = (v: Json, i: number, field: string, path: string): void => {
    const k = p[i]!;
    const last = i === p.length - 1 || p[i + 1] === '.';
    if (k.startsWith('f:') && isObj(v)) {
      if (last) delete v[k.slice(2)];
      else walk(v[k.slice(2)], i + 1, k.slice(2), childPath(path, k));
    } else if (Array.isArray(v)) {
      const keys = listKeys(field, kind, path);
      const idx = v.findIndex((item, n) => itemKey(item, keys, field, n) === k);
      if (idx < 0) return;
      if (last) v.splice(idx, 1);
      else walk(v[idx], i + 1, field, path);
    }
  };
  walk(obj, 0, '', '');
}

/** The manager a request names: `fieldManager`, else the user agent's first word (`kubectl/v1.32.4 …` → kubectl). */
export function managerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const m = query.get('fieldManager');
  if (m) return m;
  return (userAgent ?? 'unknown').split('/')[0]!.trim() || 'unknown';
}

/** How a manager is named in a conflict (the apiserver's printManager: Update managers with their version). */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${s} using ${e.apiVersion}` : s;
}

export interface Conflict {
  manager: ManagedFieldsEntry;
  path: string[];
}

/** The 409 Status of an Apply's conflicts, as kube-apiserver words it. */
export function conflictStatus(conflicts: Conflict[]): {
  message: string;
  causes: { reason: string; message: string; field: string }[];
} {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return {
      message: `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`,
      causes,
    };
  }
  const by = new Map<string, string[]>();
  for (const c of conflicts) {
    const m = printManager(c.manager);
    by.set(m, [...(by.get(m) ?? []), pathString(c.path)]);
  }
  const lines: string[] = [];
  for (const m of [...by.keys()].sort()) {
    lines.push(`conflicts with ${m}:`);
    for (const p of by.get(m)!) lines.push(`- ${p}`);
  }
  return { message: `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, causes };
}

export interface Ownership {
  entries: ManagedFieldsEntry[];
  /** Paths to delete from the object (an applier dropped them and nobody else owns them). */
  drop: string[][];
  conflicts: Conflict[];
}

const same = (e: ManagedFieldsEntry, manager: string, op: string, sub: string | undefined) =>
  e.manager === manager && e.operation === op && (e.subresource ?? '') === (sub ?? '');

/**
 * The managed fields after an Update by `manager` that changed `changed` (it takes them from everyone else).
 */
export function afterUpdate(
  entries: ManagedFieldsEntry[],
  manager: string,
  apiVersion: string,
  time: string,
  changed: FieldSet,
  subresource?: string,
): ManagedFieldsEntry[] {
  if (!members(changed).length) return entries;
  const out = entries
    .map((e) =>
      same(e, manager, 'Update', subresource) ? e : { ...e, fieldsV1: subtract(e.fieldsV1, changed) },
    )
    .filter((e) => members(e.fieldsV1).length);
  const mine = out.find((e) => same(e, manager, 'Update', subresource));
  const next: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: union(mine?.fieldsV1 ?? {}, changed),
    ...(subresource ? { subresource } : {}),
  };
  return mine ? out.map((e) => (e === mine ? next : e)) : [...out, next];
}

/**
 * An Apply by `manager` of a configuration whose fields are `config`, where `changed` are the fields whose
 * values the apply changes: conflicts with other owners of changed fields (unless forced), the fields to drop,
 * and the entries after it.
 */
export function afterApply(
  entries: ManagedFieldsEntry[],
  manager: string,
  apiVersion: string,
  time: string,
  config: FieldSet,
  changed: FieldSet,
  force: boolean,
): Ownership {
  const others = entries.filter((e) => !same(e, manager, 'Apply', undefined));
  const conflicts: Conflict[] = [];
  for (const e of others)
    for (const p of intersect(e.fieldsV1, changed))
      if (has(config, p) && p[p.length - 1] !== '.') conflicts.push({ manager: e, path: p });
  if (conflicts.length && !force) return { entries, drop: [], conflicts };
  const taken = force ? conflicts : [];
  const prev = entries.find((e) => same(e, manager, 'Apply', undefined));
  const ownedByOthers = others.reduce<FieldSet>((acc, e) => union(acc, e.fieldsV1), {});
  const drop = prev
    ? members(prev.fieldsV1).filter(
        (p) => !has(config, p) && !has(ownedByOthers, p) && p[p.length - 1] !== '.',
      )
    : [];
  const fieldsV1: FieldSet = config;
  const next: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1,
  };
  // Entries keep their order; a new applier comes last. Forced conflicts leave their former owners.
  const out: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (e === prev) {
      out.push(next);
      continue;
    }
    const lost = taken.filter((c) => c.manager === e);
    if (!lost.length) {
      out.push(e);
      continue;
    }
    const fs = structuredClone(e.fieldsV1);
    for (const c of lost) remove(fs, c.path);
    normalize(fs);
    if (members(fs).length) out.push({ ...e, fieldsV1: fs });
  }
  if (!prev) out.push(next);
  return { entries: out, drop, conflicts: [] };
}
