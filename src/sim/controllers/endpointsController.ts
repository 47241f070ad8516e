/**
 * Endpoints controller: the legacy Endpoints object of every Service with a selector (ready pods under
 * `addresses`, not-ready ones under `notReadyAddresses`; terminating pods are left out).
 */
import type { Cluster, SimModule } from '../cluster';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import { nsKey, splitKey } from '../api/store';
import { serviceEndpoints, watchPodsForEndpoints } from './podEndpoints';
import type { EndpointAddress, Endpoints, EndpointSubset, Service } from '../api/networkTypes';

const NAME = 'endpoints-controller';

function subsetsFor(c: Cluster, svc: Service): EndpointSubset[] {
  const groups = new Map<string, EndpointSubset>();
  for (const e of serviceEndpoints(c, svc)) {
    if (e.terminating && !svc.spec.publishNotReadyAddresses) continue;
    if (!e.ports.length) continue;
    const ports = e.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol,
    }));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports }));
    const addr: EndpointAddress = {
      ip: e.ip,
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod.spec.nodeName ? { nodeName: e.pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: e.pod.metadata.namespace,
        name: e.pod.metadata.name,
        uid: e.pod.metadata.uid,
      },
    };
    if (e.ready) (g.addresses ??= []).push(addr);
    else (g.notReadyAddresses ??= []).push(addr);
  }
  const ipNum = (a: EndpointAddress) => a.ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);
  for (const g of groups.values()) {
    g.addresses?.sort((a, b) => ipNum(a) - ipNum(b));
    g.notReadyAddresses?.sort((a, b) => ipNum(a) - ipNum(b));
  }
  return [...groups.values()];
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = c.api.get<Service>('Service', ns, name);
  const cur = c.api.get<Endpoints>('Endpoints', ns, name);
  const selector = svc?.spec?.selector;
  if (!svc || !selector || !Object.keys(selector).length || svc.spec.type === 'ExternalName') {
    // Endpoints of a selector-less Service belong to whoever wrote them; a deleted Service takes its own along.
    if (
      !svc &&
      cur &&
      cur.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller'
    ) {
      c.api.delete('Endpoints', ns, name, { actor: CONTROLLER_MANAGER });
    }
    return;
  }
  const subsets = subsetsFor(c, svc);
  const labels = {
    ...(svc.metadata.labels ?? {}),
    'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
  };
  if (!cur) {
    c.api.create(
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels },
        ...(subsets.length ? { subsets } : {}),
      },
      { actor: CONTROLLER_MANAGER },
    );
    return;
  }
  if (
    JSON.stringify(cur.subsets ?? []) === JSON.stringify(subsets) &&
    JSON.stringify(cur.metadata.labels) === JSON.stringify(labels)
  )
    return;
  const next: Endpoints = { ...cur, metadata: { ...cur.metadata, labels } };
  if (subsets.length) next.subsets = subsets;
  else delete next.subsets;
  c.api.update(next, { actor: CONTROLLER_MANAGER });
}

export const endpointsController: SimModule = {
  name: NAME,
  install(c) {
    ensurePodIndexes(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('Service', (_t, o) => c.enqueue(NAME, nsKey(o)));
    watchPodsForEndpoints(c, NAME);
  },
};
