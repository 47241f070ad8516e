/**
 * The cloud controller manager's service controller: a LoadBalancer Service gets an external IP from the
 * simulated cloud's pool a few seconds after it appears (EXTERNAL-IP shows `<pending>` until then), and
 * gives it back when the Service stops being a LoadBalancer.
 */
import type { Cluster, SimModule } from '../cluster';
import { nsKey, splitKey } from '../api/store';
import { ensureServiceIndexes } from '../kinds/serviceIpam';
import { LB_POOL_FIRST, LB_POOL_LAST, LB_POOL_PREFIX, type Service } from '../api/networkTypes';

const NAME = 'service-controller';
/** How long the simulated cloud takes to provision a load balancer. */
export const LB_PROVISION_MS = 3000;

interface ServiceControllerState {
  /** ns/name → virtual time the load balancer is ready */
  provisioning: Record<string, number>;
}

const st = (c: Cluster) => c.ext<ServiceControllerState>(NAME);

function freeIp(c: Cluster, wanted: string | undefined): string | undefined {
  const taken = (ip: string) => c.store.byIndex('Service', 'loadBalancerIP', ip).length > 0;
  if (wanted) return wanted.startsWith(LB_POOL_PREFIX) && !taken(wanted) ? wanted : undefined;
  for (let i = LB_POOL_FIRST; i <= LB_POOL_LAST; i++)
    if (!taken(LB_POOL_PREFIX + i)) return LB_POOL_PREFIX + i;
  return undefined;
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = c.api.get<Service>('Service', ns, name);
  const s = st(c);
  if (!svc) {
    delete s.provisioning[key];
    return;
  }
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (svc.spec.type !== 'LoadBalancer' || svc.spec.loadBalancerClass) {
    delete s.provisioning[key];
    if (ingress.length) {
      c.api.updateStatus(
        { ...svc, status: { ...(svc.status ?? {}), loadBalancer: {} } },
        { actor: 'cloud-controller-manager' },
      );
      c.api.recordEvent(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', 'service-controller');
    }
    return;
  }
  if (ingress.length) return;
  const due = s.provisioning[key];
  if (due === undefined) {
    s.provisioning[key] = c.now + LB_PROVISION_MS;
    c.api.recordEvent(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
    c.enqueueAfter(NAME, key, LB_PROVISION_MS);
    return;
  }
  if (c.now < due) {
    c.enqueueAfter(NAME, key, due - c.now);
    return;
  }
  const ip = freeIp(c, svc.spec.loadBalancerIP);
  if (!ip) {
    c.api.recordEvent(
      svc,
      'Warning',
      'SyncLoadBalancerFailed',
      `Error syncing load balancer: failed to ensure load balancer: no available IP in the pool ${LB_POOL_PREFIX}${LB_POOL_FIRST}-${LB_POOL_PREFIX}${LB_POOL_LAST}`,
      'service-controller',
    );
    s.provisioning[key] = c.now + 60_000;
    c.enqueueAfter(NAME, key, 60_000);
    return;
  }
  delete s.provisioning[key];
  c.api.updateStatus(
    { ...svc, status: { ...(svc.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } },
    { actor: 'cloud-controller-manager' },
  );
  c.api.recordEvent(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
}

export const serviceController: SimModule = {
  name: NAME,
  initState: (): ServiceControllerState => ({ provisioning: {} }),
  install(c) {
    ensureServiceIndexes(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('Service', (_t, o) => {
      const svc = o as Service;
      if (
        svc.spec?.type === 'LoadBalancer' ||
        (svc.status?.loadBalancer?.ingress ?? []).length ||
        st(c).provisioning[nsKey(o)] !== undefined
      ) {
        c.enqueue(NAME, nsKey(o));
      }
    });
  },
};
