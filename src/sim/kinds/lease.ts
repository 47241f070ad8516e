import type { KindDef } from '../api/kinds';
import { int, obj, str } from '../api/schema';
import { rootSchema } from './common';

export const leaseKind: KindDef = {
  kind: 'Lease',
  apiVersion: 'coordination.k8s.io/v1',
  group: 'coordination.k8s.io',
  version: 'v1',
  plural: 'leases',
  singular: 'lease',
  shortNames: [],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'Lease',
    'Lease defines a lease concept. Kubelets renew a Lease in kube-node-lease as their heartbeat.',
    {
      spec: obj('LeaseSpec', {
        holderIdentity: str('The identity of the holder of a current lease.'),
        leaseDurationSeconds: int('Duration that candidates for a lease need to wait to force acquire it.'),
        acquireTime: str(),
        renewTime: str('The time the current holder of a lease last updated it.'),
        leaseTransitions: int(),
        strategy: str(),
        preferredHolder: str(),
      }),
    },
  ),
};
