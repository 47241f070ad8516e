/**
 * Volumes before images (issue 14): the real kubelet's SyncPod waits for the pod's volumes to be mounted
 * (WaitForAttachAndMount) before it makes the sandbox or pulls an image. A missing ConfigMap or Secret fails
 * `MountVolume.SetUp` (operation_generator: `MountVolume.SetUp failed for volume "<vol>" : configmap "<name>" not
 * found`), retried with the operation executor's back-off (500 ms doubling, at most 2m2s); each failure is a
 * FailedMount event, so its count grows. The pod stays Pending/ContainerCreating and goes on when it appears.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from '../testing/harness';
import type { Pod } from '../../sim/api/types';

const manifest = (volume: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: cfg
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - { name: conf, mountPath: /etc/app }
  volumes:
  - name: conf
    ${volume}
EOF`;

const pod = (s: ReturnType<typeof newSession>) => s.cluster.api.get<Pod>('Pod', 'default', 'cfg')!;
const events = (s: ReturnType<typeof newSession>) => s.cluster.api.eventsFor(pod(s));

describe('volumes before images', () => {
  it('a missing ConfigMap: FailedMount with back-off, no sandbox, no pull; it starts once the ConfigMap exists', () => {
    const s = newSession();
    sh(s, manifest('configMap: { name: app-config }'));
    const t0 = s.cluster.now;
    s.cluster.advance(20_000);
    const p = pod(s);
    expect(p.status.phase).toBe('Pending');
    expect(p.status.podIP).toBeUndefined();
    expect(p.status.containerStatuses![0]!.state.waiting?.reason).toBe('ContainerCreating');
    expect(events(s).map((e) => e.reason)).toEqual(['Scheduled', 'FailedMount']);
    const failed = events(s)[1]!;
    expect(failed.type).toBe('Warning');
    expect(failed.message).toBe(
      'MountVolume.SetUp failed for volume "conf" : configmap "app-config" not found',
    );
    // attempts at 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s after the first
    expect(failed.count).toBe(6);
    // (event timestamps are whole seconds)
    const span = s.cluster.fromIso(failed.lastTimestamp) - s.cluster.fromIso(failed.firstTimestamp);
    expect(span).toBeGreaterThanOrEqual(15_000);
    expect(span).toBeLessThanOrEqual(16_000);
    expect(s.cluster.fromIso(failed.firstTimestamp) - t0).toBeLessThan(1_000);
    expect(sh(s, 'kubectl get pod cfg')).toMatch(/cfg\s+0\/1\s+ContainerCreating\s+0\s+/);

    sh(s, 'kubectl create configmap app-config --from-literal=greeting=hello');
    s.cluster.advance(30_000);
    expect(pod(s).status.phase).toBe('Running');
    const reasons = events(s).map((e) => e.reason);
    expect(reasons.slice(0, 3)).toEqual(['Scheduled', 'FailedMount', 'Pulling']);
    expect(sh(s, 'kubectl exec cfg -- cat /etc/app/greeting')).toBe('hello');
  });

  it('a missing Secret says secret; an optional one does not hold the pod', () => {
    const s = newSession();
    sh(s, manifest('secret: { secretName: tls }'));
    s.cluster.advance(5_000);
    expect(events(s).find((e) => e.reason === 'FailedMount')!.message).toBe(
      'MountVolume.SetUp failed for volume "conf" : secret "tls" not found',
    );
    expect(events(s).some((e) => e.reason === 'Pulling')).toBe(false);

    const o = newSession();
    sh(o, manifest('configMap: { name: app-config, optional: true }'));
    o.cluster.advance(20_000);
    expect(pod(o).status.phase).toBe('Running');
    expect(events(o).some((e) => e.reason === 'FailedMount')).toBe(false);
  });
});
