/**
 * ResourceQuota: the admission check (`exceeded quota: q, requested: cpu=2, used: cpu=1, limited: cpu=2`,
 * `failed quota: q: must specify limits.cpu for: app`) and the controller that keeps status.hard/used current.
 * Usage is computed from the store: pods that are not Succeeded/Failed, objects counted by resource name.
 */
import type { Cluster, SimModule } from '../cluster';
import type { AdmissionPlugin } from '../api/admission';
import type { KObject, Pod } from '../api/types';
import { apiError } from '../api/errors';
import { formatBytes, formatCpu, parseQuantity } from '../api/quantity';
import { limitRanger } from './limitRanger';
import { writeStatusIfChanged } from './writeStatus';

const NAME = 'resourcequota-controller';

const COUNTED: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  resourcequotas: 'ResourceQuota',
  replicationcontrollers: 'ReplicationController',
};

const isCpu = (r: string) => r === 'cpu' || r.endsWith('.cpu');
const isCount = (r: string) =>
  r === 'pods' || r in COUNTED || r.startsWith('count/') || r.startsWith('services.');

/** A quantity as the quota status prints it. */
export function formatQuota(resource: string, v: number): string {
  if (isCount(resource)) return String(Math.round(v));
  if (isCpu(resource)) return formatCpu(Math.round(v * 1000));
  return formatBytes(Math.round(v));
}

function podActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

function podMatchesScopes(p: Pod, scopes: string[]): boolean {
  const bestEffort = [...(p.spec.containers ?? []), ...(p.spec.initContainers ?? [])].every(
    (ct) =>
      !Object.keys(ct.resources?.requests ?? {}).length && !Object.keys(ct.resources?.limits ?? {}).length,
  );
  for (const s of scopes) {
    if (s === 'BestEffort' && !bestEffort) return false;
    if (s === 'NotBestEffort' && bestEffort) return false;
    if (s === 'Terminating' && p.spec.activeDeadlineSeconds === undefined) return false;
    if (s === 'NotTerminating' && p.spec.activeDeadlineSeconds !== undefined) return false;
  }
  return true;
}

/** Effective pod requests/limits: the larger of the app containers' sum and any init container. */
function podResource(p: Pod, part: 'requests' | 'limits', res: string): number | undefined {
  let sum = 0;
  let any = false;
  for (const ct of p.spec.containers ?? []) {
    const v = ct.resources?.[part]?.[res] ?? (part === 'requests' ? ct.resources?.limits?.[res] : undefined);
    if (v !== undefined) {
      sum += parseQuantity(v);
      any = true;
    }
  }
  for (const ct of p.spec.initContainers ?? []) {
    const v = ct.resources?.[part]?.[res] ?? (part === 'requests' ? ct.resources?.limits?.[res] : undefined);
    if (v !== undefined) {
      sum = Math.max(sum, parseQuantity(v));
      any = true;
    }
  }
  return any ? sum : undefined;
}

/** What one object adds to each quota resource. */
export function usageOf(c: Cluster, o: KObject, resources: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) {
    if (r.startsWith('count/')) {
      if (c.api.kinds.resolve(r.slice(6))?.kind === o.kind) out[r] = 1;
      continue;
    }
    if (COUNTED[r] === o.kind) out[r] = 1;
    if (o.kind === 'Service') {
      if (r === 'services.nodeports' && (o.spec?.type === 'NodePort' || o.spec?.type === 'LoadBalancer'))
        out[r] = (o.spec?.ports ?? []).length;
      if (r === 'services.loadbalancers' && o.spec?.type === 'LoadBalancer') out[r] = 1;
    }
    if (o.kind === 'PersistentVolumeClaim' && r === 'requests.storage')
      out[r] = parseQuantity(o.spec?.resources?.requests?.storage ?? 0);
    if (o.kind === 'Pod') {
      const p = o as Pod;
      const m = /^(requests|limits)\.(.+)$/.exec(r);
      const [part, res] = m ? [m[1] as 'requests' | 'limits', m[2]!] : ['requests' as const, r];
      if (res === 'cpu' || res === 'memory' || res === 'ephemeral-storage' || m) {
        const v = podResource(p, part, res);
        if (v !== undefined) out[r] = v;
      }
    }
  }
  return out;
}

function quotaResources(q: KObject): string[] {
  return Object.keys(q.spec?.hard ?? {}).sort();
}

function objectsFor(c: Cluster, ns: string, r: string): KObject[] {
  if (r.startsWith('count/')) {
    const res = r.slice(6);
    const def = c.api.kinds.resolve(res);
    return def ? c.api.list(def.kind, ns) : [];
  }
  if (r === 'requests.storage') return c.api.list('PersistentVolumeClaim', ns);
  if (r.startsWith('services.')) return c.api.list('Service', ns);
  const kind = COUNTED[r] ?? 'Pod';
  return c.api.list(kind, ns);
}

