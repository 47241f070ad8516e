/**
 * Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), which typed clients send since
 * kubectl 1.32 (`kubectl create deployment`, `create namespace`, `auth can-i`…): the `k8s\0` magic, a
 * runtime.Unknown envelope (TypeMeta + raw bytes), then the object's message. Decoded with @bufbuild/protobuf's
 * wire reader and the field tables of k8sMessages.ts into the JSON the API server takes.
 */
import { BinaryReader, WireType, base64Encode } from '@bufbuild/protobuf/wire';
import { K8S_MESSAGES } from './k8sMessages';

type Field = [string, string, 1?];
type Json = Record<string, unknown>;

/** The apimachinery messages (k8s.io/apimachinery generated.proto). */
const META: Record<string, Record<number, Field>> = {
  'meta.ObjectMeta': {
    1: ['name', 's'],
    2: ['generateName', 's'],
    3: ['namespace', 's'],
    4: ['selfLink', 's'],
    5: ['uid', 's'],
    6: ['resourceVersion', 's'],
    7: ['generation', 'l'],
    8: ['creationTimestamp', 'meta.Time'],
    9: ['deletionTimestamp', 'meta.Time'],
    10: ['deletionGracePeriodSeconds', 'l'],
    11: ['labels', 'map:s'],
    12: ['annotations', 'map:s'],
    13: ['ownerReferences', 'meta.OwnerReference', 1],
    14: ['finalizers', 's', 1],
  },
  'meta.LabelSelector': {
    1: ['matchLabels', 'map:s'],
    2: ['matchExpressions', 'meta.LabelSelectorRequirement', 1],
  },
  'meta.LabelSelectorRequirement': { 1: ['key', 's'], 2: ['operator', 's'], 3: ['values', 's', 1] },
  'meta.OwnerReference': {
    5: ['apiVersion', 's'],
    1: ['kind', 's'],
    3: ['name', 's'],
    4: ['uid', 's'],
    6: ['controller', 'b'],
    7: ['blockOwnerDeletion', 'b'],
  },
  'meta.DeleteOptions': {
    1: ['gracePeriodSeconds', 'l'],
    2: ['preconditions', 'meta.Preconditions'],
    3: ['orphanDependents', 'b'],
    4: ['propagationPolicy', 's'],
    5: ['dryRun', 's', 1],
  },
  'meta.Preconditions': { 1: ['uid', 's'], 2: ['resourceVersion', 's'] },
  'runtime.TypeMeta': { 1: ['apiVersion', 's'], 2: ['kind', 's'] },
};

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** The message name of a kind (`apps/v1`, `Deployment` → `apps.v1.Deployment`). */
function messageOf(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `${group!.replace(/\.k8s\.io$/, '')}.${version}.${kind}`;
}

/** Decodes a protobuf body into the object's JSON form; throws Error with a message for a 400. */
export function decodeK8sProtobuf(body: Uint8Array): Json {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b))
    throw new Error('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const r = new BinaryReader(body.subarray(4));
  let typeMeta: Json = {};
  let raw: Uint8Array | undefined;
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1 && wt === WireType.LengthDelimited) typeMeta = message(r.bytes(), 'runtime.TypeMeta', 0);
    else if (no === 2 && wt === WireType.LengthDelimited) raw = r.bytes();
    else r.skip(wt, no);
  }
  const apiVersion = String(typeMeta.apiVersion ?? '');
  const kind = String(typeMeta.kind ?? '');
  const name = messageOf(apiVersion, kind);
  if (!K8S_MESSAGES[name]) throw new Error(`no kind "${kind}" is registered for version "${apiVersion}"`);
  return { apiVersion, kind, ...message(raw ?? new Uint8Array(), name, 0) };
}

const table = (name: string) => META[name] ?? K8S_MESSAGES[name];

