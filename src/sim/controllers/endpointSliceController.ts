/**
 * EndpointSlice controller: for every Service with a selector, keeps EndpointSlices listing the selected pods
 * with ready / serving / terminating conditions (at most 100 endpoints per slice, one group of slices per set
 * of resolved ports). Not-ready pods stay with ready=false; terminating pods are never ready.
 */
import type { Cluster, SimModule } from '../cluster';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import { syncSlices } from './sliceSync';
import { nsKey, splitKey } from '../api/store';
import { ownerRefTo } from '../api/ownerReferences';
import { ensureSliceIndex } from '../kinds/endpointSlice';
import { serviceEndpoints, watchPodsForEndpoints } from './podEndpoints';
import {
  MAX_ENDPOINTS_PER_SLICE,
  type Endpoint,
  type EndpointPort,
  type EndpointSlice,
  type Service,
} from '../api/networkTypes';

const NAME = 'endpointslice-controller';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

interface DesiredSlice {
  ports: EndpointPort[] | null;
  endpoints: Endpoint[] | null;
}

function desiredSlices(c: Cluster, svc: Service): DesiredSlice[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const e of serviceEndpoints(c, svc)) {
    if (!e.ports.length && (svc.spec.ports ?? []).length) continue;
    const ports: EndpointPort[] = e.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol }));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push({
      addresses: [e.ip],
      conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod.spec.nodeName ? { nodeName: e.pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: e.pod.metadata.namespace,
        name: e.pod.metadata.name,
        uid: e.pod.metadata.uid,
      },
    });
  }
  const out: DesiredSlice[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  // A Service that selects nothing still has one (empty) slice.
  if (!out.length) out.push({ ports: null, endpoints: null });
  return out;
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = c.api.get<Service>('Service', ns, name);
  const existing = c.api
    .byIndex<EndpointSlice>('EndpointSlice', 'service', key)
    .filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY);
  const selector = svc?.spec?.selector;
  if (
    !svc ||
    svc.metadata.deletionTimestamp ||
    !selector ||
    !Object.keys(selector).length ||
    svc.spec.type === 'ExternalName'
  ) {
    for (const s of existing)
      c.api.delete('EndpointSlice', ns, s.metadata.name, { actor: CONTROLLER_MANAGER });
    return;
  }
  const want = desiredSlices(c, svc);
  const labels = {
    ...(svc.metadata.labels ?? {}),
    'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
    'kubernetes.io/service-name': name,
  };
  syncSlices(c, existing, want, { namespace: ns, serviceName: name, labels, owner: ownerRefTo(svc) });
}

export const endpointSliceController: SimModule = {
  name: NAME,
  install(c) {
    ensurePodIndexes(c);
    ensureSliceIndex(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('Service', (_t, o) => c.enqueue(NAME, nsKey(o)));
    c.api.watch('EndpointSlice', (t, o) => {
      const svc = o.metadata.labels?.['kubernetes.io/service-name'];
      if (
        t === 'DELETED' &&
        svc &&
        o.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY
      ) {
        c.enqueue(NAME, `${o.metadata.namespace}/${svc}`);
      }
    });
    watchPodsForEndpoints(c, NAME);
  },
};