/** Current usage of a quota, from the store. */
export function quotaUsed(c: Cluster, q: KObject): Record<string, number> {
  const ns = q.metadata.namespace!;
  const scopes: string[] = q.spec?.scopes ?? [];
  const used: Record<string, number> = {};
  for (const r of quotaResources(q)) {
    used[r] = 0;
    for (const o of objectsFor(c, ns, r)) {
      if (o.kind === 'Pod' && (!podActive(o as Pod) || !podMatchesScopes(o as Pod, scopes))) continue;
      used[r] += usageOf(c, o, [r])[r] ?? 0;
    }
  }
  return used;
}

function pretty(m: Record<string, string>): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');
}

function quotaAdmission(c: Cluster): AdmissionPlugin {
  return {
    name: 'ResourceQuota',
    admit(op, obj, _old, api) {
      if (op !== 'CREATE' || !c.store.count('ResourceQuota')) return undefined;
      const ns = obj.metadata.namespace;
      if (!ns) return undefined;
      const quotas = c.api.list('ResourceQuota', ns);
      const def = api.kinds.byKind(obj.kind);
      const plural = def ? `${def.plural}${def.group ? `.${def.group}` : ''}` : obj.kind.toLowerCase();
      for (const q of quotas) {
        if (obj.kind === 'Pod' && !podMatchesScopes(obj as Pod, q.spec?.scopes ?? [])) continue;
        const resources = quotaResources(q);
        if (obj.kind === 'Pod') {
          // Compute resources the quota constrains must be set on every container.
          const missing: string[] = [];
          for (const r of resources) {
            const m =
              /^(requests|limits)\.(cpu|memory)$/.exec(r) ??
              (/^(cpu|memory)$/.exec(r) ? [r, 'requests', r] : null);
            if (!m) continue;
            const [part, res] = [m[1] as 'requests' | 'limits', m[2]!];
            const lacking = ((obj as Pod).spec.containers ?? [])
              .filter(
                (ct) =>
                  (ct.resources?.[part]?.[res] ??
                    (part === 'requests' ? ct.resources?.limits?.[res] : undefined)) === undefined,
              )
              .map((ct) => ct.name);
            if (lacking.length) missing.push(`${part}.${res} for: ${lacking.join(',')}`);
          }
          if (missing.length) {
            return apiError(
              'Forbidden',
              `${plural} "${obj.metadata.name}" is forbidden: failed quota: ${q.metadata.name}: must specify ${[...new Set(missing)].sort().join('; ')}`,
            );
          }
        }
        const delta = usageOf(c, obj, resources);
        if (!Object.keys(delta).length) continue;
        const used = quotaUsed(c, q);
        const exceeded = Object.keys(delta).filter(
          (r) => used[r]! + delta[r]! > parseQuantity(q.spec.hard[r]) + 1e-9,
        );
        if (exceeded.length) {
          const req: Record<string, string> = {};
          const u: Record<string, string> = {};
          const h: Record<string, string> = {};
          for (const r of exceeded) {
            req[r] = formatQuota(r, delta[r]!);
            u[r] = formatQuota(r, used[r]!);
            h[r] = String(q.spec.hard[r]);
          }
          return apiError(
            'Forbidden',
            `${plural} "${obj.metadata.name}" is forbidden: exceeded quota: ${q.metadata.name}, requested: ${pretty(req)}, used: ${pretty(u)}, limited: ${pretty(h)}`,
          );
        }
      }
      return undefined;
    },
  };
}

function reconcile(c: Cluster, ns: string): void {
  for (const q of c.api.list('ResourceQuota', ns)) {
    if (q.metadata.deletionTimestamp) continue;
    const used = quotaUsed(c, q);
    const hard: Record<string, string> = { ...(q.spec?.hard ?? {}) };
    const usedText: Record<string, string> = {};
    for (const r of Object.keys(hard)) usedText[r] = formatQuota(r, used[r] ?? 0);
    const status = { hard, used: usedText };
    writeStatusIfChanged(c, q, status);
  }
}

export const resourceQuotaController: SimModule = {
  name: NAME,
  install(c) {
    c.api.admission.push(limitRanger(c), quotaAdmission(c));
    c.registerReconciler(NAME, (ns) => reconcile(c, ns));
    c.store.watch('*', (type, o, old) => {
      if (!c.store.count('ResourceQuota') && o.kind !== 'ResourceQuota') return;
      const ns = o.metadata.namespace;
      if (
        !ns ||
        o.kind === 'Event' ||
        o.kind === 'Lease' ||
        o.kind === 'EndpointSlice' ||
        o.kind === 'Endpoints'
      )
        return;
      if (o.kind === 'ResourceQuota') {
        if (type === 'MODIFIED' && old && JSON.stringify(old.spec) === JSON.stringify(o.spec)) return;
        c.enqueue(NAME, ns);
        return;
      }
      if (type === 'MODIFIED' && o.kind === 'Pod') {
        const a = old as Pod | undefined;
        const b = o as Pod;
        if (a && podActive(a) === podActive(b)) return;
      } else if (type === 'MODIFIED' && JSON.stringify(old?.spec) === JSON.stringify(o.spec)) return;
      c.enqueue(NAME, ns);
    });
  },
};
