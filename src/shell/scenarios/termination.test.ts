/**
 * Termination as on a real cluster and a real Docker host (issue 14). A `sleep` or a shell as PID 1 has no SIGTERM
 * handler, and the kernel delivers no default-action signal to a PID namespace's init (pid_namespaces(7)): it
 * runs until the SIGKILL after the grace period (exit 137). Servers with handlers (nginx: STOPSIGNAL SIGQUIT,
 * graceful quit, exit 0) stop at once. kubectl delete waits for the object to be gone (--wait=true by default).
 */
import { describe, expect, it } from 'vitest';
import { newSession, pods, podStatusWord, sh } from '../testing/harness';
import type { Pod } from '../../sim/api/types';

const pod = (s: ReturnType<typeof newSession>, name: string) =>
  s.cluster.api.get<Pod>('Pod', 'default', name);

describe('termination of pods', () => {
  it('kubectl delete of a busybox sleep pod waits the 30 s grace period, Terminating meanwhile', () => {
    const s = newSession();
    sh(s, 'kubectl run sleeper --image=busybox:1.36 -- sleep 3600\nsim advance 10s');
    const out = sh(s, 'kubectl delete pod sleeper --wait=false');
    expect(out).toContain('pod "sleeper" deleted');
    const p = pod(s, 'sleeper')!;
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(sh(s, 'kubectl get pod sleeper')).toMatch(/sleeper\s+\d\/1\s+Terminating\s+0\s+/);
    s.cluster.advance(29_000);
    expect(podStatusWord(pod(s, 'sleeper')!)).toBe('Terminating');
    s.cluster.advance(2_000);
    expect(pod(s, 'sleeper')).toBeUndefined();
  });

  it('kubectl delete waits (script mode) and honours --grace-period', () => {
    const s = newSession();
    sh(
      s,
      'kubectl run a --image=busybox:1.36 -- sleep 3600\nkubectl run b --image=busybox:1.36 -- sleep 3600',
    );
    sh(s, 'sim advance 10s');
    let t = s.cluster.now;
    expect(sh(s, 'kubectl delete pod a')).toBe('pod "a" deleted\n');
    expect(pod(s, 'a')).toBeUndefined();
    expect(s.cluster.now - t).toBeGreaterThanOrEqual(30_000);
    expect(s.cluster.now - t).toBeLessThanOrEqual(32_000);
    t = s.cluster.now;
    sh(s, 'kubectl delete pod b --grace-period=5');
    expect(pod(s, 'b')).toBeUndefined();
    expect(s.cluster.now - t).toBeGreaterThanOrEqual(5_000);
    expect(s.cluster.now - t).toBeLessThanOrEqual(7_000);
  });

  it('an nginx pod stops at once: its handler quits gracefully', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=nginx:1.27\nsim advance 10s');
    const t = s.cluster.now;
    sh(s, 'kubectl delete pod web');
    expect(pod(s, 'web')).toBeUndefined();
    expect(s.cluster.now - t).toBeLessThanOrEqual(2_000);
  });

  it('a scale-down shows Terminating pods for the grace period', () => {
    const s = newSession();
    sh(s, 'kubectl create deployment sl --image=busybox:1.36 --replicas=3 -- sleep 3600\nsim advance 20s');
    sh(s, 'kubectl scale deployment sl --replicas=1');
    const listed = sh(s, 'kubectl get pods');
    expect(listed.match(/Terminating/g)).toHaveLength(2);
    expect(listed.match(/Running/g)).toHaveLength(1);
    s.cluster.advance(32_000);
    expect(pods(s)).toHaveLength(1);
  });

  it('a StatefulSet scales down one ordinal at a time, waiting for the terminating one', () => {
    const s = newSession();
    sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: c
        image: busybox:1.36
        command: [sleep, "3600"]
EOF
sim advance 60s`,
    );
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    sh(s, 'kubectl scale statefulset web --replicas=1');
    s.cluster.advance(10_000);
    expect(podStatusWord(pod(s, 'web-2')!)).toBe('Terminating');
    expect(pod(s, 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    s.cluster.advance(25_000);
    // web-2 went after its 30 s; only then web-1 is deleted
    expect(pod(s, 'web-2')).toBeUndefined();
    expect(podStatusWord(pod(s, 'web-1')!)).toBe('Terminating');
    s.cluster.advance(35_000);
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0']);
  });
});

describe('docker stop', () => {
  it('takes its 10 s on a sleep and ends it with 137; -t sets the timeout; nginx exits 0 at once', () => {
    const s = newSession();
    sh(s, 'docker run -d --name sleeper busybox:1.36 sleep 3600\ndocker run -d --name web nginx:1.27');
    let t = s.cluster.now;
    sh(s, 'docker stop sleeper');
    expect(s.cluster.now - t).toBeGreaterThanOrEqual(10_000);
    expect(s.cluster.now - t).toBeLessThan(11_000);
    expect(sh(s, "docker inspect -f '{{.State.ExitCode}}' sleeper")).toBe('137\n');
    sh(s, 'docker start sleeper');
    t = s.cluster.now;
    sh(s, 'docker stop -t 2 sleeper');
    expect(s.cluster.now - t).toBeGreaterThanOrEqual(2_000);
    expect(s.cluster.now - t).toBeLessThan(3_000);
    t = s.cluster.now;
    sh(s, 'docker stop web');
    expect(s.cluster.now - t).toBeLessThan(1_000);
    expect(sh(s, "docker inspect -f '{{.State.ExitCode}}' web")).toBe('0\n');
  });
});
