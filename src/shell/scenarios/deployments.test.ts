import { describe, expect, it } from 'vitest';
import { NGINX_DEPLOY, newSession, pods, sh } from '../testing/harness';
import type { Deployment, Node, Pod, ReplicaSet } from '../../sim/api/types';
import { isPodActive } from '../../sim/api/podState';
import { isPodReady } from '../../sim/api/podReady';
import { podTemplateHash } from '../../sim/controllers/podTemplateHash';
import { surgeAndUnavailable } from '../../sim/controllers/deploymentController';

const apply = (s: ReturnType<typeof newSession>, yaml: string) =>
  sh(s, `kubectl apply -f - <<EOF\n${yaml}\nEOF`);

describe('Deployment controller', () => {
  it('creates a ReplicaSet named <deployment>-<pod-template-hash> and pods <rs>-<5 chars>', () => {
    const s = newSession();
    apply(s, NGINX_DEPLOY('nginx-deployment', 3));
    s.cluster.advance(15_000);
    const rs = s.cluster.api.list<ReplicaSet>('ReplicaSet', 'default');
    expect(rs).toHaveLength(1);
    const hash = rs[0]!.metadata.labels!['pod-template-hash']!;
    expect(rs[0]!.metadata.name).toBe(`nginx-deployment-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    for (const p of pods(s))
      expect(p.metadata.name).toMatch(
        new RegExp(`^nginx-deployment-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
    const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')!;
    expect(d.status.availableReplicas).toBe(3);
    expect(d.status.observedGeneration).toBe(d.metadata.generation);
    expect(d.status.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'Available=True/MinimumReplicasAvailable',
      'Progressing=True/NewReplicaSetAvailable',
    ]);
  });

  it('hashes templates deterministically', () => {
    const t = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(podTemplateHash(t)).toBe(podTemplateHash(structuredClone(t)));
    expect(podTemplateHash(t)).not.toBe(
      podTemplateHash({ ...t, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }),
    );
  });

  it('rounds maxSurge up and maxUnavailable down, with the fencepost rule', () => {
    const d = (replicas: number, surge: number | string, unav: number | string) =>
      ({
        spec: {
          replicas,
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unav } },
        },
      }) as unknown as Deployment;
    expect(surgeAndUnavailable(d(3, '25%', '25%'))).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(surgeAndUnavailable(d(4, '25%', '25%'))).toEqual({ maxSurge: 1, maxUnavailable: 1 });
    expect(surgeAndUnavailable(d(10, '25%', '25%'))).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    expect(surgeAndUnavailable(d(3, 0, 0))).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  for (const [replicas, minAvail, maxPods] of [
    [3, 3, 4],
    [4, 3, 5],
  ] as const) {
    it(`rolls ${replicas} replicas keeping ≥ ${minAvail} available and ≤ ${maxPods} pods`, () => {
      const s = newSession(5);
      apply(s, NGINX_DEPLOY('web', replicas));
      s.cluster.advance(20_000);
      sh(s, 'kubectl set image deployment/web nginx=nginx:1.16.1');
      let minAvailable = Infinity;
      let maxSeen = 0;
      for (let i = 0; i < 240; i++) {
        s.cluster.advance(250);
        const ps = pods(s).filter((p) => !p.metadata.deletionTimestamp);
        maxSeen = Math.max(maxSeen, ps.length);
        minAvailable = Math.min(minAvailable, ps.filter(isPodReady).length);
      }
      expect(minAvailable).toBeGreaterThanOrEqual(minAvail);
      expect(maxSeen).toBeLessThanOrEqual(maxPods);
      const images = pods(s)
        .filter(isPodActive)
        .map((p) => p.spec.containers[0]!.image);
      expect(images).toEqual(Array(replicas).fill('nginx:1.16.1'));
      const rs = s.cluster.api.list<ReplicaSet>('ReplicaSet', 'default');
      expect(
        rs.map((r) => [r.metadata.annotations!['deployment.kubernetes.io/revision'], r.spec.replicas]).sort(),
      ).toEqual([
        ['1', 0],
        ['2', replicas],
      ]);
    });
  }

  it('converges when scaled in the middle of a rollout', () => {
    for (const wait of [0, 1_000, 3_000, 6_000]) {
      const s = newSession(5);
      apply(s, NGINX_DEPLOY('web', 3));
      s.cluster.advance(20_000);
      sh(s, 'kubectl set image deployment/web nginx=nginx:1.16.1');
      s.cluster.advance(wait);
      sh(s, 'kubectl scale deployment web --replicas=4');
      s.cluster.advance(90_000);
      const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;
      expect([d.status.replicas, d.status.updatedReplicas, d.status.availableReplicas]).toEqual([4, 4, 4]);
      expect(
        pods(s)
          .filter(isPodActive)
          .map((p) => p.spec.containers[0]!.image),
      ).toEqual(Array(4).fill('nginx:1.16.1'));
    }
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const s = newSession();
    apply(
      s,
      NGINX_DEPLOY('web', 2).replace(
        'spec:\n  replicas: 2',
        'spec:\n  replicas: 2\n  strategy:\n    type: Recreate',
      ),
    );
    s.cluster.advance(20_000);
    sh(s, 'kubectl set image deployment/web nginx=nginx:1.16.1');
    let mixed = false;
    for (let i = 0; i < 200; i++) {
      s.cluster.advance(250);
      const images = new Set(pods(s).map((p) => p.spec.containers[0]!.image));
      if (images.size > 1) mixed = true;
    }
    expect(mixed).toBe(false);
    expect(pods(s).map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1']);
  });

  it('rolls back with undo to the previous template as a new revision', () => {
    const s = newSession();
    apply(s, NGINX_DEPLOY('web', 2));
    s.cluster.advance(20_000);
    sh(s, 'kubectl set image deployment/web nginx=nginx:1.16.1');
    s.cluster.advance(60_000);
    sh(s, 'kubectl rollout undo deployment/web');
    s.cluster.advance(60_000);
    const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.spec.template.spec.containers[0]!.image).toBe('nginx:1.14.2');
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(
      pods(s)
        .filter(isPodActive)
        .map((p) => p.spec.containers[0]!.image),
    ).toEqual(['nginx:1.14.2', 'nginx:1.14.2']);
  });

  it('pauses and resumes a rollout', () => {
    const s = newSession();
    apply(s, NGINX_DEPLOY('web', 2));
    s.cluster.advance(20_000);
    sh(s, 'kubectl rollout pause deployment/web');
    sh(s, 'kubectl set image deployment/web nginx=nginx:1.16.1');
    s.cluster.advance(30_000);
    expect(s.cluster.api.list('ReplicaSet', 'default')).toHaveLength(1);
    sh(s, 'kubectl rollout resume deployment/web');
    s.cluster.advance(60_000);
    expect(
      pods(s)
        .filter(isPodActive)
        .map((p) => p.spec.containers[0]!.image),
    ).toEqual(['nginx:1.16.1', 'nginx:1.16.1']);
  });

  it('marks a stuck rollout ProgressDeadlineExceeded', () => {
    const s = newSession();
    apply(
      s,
      NGINX_DEPLOY('web', 2).replace(
        'spec:\n  replicas: 2',
        'spec:\n  replicas: 2\n  progressDeadlineSeconds: 60',
      ),
    );
    s.cluster.advance(20_000);
    sh(s, 'kubectl set image deployment/web nginx=nginx:does-not-exist');
    s.cluster.advance(120_000);
    const d = s.cluster.api.get<Deployment>('Deployment', 'default', 'web')!;
    const p = d.status.conditions!.find((c) => c.type === 'Progressing')!;
    expect(p.status).toBe('False');
    expect(p.reason).toBe('ProgressDeadlineExceeded');
  });
});

