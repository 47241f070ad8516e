/**
 * The pods behind a Service and the ports they serve: what both the EndpointSlice and the Endpoints
 * controllers publish. Named targetPorts resolve through each pod's container ports, so two pods may serve a
 * Service port on different numbers.
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { mapMatches } from '../api/labels';
import { isPodReady } from '../api/podReady';
import { nsKey } from '../api/store';
import { resolveTargetPort, type Service } from '../api/networkTypes';

export interface PodEndpoint {
  pod: Pod;
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Resolved ports (Service port name → number), in Service port order; unresolved ports are left out. */
  ports: { name: string; port: number; protocol: string }[];
  hostname?: string;
}

export function podsIndexedByNamespace(c: Cluster, ns: string): Pod[] {
  return c.api.byIndex<Pod>('Pod', 'namespace', ns);
}

/** Pods the Service selects, with their endpoint conditions (pods without an IP or finished are left out). */
export function serviceEndpoints(c: Cluster, svc: Service): PodEndpoint[] {
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return [];
  const out: PodEndpoint[] = [];
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  for (const pod of podsIndexedByNamespace(c, svc.metadata.namespace!)) {
    if (!mapMatches(sel, pod.metadata.labels)) continue;
    const ip = pod.status?.podIP;
    if (!ip || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
    const terminating = !!pod.metadata.deletionTimestamp;
    const podReady = isPodReady(pod);
    const ports: PodEndpoint['ports'] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port !== undefined) ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' });
    }
    const hostname =
      pod.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
    out.push({
      pod,
      ip,
      ready: publishNotReady || (podReady && !terminating),
      serving: publishNotReady || podReady,
      terminating,
      ports,
      ...(hostname ? { hostname } : {}),
    });
  }
  out.sort((a, b) =>
    a.pod.metadata.name < b.pod.metadata.name ? -1 : a.pod.metadata.name > b.pod.metadata.name ? 1 : 0,
  );
  return out;
}

/** Services in a namespace whose selector matches the labels. */
export function servicesSelecting(
  c: Cluster,
  ns: string,
  labels: Record<string, string> | undefined,
): Service[] {
  return c.api.list<Service>('Service', ns).filter((s) => selects(s, labels));
}

/**
 * Enqueues, for `reconciler`, the Services whose endpoints a pod change can move: those selecting the pod's
 * labels now or before (each once: the queue ignores a key already waiting).
 */
export function watchPodsForEndpoints(c: Cluster, reconciler: string): void {
  c.api.watch('Pod', (t, o, old) => {
    const pod = o as Pod;
    if (t === 'MODIFIED' && !endpointRelevantChange(old as Pod | undefined, pod)) return;
    const ns = pod.metadata.namespace!;
    const services = c.api.list<Service>('Service', ns);
    if (!services.length) return;
    for (const s of services) if (selects(s, pod.metadata.labels)) c.enqueue(reconciler, nsKey(s));
    if (old && old !== o)
      for (const s of services) if (selects(s, old.metadata.labels)) c.enqueue(reconciler, nsKey(s));
  });
}

function selects(s: Service, labels: Record<string, string> | undefined): boolean {
  const sel = s.spec?.selector;
  return !!sel && Object.keys(sel).length > 0 && mapMatches(sel, labels);
}

/** Whether a pod change can change any Service's endpoints. */
export function endpointRelevantChange(a: Pod | undefined, b: Pod | undefined): boolean {
  if (!a || !b) return true;
  return (
    a.status?.podIP !== b.status?.podIP ||
    isPodReady(a) !== isPodReady(b) ||
    !!a.metadata.deletionTimestamp !== !!b.metadata.deletionTimestamp ||
    a.status?.phase !== b.status?.phase ||
    a.spec.nodeName !== b.spec.nodeName ||
    JSON.stringify(a.metadata.labels) !== JSON.stringify(b.metadata.labels)
  );
}
