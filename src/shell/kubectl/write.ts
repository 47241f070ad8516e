/**
 * What the writing verbs share: error texts for API failures, kind mapping for manifests, namespaces, the
 * last-applied annotation and apply's three-way merge, and printing results (`deployment.apps/web created`,
 * `(dry run)`, `-o yaml`).
 */
import type { KObject } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import type { ApiError } from '../../sim/api/errors';
import { objectName } from './client';
import { KubectlError } from './errors';
import type { ManifestDoc } from './manifest';
import { parseOutput, printObjects } from './printers/output';
import { dryRun, fieldValidation, str, type KubectlContext, type Parsed } from './verb';
import type { RequestOptions } from '../../sim/api/apiServer';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** An API error as kubectl prints it; `op`/`source` add `error when creating "pod.yaml": `. */
export function apiErrorText(e: ApiError, op?: string, source?: string): string {
  if (e.reason === 'Invalid') return e.message;
  const where = op && source ? `error when ${op} "${source}": ` : '';
  return `Error from server (${e.reason}): ${where}${e.message}`;
}

/**
 * Request options of a write from a manifest: dry run and `--validate`'s fieldValidation; the response's
 * warnings (`unknown field "spec.x"` under `--validate=warn`) go to stderr as kubectl prints them.
 */
export function writeOptions(
  k: KubectlContext,
  p: Parsed,
  mode: 'none' | 'client' | 'server',
): RequestOptions {
  return {
    actor: 'kubectl',
    dryRun: mode === 'server',
    fieldValidation: fieldValidation(p),
    onWarning: (text) => k.err(`Warning: ${text}\n`),
  };
}

/** The kind of a manifest document, or kubectl's "resource mapping not found" error. */
export function mapKind(k: KubectlContext, doc: ManifestDoc): KindDef {
  const o = doc.obj;
  const def = k.cluster.api.kinds.byKind(o.kind, o.apiVersion);
  if (!def)
    throw new KubectlError(
      `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "${doc.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  return def;
}

/** Sets the namespace of a namespaced object from the file or `-n`; refuses a mismatch like kubectl. */
export function applyNamespace(k: KubectlContext, def: KindDef, obj: KObject): void {
  if (!def.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const inFile = obj.metadata.namespace;
  if (inFile && k.namespaceSet && inFile !== k.namespace)
    throw new KubectlError(
      `error: the namespace from the provided object "${inFile}" does not match the namespace "${k.namespace}". You must pass '--namespace=${inFile}' to perform this operation.`,
    );
  obj.metadata.namespace = inFile || k.namespace;
}

function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(x).sort()) out[key] = sort((x as Record<string, unknown>)[key]);
      return out;
    }
    return x;
  };
  return JSON.stringify(sort(v));
}

/** The annotation kubectl stores: the applied object as JSON, without the annotation itself. */
export function lastAppliedOf(obj: KObject): string {
  const copy = structuredClone(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}) };
  delete copy.metadata.annotations[LAST_APPLIED];
  return sortedJson(copy) + '\n';
}

/** Returns `obj` with the last-applied annotation set. */
export function withLastApplied(obj: KObject): KObject {
  const copy = structuredClone(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(obj) };
  return copy;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeKey(items: unknown[]): string | undefined {
  if (!items.length || !items.every(isObj)) return undefined;
  for (const key of ['name', 'containerPort', 'mountPath', 'ip', 'port']) {
    if (items.every((i) => (i as Record<string, unknown>)[key] !== undefined)) return key;
  }
  return undefined;
}

/**
 * Three-way merge (kubectl apply): fields set in `modified` win; fields that were in `original` (the last
 * applied configuration) but are gone from `modified` are removed; everything else in `current` (defaults,
 * fields others set) stays. Lists of named items merge by their key, other lists are replaced.
 */
export function threeWayMerge(original: unknown, modified: unknown, current: unknown): unknown {
  if (isObj(modified)) {
    const cur = isObj(current) ? current : {};
    const orig = isObj(original) ? original : {};
    const out: Record<string, unknown> = { ...cur };
    for (const key of Object.keys(orig)) if (!(key in modified)) delete out[key];
    for (const [key, mv] of Object.entries(modified)) {
      if (mv === null) delete out[key];
      else out[key] = threeWayMerge(orig[key], mv, cur[key]);
    }
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKey([...modified, ...current]);
    if (!key) return structuredClone(modified);
    const origItems = Array.isArray(original) ? original.filter(isObj) : [];
    const find = (list: unknown[], v: unknown) =>
      list.find((x) => isObj(x) && x[key] === v) as Record<string, unknown> | undefined;
    const out: unknown[] = [];
    for (const m of modified as Record<string, unknown>[])
      out.push(threeWayMerge(find(origItems, m[key]), m, find(current, m[key])));
    // Items someone else added (not in the last applied config) stay; items we applied before and removed go.
    for (const c of current as Record<string, unknown>[]) {
      if (find(modified, c[key]) || find(origItems, c[key])) continue;
      out.push(c);
    }
    return out;
  }
  return structuredClone(modified);
}

/**
 * Prints a written object: `-o yaml|json|name` or `deployment.apps/web created (dry run)`. `typed` marks an
 * object kubectl built itself (a generator): its JSON keeps Go struct order.
 */
export function reportWrite(
  k: KubectlContext,
  p: Parsed,
  objs: { obj: KObject; verb: string }[],
  typed = false,
): void {
  const mode = dryRun(p);
  const o = str(p, 'output');
  if (o !== undefined && o !== '') {
    const fmt = parseOutput(o, false, (path) => k.fs.read(path));
    if (fmt.type === 'name') {
      k.out(objs.map((x) => objectName(k.cluster, x.obj) + '\n').join(''));
      return;
    }
    k.out(
      printObjects(
        objs.map((x) => x.obj),
        fmt,
        (x) => objectName(k.cluster, x),
        objs.length === 1,
        typed,
      ),
    );
    return;
  }
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  k.out(objs.map((x) => `${objectName(k.cluster, x.obj)} ${x.verb}${suffix}\n`).join(''));
}

/** A client-side dry-run object as `kubectl create --dry-run=client -o yaml` prints it. */
export function clientDryRunObject(obj: KObject): KObject {
  const copy = structuredClone(obj);
  copy.metadata = { ...copy.metadata, creationTimestamp: null as unknown as string };
  return copy;
}