describe('ReplicaSet controller', () => {
  it('adopts bare pods with matching labels and creates only the rest', () => {
    const s = newSession();
    sh(s, 'kubectl run pod1 --image=nginx --labels=tier=frontend');
    sh(s, 'kubectl run pod2 --image=nginx --labels=tier=frontend');
    apply(
      s,
      `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5`,
    );
    const ps = pods(s);
    expect(ps).toHaveLength(3);
    for (const p of ps) expect(p.metadata.ownerReferences?.[0]?.name).toBe('frontend');
    expect(ps.filter((p) => p.metadata.name.startsWith('frontend-'))).toHaveLength(1);
  });

  it('replaces a deleted pod (self-healing) and scales down Pending before Running', () => {
    const s = newSession();
    apply(s, NGINX_DEPLOY('web', 3));
    s.cluster.advance(20_000);
    const victim = pods(s)[0]!.metadata.name;
    sh(s, `kubectl delete pod ${victim} --wait=false`);
    s.cluster.advance(20_000);
    const names = pods(s).map((p) => p.metadata.name);
    expect(names).not.toContain(victim);
    expect(names).toHaveLength(3);
    sh(s, 'kubectl scale deployment web --replicas=5');
    // Right after scaling up, the new pods are not ready: they go first.
    const fresh = pods(s)
      .filter((p) => !isPodReady(p))
      .map((p) => p.metadata.name);
    sh(s, 'kubectl scale deployment web --replicas=3');
    const left = pods(s)
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name);
    for (const f of fresh) expect(left).not.toContain(f);
  });
});

