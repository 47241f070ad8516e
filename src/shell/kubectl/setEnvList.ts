/**
 * `kubectl set env --list [--resolve]`: a container's variables as env lines (set_env.go and env_resolve.go).
 * A reference prints as `# NAME from configmap cfg, key a` unless `--resolve` reads its value.
 */
import type { KObject } from '../../sim/api/types';
import { parseQuantity } from '../../sim/api/quantity';
import { decodeBase64 } from '../../sim/util/base64';
import type { KubectlContext } from './verb';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string | number };
  };
}

interface Container {
  name: string;
  env?: EnvVar[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

/** GetEnvVarRefString */
function refString(v: NonNullable<EnvVar['valueFrom']>): string {
  if (v.configMapKeyRef) return `configmap ${v.configMapKeyRef.name}, key ${v.configMapKeyRef.key}`;
  if (v.secretKeyRef) return `secret ${v.secretKeyRef.name}, key ${v.secretKeyRef.key}`;
  if (v.fieldRef) return `field path ${v.fieldRef.fieldPath}`;
  if (v.resourceFieldRef)
    return `resource field ${v.resourceFieldRef.containerName ? v.resourceFieldRef.containerName + '/' : ''}${v.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/** `a="1"` lines, keys sorted (env_resolve.go formatMap). */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(m![key])}`)
    .join('\n');
}

function fieldValue(obj: KObject, path: string): string {
  const sub = /^(.+)\['(.*)'\]$/.exec(path);
  if (sub) {
    if (sub[1] === 'metadata.annotations') return obj.metadata.annotations?.[sub[2]!] ?? '';
    if (sub[1] === 'metadata.labels') return obj.metadata.labels?.[sub[2]!] ?? '';
    throw new Error(`fieldPath ${JSON.stringify(path)} does not support subscript`);
  }
  switch (path) {
    case 'metadata.annotations':
      return formatMap(obj.metadata.annotations);
    case 'metadata.labels':
      return formatMap(obj.metadata.labels);
    case 'metadata.name':
      return obj.metadata.name;
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'metadata.uid':
      return obj.metadata.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

function resourceValue(
  c: Container,
  ref: NonNullable<NonNullable<EnvVar['valueFrom']>['resourceFieldRef']>,
): string {
  const [kind, name] = ref.resource.split('.') as [string, string | undefined];
  const known = ['cpu', 'memory', 'ephemeral-storage'];
  if (
    (kind !== 'limits' && kind !== 'requests') ||
    !name ||
    (!known.includes(name) && !name.startsWith('hugepages-'))
  )
    throw new Error(`Unsupported container resource : ${ref.resource}`);
  const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  const value = q === undefined ? 0 : parseQuantity(String(q));
  const divisor =
    ref.divisor === undefined || parseQuantity(String(ref.divisor)) === 0
      ? 1
      : parseQuantity(String(ref.divisor));
  // CPU divides in millicores, the others in bytes; both round up.
  const scale = name === 'cpu' ? 1000 : 1;
  return String(Math.ceil(Math.round(value * scale) / Math.round(divisor * scale)));
}

/** The lines `--list` prints for one container; reference errors go to stderr as kubectl groups them. */
export function envListing(
  k: KubectlContext,
  obj: KObject,
  c: Container,
  kind: string,
  resolve: boolean,
): string {
  let out = `# ${kind} ${obj.metadata.name}, container ${c.name}\n`;
  const failures = new Map<string, string[]>();
  const ns = obj.metadata.namespace ?? k.namespace;
  for (const e of c.env ?? []) {
    if (!e.valueFrom) {
      out += `${e.name}=${e.value ?? ''}\n`;
      continue;
    }
    if (!resolve) {
      out += `# ${e.name} from ${refString(e.valueFrom)}\n`;
      continue;
    }
    try {
      out += `${e.name}=${resolveRef(k, ns, obj, c, e.valueFrom)}\n`;
    } catch (err) {
      out += `# ${e.name} from ${refString(e.valueFrom)}\n`;
      const msg = (err as Error).message;
      failures.set(msg, [...(failures.get(msg) ?? []), e.name]);
    }
  }
  const errs = [...failures].map(
    ([msg, names]) => `error retrieving reference for ${names.sort().join(', ')}: ${msg}`,
  );
  for (const e of errs.sort()) k.err(e + '\n');
  return out;
}

function resolveRef(
  k: KubectlContext,
  ns: string,
  obj: KObject,
  c: Container,
  v: NonNullable<EnvVar['valueFrom']>,
): string {
  const ref = v.secretKeyRef ?? v.configMapKeyRef;
  if (ref) {
    const kind = v.secretKeyRef ? 'Secret' : 'ConfigMap';
    const o = k.cluster.api.get(kind, ns, ref.name) as
      (KObject & { data?: Record<string, string> }) | undefined;
    if (!o) throw new Error(`${kind === 'Secret' ? 'secrets' : 'configmaps'} "${ref.name}" not found`);
    const data = o.data?.[ref.key];
    if (data === undefined)
      throw new Error(
        `key ${ref.key} not found in ${kind === 'Secret' ? 'secret' : 'config map'} ${ref.name}`,
      );
    // A Secret's data is base64 on the wire; kubectl prints the decoded bytes.
    return kind === 'Secret' ? decodeBase64(data) : data;
  }
  if (v.fieldRef) return fieldValue(obj, v.fieldRef.fieldPath);
  if (v.resourceFieldRef) return resourceValue(c, v.resourceFieldRef);
  throw new Error('invalid valueFrom');
}
