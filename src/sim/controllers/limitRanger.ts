/**
 * LimitRanger admission: containers without requests/limits get the namespace's LimitRange defaults (and the
 * `kubernetes.io/limit-ranger` annotation); min, max and maxLimitRequestRatio are enforced with the real
 * messages (`maximum cpu usage per Container is 800m, but limit is 1500m`).
 */
import type { Cluster } from '../cluster';
import type { AdmissionPlugin } from '../api/admission';
import type { Container, KObject, Pod } from '../api/types';
import { apiError } from '../api/errors';
import { formatBytes, formatCpu, parseCpuMillis, parseQuantity } from '../api/quantity';

interface LimitItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

function items(c: Cluster, ns: string, type: string): LimitItem[] {
  const out: LimitItem[] = [];
  for (const lr of c.api.list('LimitRange', ns))
    for (const l of (lr.spec?.limits ?? []) as LimitItem[]) if (l.type === type) out.push(l);
  return out;
}

/** Applies Container defaults; returns the annotation text parts. */
function applyDefaults(ct: Container, item: LimitItem): string[] {
  const notes: string[] = [];
  ct.resources ??= {};
  const req = { ...(ct.resources.requests ?? {}) };
  const lim = { ...(ct.resources.limits ?? {}) };
  const setReq: string[] = [];
  const setLim: string[] = [];
  for (const [r, v] of Object.entries(item.default ?? {})) {
    if (lim[r] === undefined) {
      lim[r] = v;
      setLim.push(r);
    }
  }
  const defReq = { ...(item.default ?? {}), ...(item.defaultRequest ?? {}) };
  for (const [r, v] of Object.entries(defReq)) {
    if (req[r] === undefined) {
      req[r] = ct.resources.limits?.[r] ?? v;
      setReq.push(r);
    }
  }
  if (setReq.length) notes.push(`${setReq.sort().join(', ')} request for container ${ct.name}`);
  if (setLim.length) notes.push(`${setLim.sort().join(', ')} limit for container ${ct.name}`);
  if (Object.keys(req).length) ct.resources.requests = req;
  if (Object.keys(lim).length) ct.resources.limits = lim;
  return notes;
}

/** A quantity in canonical form, as the API server prints it (`1.5` cpu → `1500m`). */
function canon(r: string, q: string): string {
  return r === 'cpu' ? formatCpu(parseCpuMillis(q)) : q;
}

function check(
  kind: 'Container' | 'Pod',
  req: Record<string, string>,
  lim: Record<string, string>,
  item: LimitItem,
  errs: string[],
): void {
  for (const [r, v] of Object.entries(item.min ?? {})) {
    const q = req[r] ?? lim[r];
    if (q === undefined) errs.push(`minimum ${r} usage per ${kind} is ${v}.  No request is specified`);
    else if (parseQuantity(q) < parseQuantity(v))
      errs.push(`minimum ${r} usage per ${kind} is ${v}, but request is ${canon(r, (req[r] ?? lim[r])!)}`);
  }
  for (const [r, v] of Object.entries(item.max ?? {})) {
    const q = lim[r];
    if (q === undefined) errs.push(`maximum ${r} usage per ${kind} is ${v}.  No limit is specified`);
    else if (parseQuantity(q) > parseQuantity(v))
      errs.push(`maximum ${r} usage per ${kind} is ${v}, but limit is ${canon(r, q)}`);
  }
  for (const [r, v] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const l = lim[r];
    const q = req[r];
    if (l === undefined || q === undefined) continue;
    const ratio = parseQuantity(l) / parseQuantity(q);
    if (ratio > parseQuantity(v))
      errs.push(
        `${r} max limit to request ratio per ${kind} is ${v}, but provided ratio is ${ratio.toFixed(6)}`,
      );
  }
}

function sumPod(pod: Pod, part: 'requests' | 'limits'): Record<string, string> {
  const out: Record<string, number> = {};
  for (const ct of pod.spec.containers ?? [])
    for (const [r, v] of Object.entries(ct.resources?.[part] ?? {}))
      out[r] = (out[r] ?? 0) + parseQuantity(v);
  const res: Record<string, string> = {};
  for (const [r, v] of Object.entries(out))
    res[r] = r === 'cpu' ? formatCpu(Math.round(v * 1000)) : formatBytes(v);
  return res;
}

export function limitRanger(c: Cluster): AdmissionPlugin {
  return {
    name: 'LimitRanger',
    admit(op, obj: KObject) {
      if (op !== 'CREATE' || obj.kind !== 'Pod') return undefined;
      if (!c.store.count('LimitRange')) return undefined;
      const pod = obj as Pod;
      if (!pod.spec || !Array.isArray(pod.spec.containers)) return undefined;
      const ns = pod.metadata.namespace!;
      const cItems = items(c, ns, 'Container');
      const pItems = items(c, ns, 'Pod');
      if (!cItems.length && !pItems.length) return undefined;
      const notes: string[] = [];
      const errs: string[] = [];
      for (const ct of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        if (!ct || typeof ct !== 'object') continue;
        for (const item of cItems) notes.push(...applyDefaults(ct, item));
        for (const item of cItems)
          check('Container', ct.resources?.requests ?? {}, ct.resources?.limits ?? {}, item, errs);
      }
      for (const item of pItems) {
        const req = sumPod(pod, 'requests');
        const lim = sumPod(pod, 'limits');
        check('Pod', req, lim, item, errs);
      }
      if (errs.length) {
        const msg = errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
        return apiError('Forbidden', `pods "${pod.metadata.name}" is forbidden: ${msg}`);
      }
      if (notes.length) {
        pod.metadata.annotations = {
          ...(pod.metadata.annotations ?? {}),
          'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}`,
        };
      }
      return undefined;
    },
  };
}