describe('garbage collector', () => {
  it('cascades in the background, in the foreground, or orphans', () => {
    for (const [flag, podsLeft, rsLeft] of [
      ['background', 0, 0],
      ['foreground', 0, 0],
      ['orphan', 2, 1],
    ] as const) {
      const s = newSession();
      apply(s, NGINX_DEPLOY('web', 2));
      s.cluster.advance(20_000);
      sh(s, `kubectl delete deployment web --cascade=${flag}`);
      s.cluster.advance(40_000);
      expect(s.cluster.api.get('Deployment', 'default', 'web')).toBeUndefined();
      expect(pods(s).length).toBe(podsLeft);
      expect(s.cluster.api.list('ReplicaSet', 'default').length).toBe(rsLeft);
      if (flag === 'orphan')
        expect(s.cluster.api.list('ReplicaSet', 'default')[0]!.metadata.ownerReferences).toBeUndefined();
    }
  });
});

describe('namespace lifecycle', () => {
  it('deletes the content, then the namespace', () => {
    const s = newSession();
    sh(s, 'kubectl create namespace doomed');
    sh(s, 'kubectl create deployment web --image=nginx -n doomed --replicas=2');
    s.cluster.advance(20_000);
    sh(s, 'kubectl delete namespace doomed --wait=false');
    const ns = s.cluster.api.get('Namespace', undefined, 'doomed')!;
    expect(ns.status.phase).toBe('Terminating');
    expect(sh(s, 'kubectl run x --image=nginx -n doomed')).toContain(
      'Error from server (Forbidden): pods "x" is forbidden: unable to create new content in namespace doomed because it is being terminated',
    );
    s.cluster.advance(40_000);
    expect(s.cluster.api.get('Namespace', undefined, 'doomed')).toBeUndefined();
    expect(pods(s, 'doomed')).toHaveLength(0);
  });
});

describe('node lifecycle', () => {
  it('marks a silent node Unknown after the grace period, taints it, evicts its pods after 300 s, and leaves them Terminating', () => {
    const s = newSession();
    apply(s, NGINX_DEPLOY('web', 4));
    s.cluster.advance(20_000);
    const onW1 = pods(s)
      .filter((p) => p.spec.nodeName === 'worker-1')
      .map((p) => p.metadata.name);
    expect(onW1.length).toBeGreaterThan(0);
    sh(s, 'sim node fail worker-1');
    const failedAt = s.cluster.now;
    let notReadyAt = 0;
    for (let t = 0; t < 80_000; t += 1000) {
      s.cluster.advance(1000);
      const n = s.cluster.api.get<Node>('Node', undefined, 'worker-1')!;
      if (!notReadyAt && n.status.conditions!.find((c) => c.type === 'Ready')!.status === 'Unknown')
        notReadyAt = s.cluster.now;
    }
    expect(notReadyAt - failedAt).toBeGreaterThanOrEqual(40_000);
    expect(notReadyAt - failedAt).toBeLessThanOrEqual(66_000);
    const node = s.cluster.api.get<Node>('Node', undefined, 'worker-1')!;
    expect(node.spec.taints!.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect(sh(s, 'kubectl get nodes')).toMatch(/worker-1\s+NotReady/);
    // Not yet evicted.
    expect(
      pods(s).filter((p) => onW1.includes(p.metadata.name) && p.metadata.deletionTimestamp),
    ).toHaveLength(0);
    s.cluster.advance(300_000);
    const old = pods(s).filter((p) => onW1.includes(p.metadata.name));
    expect(old.length).toBe(onW1.length);
    for (const p of old) expect(p.metadata.deletionTimestamp).toBeDefined();
    const fresh = pods(s).filter((p) => !p.metadata.deletionTimestamp);
    expect(fresh).toHaveLength(4);
    for (const p of fresh) expect(p.spec.nodeName).toBe('worker-2');
    sh(s, 'sim node recover worker-1');
    s.cluster.advance(20_000);
    expect(pods(s).filter((p) => onW1.includes(p.metadata.name))).toHaveLength(0);
    expect(s.cluster.api.get<Node>('Node', undefined, 'worker-1')!.spec.taints).toBeUndefined();
  });

  it('restarts pods of a node that comes back before eviction', () => {
    const s = newSession();
    apply(
      s,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: worker-1\n  containers:\n  - name: nginx\n    image: nginx',
    );
    s.cluster.advance(10_000);
    sh(s, 'sim node fail worker-1');
    s.cluster.advance(30_000);
    sh(s, 'sim node recover worker-1');
    s.cluster.advance(15_000);
    const p = s.cluster.api.get<Pod>('Pod', 'default', 'solo');
    expect(p?.status.phase).toBe('Running');
  });
});
