/**
 * HorizontalPodAutoscaler, ResourceQuota and LimitRange, and snapshots of these controllers.
 */
import { describe, expect, it } from 'vitest';
import { newSession, pods, sh } from '../../testing/harness';
import type { KObject, Pod } from '../../../sim/api/types';
import { apply, get, WEB, PHP, type S } from './fixtures';

describe('HorizontalPodAutoscaler', () => {
  const replicas = (s: S) => (get(s, 'Deployment', 'php-apache') as KObject).spec.replicas as number;

  it('the php-apache walkthrough: <unknown> first, scale-up under load, delayed scale-down', () => {
    const s = newSession();
    apply(s, PHP);
    expect(sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toContain(
      'horizontalpodautoscaler.autoscaling/php-apache autoscaled',
    );
    expect(sh(s, 'kubectl get hpa')).toMatch(
      /php-apache\s+Deployment\/php-apache\s+cpu: <unknown>\/50%\s+1\s+10\s+1/,
    );
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: 0%/50%');
    expect(sh(s, 'kubectl top pods')).toMatch(/php-apache-[a-z0-9]+-[a-z0-9]{5}\s+\d+m\s+\d+Mi/);
    sh(s, 'sim load deployment/php-apache --cpu 1');
    s.cluster.advance(16_000);
    // One pod is throttled at its 500m limit: 250% of its 200m request.
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: 250%/50%');
    expect(replicas(s)).toBe(5);
    s.cluster.advance(120_000);
    expect(replicas(s)).toBe(10);
    sh(s, 'sim load deployment/php-apache --cpu 0');
    s.cluster.advance(240_000);
    // The 5-minute scale-down stabilization window holds the replicas.
    expect(replicas(s)).toBe(10);
    s.cluster.advance(120_000);
    expect(replicas(s)).toBe(1);
    const reasons = s.cluster.api
      .eventsFor(get(s, 'HorizontalPodAutoscaler', 'php-apache'))
      .filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message);
    // Scale-ups are limited per 15 s (100 % or 4 pods); pods without metrics yet count 0 % on the way up.
    expect(reasons[0]).toBe(
      'New size: 5; reason: cpu resource utilization (percentage of request) above target',
    );
    const sizes = reasons.map((r) => Number(/New size: (\d+)/.exec(r)![1]));
    expect(sizes.slice(0, -1)).toEqual([...sizes.slice(0, -1)].sort((a, b) => a - b));
    expect(sizes.at(-2)).toBe(10);
    expect(reasons.at(-1)).toBe('New size: 1; reason: All metrics below target');
  });

  it('a busybox wget loop against the Service scales it up too', () => {
    const s = newSession();
    apply(s, PHP);
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    s.cluster.advance(60_000);
    sh(
      s,
      'kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"',
    );
    s.cluster.advance(90_000);
    expect(replicas(s)).toBeGreaterThan(1);
  });

  it('pods without CPU requests cannot be scaled on CPU', () => {
    const s = newSession();
    apply(
      s,
      PHP.replace(/ {8}resources:\n {10}limits:\n {12}cpu: 500m\n {10}requests:\n {12}cpu: 200m\n/, ''),
    );
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --max=5');
    s.cluster.advance(90_000);
    const hpa = get(s, 'HorizontalPodAutoscaler', 'php-apache');
    expect(hpa.status.conditions.find((c: { type: string }) => c.type === 'ScalingActive').message).toContain(
      'missing request for cpu in container php-apache',
    );
    expect(sh(s, 'kubectl get hpa')).toContain('cpu: <unknown>/50%');
  });

  it('top needs metrics-server', () => {
    const s = newSession();
    expect(sh(s, 'kubectl top nodes')).toContain('error: Metrics API not available');
    s.cluster.advance(60_000);
    expect(sh(s, 'kubectl top nodes')).toMatch(/worker-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
  });
});

describe('ResourceQuota and LimitRange', () => {
  const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi`;
  const POD = (name: string, mem: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}-ctr
    image: nginx
    resources:
      limits:
        memory: "${mem === '600Mi' ? '800Mi' : '1Gi'}"
        cpu: "800m"
      requests:
        memory: "${mem}"
        cpu: "400m"`;

  it('admits within the quota, refuses beyond it and without requests, with the real messages', () => {
    const s = newSession();
    sh(s, 'kubectl create namespace quota-mem-cpu-example');
    sh(s, `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${QUOTA}\nEOF`);
    expect(
      sh(s, `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${POD('quota-mem-cpu-demo', '600Mi')}\nEOF`),
    ).toContain('pod/quota-mem-cpu-demo created');
    expect(
      sh(
        s,
        `kubectl apply -n quota-mem-cpu-example -f - <<EOF\n${POD('quota-mem-cpu-demo-2', '700Mi')}\nEOF`,
      ),
    ).toContain(
      'Error from server (Forbidden): error when creating "STDIN": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
    expect(sh(s, 'kubectl run bare --image=nginx -n quota-mem-cpu-example')).toContain(
      'pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare',
    );
    const q = get(s, 'ResourceQuota', 'mem-cpu-demo', 'quota-mem-cpu-example');
    expect(q.status.used).toEqual({
      'limits.cpu': '800m',
      'limits.memory': '800Mi',
      'requests.cpu': '400m',
      'requests.memory': '600Mi',
    });
  });

  it('count quotas make a Deployment report FailedCreate', () => {
    const s = newSession();
    apply(
      s,
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pods-high\nspec:\n  hard:\n    pods: "2"',
    );
    sh(s, 'kubectl create deployment web --image=nginx --replicas=3');
    s.cluster.advance(10_000);
    expect(pods(s).filter((p) => p.metadata.name.startsWith('web-'))).toHaveLength(2);
    expect(sh(s, 'kubectl describe rs')).toContain(
      'exceeded quota: pods-high, requested: pods=1, used: pods=2, limited: pods=2',
    );
  });

  it('LimitRange fills defaults and enforces min and max', () => {
    const s = newSession();
    apply(
      s,
      `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container`,
    );
    sh(s, 'kubectl run small --image=nginx');
    const p = get(s, 'Pod', 'small') as Pod;
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '800m' }, requests: { cpu: '800m' } });
    expect(p.metadata.annotations!['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container small; cpu limit for container small',
    );
    const out = apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-2
spec:
  containers:
  - name: constraints-cpu-demo-2-ctr
    image: nginx
    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"`,
    );
    expect(out).toContain(
      'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
    );
  });
});