function message(buf: Uint8Array, name: string, depth: number): Json {
  if (depth > 64) throw new Error('protobuf message nested too deeply');
  const fields = table(name);
  const out: Json = {};
  const r = new BinaryReader(buf);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    const f = fields?.[no];
    if (!f) {
      r.skip(wt, no);
      continue;
    }
    const [key, type, repeated] = f;
    if (type.startsWith('map:')) {
      const [k, v] = mapEntry(r.bytes(), type.slice(4), depth);
      ((out[key] ??= {}) as Json)[k] = v;
      continue;
    }
    if (repeated && wt === WireType.LengthDelimited && 'ilbd'.includes(type)) {
      // packed scalars
      const inner = new BinaryReader(r.bytes());
      const list = (out[key] ??= []) as unknown[];
      while (inner.pos < inner.len) list.push(scalar(inner, type));
      continue;
    }
    const v = value(r, type, depth);
    // an embedded struct (k8sMessages names it ''): its fields are the enclosing object's in JSON
    if (key === '' && v && typeof v === 'object') Object.assign(out, v);
    else if (repeated) ((out[key] ??= []) as unknown[]).push(v);
    else out[key] = v;
  }
  return out;
}

function mapEntry(buf: Uint8Array, type: string, depth: number): [string, unknown] {
  const r = new BinaryReader(buf);
  let k = '';
  let v: unknown = type === 's' || type === 'y' ? '' : undefined;
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) k = r.string();
    else if (no === 2) v = value(r, type, depth);
    else r.skip(wt, no);
  }
  return [k, v];
}

function scalar(r: BinaryReader, type: string): unknown {
  switch (type) {
    case 'i':
      return r.int32();
    case 'l':
      return Number(r.int64());
    case 'b':
      return r.bool();
    case 'd':
      return r.double();
  }
  throw new Error(`unexpected scalar type ${type}`);
}

function value(r: BinaryReader, type: string, depth: number): unknown {
  switch (type) {
    case 's':
      return r.string();
    case 'y':
      return base64Encode(r.bytes());
    case 'i':
    case 'l':
    case 'b':
    case 'd':
      return scalar(r, type);
    case 'meta.Time': {
      const t = message(r.bytes(), 'meta.TimeParts', depth + 1);
      const secs = Number(t.seconds ?? 0);
      return secs ? new Date(secs * 1000).toISOString().replace('.000Z', 'Z') : null;
    }
    case 'intstr.IntOrString': {
      const t = message(r.bytes(), 'intstr.Parts', depth + 1);
      return Number(t.type ?? 0) === 1 ? String(t.strVal ?? '') : Number(t.intVal ?? 0);
    }
    case 'resource.Quantity':
      return String(message(r.bytes(), 'resource.Parts', depth + 1).string ?? '');
  }
  return message(r.bytes(), type, depth + 1);
}

META['meta.TimeParts'] = { 1: ['seconds', 'l'], 2: ['nanos', 'i'] };
META['intstr.Parts'] = { 1: ['type', 'l'], 2: ['intVal', 'i'], 3: ['strVal', 's'] };
META['resource.Parts'] = { 1: ['string', 's'] };

/**
 * Go's protobuf marshaller writes every non-pointer field, zero or not; its JSON marshaller leaves zero values of
 * `omitempty` fields out. The API server decodes both to the same object; here the zero strings, false, zero
 * numbers, null times and empty objects are dropped so the JSON path sees what a JSON client would send — except
 * the zeroes of pointer fields, where 0 is a choice (`replicas: 0`, `gracePeriodSeconds: 0`…).
 */
export function dropZeroes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropZeroes);
  if (!v || typeof v !== 'object') return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v as Json)) {
    if (x === '' || x === false || x === null || (x === 0 && !ZERO_MEANS_SOMETHING.has(k))) continue;
    const y = dropZeroes(x);
    if (y && typeof y === 'object' && !Array.isArray(y) && !Object.keys(y).length) continue;
    out[k] = y;
  }
  return out;
}

/** Pointer fields of the served kinds whose 0 differs from unset. */
const ZERO_MEANS_SOMETHING = new Set([
  'replicas',
  'terminationGracePeriodSeconds',
  'backoffLimit',
  'completions',
  'parallelism',
  'revisionHistoryLimit',
  'gracePeriodSeconds',
  'deletionGracePeriodSeconds',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'ttlSecondsAfterFinished',
  'startingDeadlineSeconds',
  'activeDeadlineSeconds',
  'priority',
  'minAvailable',
  'maxUnavailable',
  'maxSurge',
  'value',
]);
