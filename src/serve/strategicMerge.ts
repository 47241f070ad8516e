/**
 * Strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) over our kinds: lists with a merge key
 * merge item by item, the directives `$patch` (replace / delete / merge), `$retainKeys`, `$setElementOrder/<f>`
 * and `$deleteFromPrimitiveList/<f>` are honoured, and a `null` deletes a field. The merge keys are those the
 * Kubernetes types declare (`patchMergeKey`), by field name, with the Service's ports told apart by kind.
 */

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Field name → merge key, as the Go types' `patchMergeKey` tags. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  ports: 'containerPort',
  secrets: 'name',
};

/** Primitive lists the types mark `patchStrategy:"merge"` (their items are a set). */
const MERGED_PRIMITIVES = new Set(['finalizers']);

/**
 * The merge key of a list field (`path` is the list's dotted path in the object). A Service's `spec.ports`
 * merge on `port`; container ports on `containerPort`.
 */
export function mergeKeyFor(field: string, kind: string, path: string): string | undefined {
  if (field === 'ports' && kind === 'Service' && path === 'spec.ports') return 'port';
  return MERGE_KEYS[field];
}

/** Whether a primitive list merges as a set (`patchStrategy:"merge"` without a key). */
export function mergesPrimitives(field: string): boolean {
  return MERGED_PRIMITIVES.has(field);
}

/** Applies a strategic merge patch to `original` (a fresh result; neither input is changed). */
export function strategicMerge(original: Json, patch: Json, kind: string): Json {
  return mergeValue(original, patch, kind, '');
}

function mergeValue(original: Json, patch: Json, kind: string, path: string): Json {
  if (!isObj(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _drop, ...rest } = patch;
    void _drop;
    return rest;
  }
  const out: Obj = isObj(original) ? { ...original } : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  const orders: [string, Json[]][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      if (Array.isArray(v)) orders.push([k.slice('$setElementOrder/'.length), v]);
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = new Set((Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)));
      if (Array.isArray(out[f])) out[f] = (out[f] as Json[]).filter((x) => !drop.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    if (isObj(v) && v.$patch === 'delete') {
      delete out[k];
      continue;
    }
    const cur = out[k];
    const at = path ? `${path}.${k}` : k;
    if (Array.isArray(v)) out[k] = mergeList(Array.isArray(cur) ? cur : [], v, k, kind, at);
    else if (isObj(v)) out[k] = mergeValue(cur, v, kind, at);
    else out[k] = v;
  }
  for (const [f, order] of orders) {
    const list = out[f];
    if (Array.isArray(list)) out[f] = reorder(list, order, mergeKeyFor(f, kind, path ? `${path}.${f}` : f));
  }
  return out;
}

function mergeList(cur: Json[], patch: Json[], field: string, kind: string, path: string): Json[] {
  const key = mergeKeyFor(field, kind, path);
  if (!key) {
    if (MERGED_PRIMITIVES.has(field)) {
      const seen = new Set(cur.map((x) => JSON.stringify(x)));
      return [...cur, ...patch.filter((x) => !seen.has(JSON.stringify(x)))];
    }
    // A `$patch: replace` item list, or any list without a merge key: the patch replaces it.
    return patch.filter((x) => !(isObj(x) && x.$patch));
  }
  if (patch.some((x) => isObj(x) && x.$patch === 'replace'))
    return patch.filter((x) => !(isObj(x) && x.$patch === 'replace'));
  const out = [...cur];
  for (const item of patch) {
    if (!isObj(item)) continue;
    const i = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = mergeValue(out[i], item, kind, path);
    else out.push(mergeValue(undefined, item, kind, path));
  }
  return out;
}

/** `$setElementOrder`: the listed items first, in that order; the others keep their places after them. */
function reorder(list: Json[], order: Json[], key: string | undefined): Json[] {
  const id = (x: Json): string => JSON.stringify(key && isObj(x) ? x[key] : x);
  const rank = new Map(order.map((x, i) => [id(x), i]));
  const listed = list.filter((x) => rank.has(id(x))).sort((a, b) => rank.get(id(a))! - rank.get(id(b))!);
  return [...listed, ...list.filter((x) => !rank.has(id(x)))];
}
