/**
 * A Service without a selector plus a hand-written Endpoints object: the EndpointSlice mirroring controller
 * (pkg/controller/endpointslicemirroring) makes the slice kube-proxy reads, labelled managed-by
 * endpointslicemirroring-controller.k8s.io and owned by the Endpoints, so traffic to the Service flows.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../sim/api/types';
import type { EndpointSlice } from '../../../sim/api/networkTypes';
import { newSession, sh } from '../../testing/harness';

const setup = (ip: string, endpointsLabels = '{}') => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  ports:
  - port: 8080
    targetPort: 80
---
apiVersion: v1
kind: Endpoints
metadata:
  name: ext
  labels: ${endpointsLabels}
subsets:
- addresses:
  - ip: ${ip}
  ports:
  - port: 80
EOF
sim advance 2s`;

function backend() {
  const s = newSession();
  sh(s, 'kubectl run backend --image=nginx:1.27 --port=80\nsim advance 10s');
  const ip = s.cluster.api.get<Pod>('Pod', 'default', 'backend')!.status.podIP!;
  return { s, ip };
}
const mirrored = (s: ReturnType<typeof newSession>) =>
  s.cluster.api
    .list<EndpointSlice>('EndpointSlice', 'default')
    .filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'ext');

describe('EndpointSlice mirroring', () => {
  it('mirrors the Endpoints into a slice, and a client reaches the address through the Service', () => {
    const { s, ip } = backend();
    sh(s, setup(ip));
    const slices = mirrored(s);
    expect(slices).toHaveLength(1);
    const slice = slices[0]!;
    expect(slice.metadata.name).toMatch(/^ext-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
      'kubernetes.io/service-name': 'ext',
    });
    expect(slice.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Endpoints',
      name: 'ext',
      controller: true,
    });
    expect(slice.endpoints).toEqual([{ addresses: [ip], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    sh(
      s,
      'kubectl run client --image=busybox:1.36 --restart=Never -- wget -qO- -T 2 http://ext:8080\nsim advance 20s',
    );
    expect(sh(s, 'kubectl logs client')).toContain('<title>Welcome to nginx!</title>');
  });

  it('removes the slice with the Endpoints', () => {
    const { s, ip } = backend();
    sh(s, setup(ip));
    sh(s, 'kubectl delete endpoints ext\nsim advance 2s');
    expect(mirrored(s)).toEqual([]);
  });

  it('leaves Endpoints labelled skip-mirror alone', () => {
    const { s, ip } = backend();
    sh(s, setup(ip, '{endpointslice.kubernetes.io/skip-mirror: "true"}'));
    expect(mirrored(s)).toEqual([]);
  });

  it('does not mirror the Endpoints of a Service with a selector', () => {
    const s = newSession();
    sh(
      s,
      'kubectl create deployment web --image=nginx:1.27 --replicas=2\nkubectl expose deployment web --port=80\nsim advance 15s',
    );
    const managers = s.cluster.api
      .list<EndpointSlice>('EndpointSlice', 'default')
      .filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'web')
      .map((x) => x.metadata.labels?.['endpointslice.kubernetes.io/managed-by']);
    expect(managers).toEqual(['endpointslice-controller.k8s.io']);
  });
});
