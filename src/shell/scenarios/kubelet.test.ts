import { describe, expect, it } from 'vitest';
import { newSession, pods, sh } from '../testing/harness';
import type { Pod } from '../../sim/api/types';
import { goDurationSeconds as goDuration } from '../../sim/util/duration';

const one = (s: ReturnType<typeof newSession>, name: string) =>
  s.cluster.api.get<Pod>('Pod', 'default', name)!;
const cs = (p: Pod) => p.status.containerStatuses![0]!;

describe('kubelet', () => {
  it('pulls, creates and starts a pod: ContainerCreating then Running, with the real events', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=nginx:1.27');
    expect(cs(one(s, 'web')).state.waiting?.reason).toBe('ContainerCreating');
    s.cluster.advance(10_000);
    const p = one(s, 'web');
    expect(p.status.phase).toBe('Running');
    expect(cs(p).ready).toBe(true);
    expect(p.status.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
    const reasons = s.cluster.api.eventsFor(p).map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(s.cluster.api.eventsFor(p)[2]!.message).toMatch(
      /^Successfully pulled image "nginx:1\.27" in [\d.]+s \([\d.]+s including waiting\)\. Image size: \d+ bytes\.$/,
    );
  });

  it('pods on one node that pull the same image share one download; each gets its own events', () => {
    const s = newSession();
    sh(s, 'kubectl cordon worker-2');
    sh(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
    const downloads: string[] = [];
    s.cluster.log.subscribe((e) => {
      if (e.kind === 'pull' && e.source === 'registry' && e.target === 'runtime/worker-1')
        downloads.push(`${e.target} ${e.summary}`);
    });
    s.cluster.advance(30_000);
    const all = pods(s);
    expect(all).toHaveLength(4);
    expect(all.every((p) => p.spec.nodeName === 'worker-1' && p.status.phase === 'Running')).toBe(true);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(/^runtime\/worker-1 nginx:1\.27: \d+ of \d+ layers downloaded$/);
    for (const p of all) {
      const reasons = s.cluster.api.eventsFor(p).map((e) => e.reason);
      expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    }
  });

  it('restarts the exec-liveness example when a real cluster does: third failure, then the grace period', () => {
    // The docs' example (busybox:1.27.2 in the docs; same shell). Probes every 5 s; the file goes at 30 s, so the
    // first failure comes within (30 s, 35 s] and the third, which kills the container, 10 s later. `sh` as PID 1
    // has no SIGTERM handler, so the kill lands with SIGKILL after terminationGracePeriodSeconds (30 s): exit 137.
    const s = newSession();
    sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
      initialDelaySeconds: 5
      periodSeconds: 5
EOF`,
    );
    s.cluster.advance(10_000);
    const startedAt = s.cluster.fromIso(cs(one(s, 'liveness-exec')).state.running!.startedAt);
    s.cluster.advance(startedAt + 50_000 - s.cluster.now);
    const killing = () =>
      s.cluster.api
        .eventsFor(one(s, 'liveness-exec'))
        .find(
          (e) =>
            e.reason === 'Killing' &&
            e.message === 'Container liveness failed liveness probe, will be restarted',
        );
    // killed at the third failure, still running out its grace period
    expect(killing()).toBeDefined();
    const killAt = s.cluster.fromIso(killing()!.firstTimestamp) - startedAt;
    expect(killAt).toBeGreaterThanOrEqual(40_000);
    expect(killAt).toBeLessThanOrEqual(45_000);
    expect(cs(one(s, 'liveness-exec')).restartCount).toBe(0);
    expect(cs(one(s, 'liveness-exec')).state.running).toBeDefined();
    s.cluster.advance(startedAt + 90_000 - s.cluster.now);
    const p = one(s, 'liveness-exec');
    expect(cs(p).restartCount).toBe(1);
    const unhealthy = s.cluster.api.eventsFor(p).find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    expect(unhealthy.count).toBe(3);
    const last = cs(p).lastState.terminated!;
    expect(last.exitCode).toBe(137);
    expect(last.reason).toBe('Error');
    // SIGKILL exactly the grace period after the kill
    expect(s.cluster.fromIso(last.finishedAt) - startedAt - killAt).toBe(30_000);
  });

  it('backs off crash loops 10s, 20s, 40s with the real waiting message', () => {
    const s = newSession();
    sh(s, 'kubectl run crash --image=busybox --restart=Always -- sh -c "exit 3"');
    const restartsAt: number[] = [];
    let last = 0;
    for (let t = 0; t < 120_000; t += 250) {
      s.cluster.advance(250);
      const n = cs(one(s, 'crash')).restartCount;
      if (n !== last) {
        restartsAt.push(s.cluster.now);
        last = n;
      }
    }
    // First restart right away, then back-offs of 10 s, 20 s, 40 s after each exit (plus the ~1 s the
    // container takes to be pulled, started and to exit).
    const gaps = restartsAt.slice(1).map((t, i) => t - restartsAt[i]!);
    expect(restartsAt[0]).toBeLessThan(4_000);
    [10_000, 20_000, 40_000].forEach((b, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(b);
      expect(gaps[i]).toBeLessThanOrEqual(b + 2_500);
    });
    const p = one(s, 'crash');
    expect(cs(p).lastState.terminated?.exitCode).toBe(3);
    const w = cs(p).state.waiting;
    if (w) {
      expect(w.reason).toBe('CrashLoopBackOff');
      expect(w.message).toMatch(
        new RegExp(
          `^back-off \\d+m?\\d*s restarting failed container=crash pod=crash_default\\(${p.metadata.uid}\\)$`,
        ),
      );
    }
    expect(goDuration(300_000)).toBe('5m0s');
    expect(goDuration(80_000)).toBe('1m20s');
  });

  it('OOM-kills polinux/stress over its memory limit (exit 137)', () => {
    const s = newSession();
    sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
EOF`,
    );
    s.cluster.advance(20_000);
    const p = one(s, 'memory-demo-2');
    const term = cs(p).state.terminated ?? cs(p).lastState.terminated;
    expect(term?.reason).toBe('OOMKilled');
    expect(term?.exitCode).toBe(137);
  });

  it('keeps a pod Pending when it requests more memory than any node has', () => {
    const s = newSession();
    sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-3
spec:
  containers:
  - name: memory-demo-3-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "1000Gi"
EOF`,
    );
    s.cluster.advance(30_000);
    const p = one(s, 'memory-demo-3');
    expect(p.status.phase).toBe('Pending');
    const ev = s.cluster.api.eventsFor(p).find((e) => e.reason === 'FailedScheduling')!;
    expect(ev.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('reports ErrImagePull then ImagePullBackOff for an unknown image', () => {
    const s = newSession();
    sh(s, 'kubectl run bad --image=nginx:9.9.9');
    s.cluster.advance(3_000);
    const reasons = new Set<string>();
    for (let i = 0; i < 40; i++) {
      s.cluster.advance(500);
      reasons.add(cs(one(s, 'bad')).state.waiting?.reason ?? '');
    }
    expect(reasons.has('ErrImagePull')).toBe(true);
    expect(reasons.has('ImagePullBackOff')).toBe(true);
    const failed = s.cluster.api
      .eventsFor(one(s, 'bad'))
      .find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'));
    expect(failed?.message).toContain('nginx:9.9.9');
  });

  it('runs init containers in order before the app container', () => {
    const s = newSession();
    sh(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: install
    image: busybox:1.28
    command: [sh, -c, "echo hello > /work-dir/index.html; sleep 3"]
    volumeMounts:
    - name: workdir
      mountPath: /work-dir
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  volumes:
  - name: workdir
    emptyDir: {}
EOF`,
    );
    s.cluster.advance(2_500);
    let p = one(s, 'init-demo');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.initContainerStatuses![0]!.state.running).toBeDefined();
    expect(cs(p).state.waiting?.reason).toBe('PodInitializing');
    s.cluster.advance(15_000);
    p = one(s, 'init-demo');
    expect(p.status.phase).toBe('Running');
    expect(p.status.initContainerStatuses![0]!.state.terminated?.reason).toBe('Completed');
    const out = sh(s, 'kubectl exec init-demo -c nginx -- cat /usr/share/nginx/html/index.html');
    expect(out).toBe('hello\n');
    // Without -c kubectl takes the first app container and names the others, init ones marked (podcmd).
    expect(sh(s, 'kubectl exec init-demo -- cat /usr/share/nginx/html/index.html')).toBe(
      'Defaulted container "nginx" out of: nginx, install (init)\nhello\n',
    );
  });

  it('runs the StatefulSet tutorial image registry.k8s.io/nginx-slim as an nginx server', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=registry.k8s.io/nginx-slim:0.21');
    s.cluster.advance(10_000);
    expect(one(s, 'web').status.phase).toBe('Running');
    sh(s, 'kubectl run c --image=busybox --restart=Never -- wget -qO- http://' + one(s, 'web').status.podIP);
    s.cluster.advance(5_000);
    expect(sh(s, 'kubectl logs c')).toContain('<title>Welcome to nginx!</title>');
  });

  it('gives ClusterFirst pods the cluster resolv.conf', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=nginx -n kube-public');
    s.cluster.advance(10_000);
    expect(sh(s, 'kubectl exec web -n kube-public -- cat /etc/resolv.conf')).toBe(
      'search kube-public.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('stops containers gracefully on delete and removes the pod afterwards', () => {
    const s = newSession();
    sh(s, 'kubectl run web --image=nginx');
    s.cluster.advance(10_000);
    sh(s, 'kubectl delete pod web --wait=false');
    const p = one(s, 'web');
    expect(p.metadata.deletionTimestamp).toBeDefined();
    s.cluster.advance(2_000);
    expect(s.cluster.api.get('Pod', 'default', 'web')).toBeUndefined();
    expect(pods(s)).toHaveLength(0);
  });
});