describe('snapshots of these controllers', () => {
  it('restoring mid-run reproduces CronJobs, the HPA, pending volume updates and claims byte for byte', () => {
    const s = newSession(7);
    apply(s, PHP);
    sh(s, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
    sh(s, 'kubectl create cronjob tick --image=busybox:1.28 --schedule="*/2 * * * *" -- date');
    sh(s, 'kubectl create configmap cfg --from-literal=k=v1');
    apply(s, WEB.replace('replicas: 2', 'replicas: 1'));
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
    volumeMounts: [{name: v, mountPath: /cfg}]
  volumes: [{name: v, configMap: {name: cfg}}]`,
    );
    s.cluster.advance(60_000);
    sh(s, 'sim load deployment/php-apache --cpu 800m');
    sh(s, `kubectl patch configmap cfg -p '{"data":{"k":"v2"}}'`);
    s.cluster.advance(20_000);
    const snap = s.cluster.snapshot();
    const AFTER =
      'sim advance 4m\nkubectl get hpa\nkubectl get jobs\nkubectl get pods -o wide\nkubectl get pvc\nkubectl exec reader -- cat /cfg/k\nkubectl top pods';
    const first = sh(s, AFTER);
    s.cluster.restore(snap);
    expect(sh(s, AFTER)).toBe(first);
    expect(first).toContain('v2');
    expect(first).toMatch(/tick-\d+\s+Complete/);
  });
});
