/**
 * EndpointSlice mirroring controller (K:pkg/controller/endpointslicemirroring): for a Service without a selector,
 * the Endpoints object someone wrote by hand is mirrored into EndpointSlices (the ones kube-proxy reads), one per
 * set of subset ports: ready addresses with `ready: true`, not-ready ones with `ready: false`; the slice copies the
 * Endpoints' labels and is owned by the Endpoints. Endpoints labelled `endpointslice.kubernetes.io/skip-mirror:
 * "true"` are left alone.
 */
import type { Cluster, SimModule } from '../cluster';
import { CONTROLLER_MANAGER } from './util';
import { syncSlices } from './sliceSync';
import { nsKey, splitKey } from '../api/store';
import { ownerRefTo } from '../api/ownerReferences';
import { ensureSliceIndex } from '../kinds/endpointSlice';
import type {
  Endpoint,
  EndpointAddress,
  EndpointPort,
  EndpointSlice,
  Endpoints,
  Service,
} from '../api/networkTypes';

const NAME = 'endpointslicemirroring-controller';
/** The managed-by label value of mirrored slices. */
export const MIRRORING_MANAGED_BY = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const SKIPPED_ANNOTATIONS = [
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
];

interface DesiredSlice {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

function toEndpoint(a: EndpointAddress, ready: boolean): Endpoint {
  const e: Endpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) e.hostname = a.hostname;
  if (a.nodeName) e.nodeName = a.nodeName;
  if (a.targetRef) e.targetRef = a.targetRef;
  return e;
}

/** One slice per distinct port list (subsets with the same ports merge), in subset order. */
function desiredSlices(ep: Endpoints): DesiredSlice[] {
  const groups = new Map<string, DesiredSlice>();
  for (const s of ep.subsets ?? []) {
    const ports: EndpointPort[] = (s.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    for (const a of s.addresses ?? []) g.endpoints.push(toEndpoint(a, true));
    for (const a of s.notReadyAddresses ?? []) g.endpoints.push(toEndpoint(a, false));
  }
  return [...groups.values()].filter((g) => g.endpoints.length);
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = c.api.get<Service>('Service', ns, name);
  const ep = c.api.get<Endpoints>('Endpoints', ns, name);
  const existing = c.api
    .byIndex<EndpointSlice>('EndpointSlice', 'service', key)
    .filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MIRRORING_MANAGED_BY);
  const mirror =
    !!svc &&
    !svc.metadata.deletionTimestamp &&
    !svc.spec.selector &&
    !!ep &&
    !ep.metadata.deletionTimestamp &&
    ep.metadata.labels?.[SKIP_MIRROR] !== 'true';
  const want = mirror ? desiredSlices(ep) : [];
  const labels: Record<string, string> = {
    ...(ep?.metadata.labels ?? {}),
    'kubernetes.io/service-name': name,
    'endpointslice.kubernetes.io/managed-by': MIRRORING_MANAGED_BY,
  };
  const annotations: Record<string, string> = { ...(ep?.metadata.annotations ?? {}) };
  for (const k of SKIPPED_ANNOTATIONS) delete annotations[k];
  if (!mirror) {
    for (const s of existing)
      c.api.delete('EndpointSlice', ns, s.metadata.name, { actor: CONTROLLER_MANAGER });
    return;
  }
  syncSlices(c, existing, want, {
    namespace: ns,
    serviceName: name,
    labels,
    owner: ownerRefTo(ep),
    annotations,
  });
}

/** The mirroring controller: watches Services, Endpoints and its own slices. */
export const endpointSliceMirroringController: SimModule = {
  name: NAME,
  install(c) {
    ensureSliceIndex(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('Service', (_t, o) => c.enqueue(NAME, nsKey(o)));
    c.api.watch('Endpoints', (_t, o) => c.enqueue(NAME, nsKey(o)));
    c.api.watch('EndpointSlice', (t, o) => {
      const svc = o.metadata.labels?.['kubernetes.io/service-name'];
      if (
        t === 'DELETED' &&
        svc &&
        o.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MIRRORING_MANAGED_BY
      )
        c.enqueue(NAME, `${o.metadata.namespace}/${svc}`);
    });
  },
};
