/**
 * The Deployment controller with the ReplicaSet controller (no scheduler, no kubelet): the test runs pods itself.
 * Expectations follow kubernetes.io (concepts/workloads/controllers/deployment: ReplicaSet `<name>-<hash>`,
 * RollingUpdate bounded by maxSurge/maxUnavailable, Recreate stops every old pod first, revision annotation,
 * revisionHistoryLimit, paused rollouts) and K:pkg/controller/deployment (the fencepost rule of
 * ResolveFenceposts, condition reasons NewReplicaSetAvailable / MinimumReplicasAvailable).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { controllerCluster, finishTerminating, runPods } from '../testing/controllerCluster';
import { newDeployment } from '../testing/workloadBuilders';
import { deploymentController, surgeAndUnavailable } from './deploymentController';
import { replicaSetController } from './replicaSetController';

const cluster = (d: Deployment) => controllerCluster([deploymentController, replicaSetController], [d]);
const live = (c: Cluster) => c.api.list<Pod>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
const replicaSets = (c: Cluster) => c.api.list<ReplicaSet>('ReplicaSet', 'default');
const deployOf = (c: Cluster) => c.api.get<Deployment>('Deployment', 'default', 'web')!;
const setImage = (c: Cluster, image: string) => {
  c.api.mutate<Deployment>(
    'Deployment',
    'default',
    'web',
    (x) => void (x.spec.template.spec.containers[0]!.image = image),
  );
  c.settle();
};
/** Lets the kubelet finish terminations and start new pods until nothing changes; the most pods seen at once. */
const rollOut = (c: Cluster) => {
  let most = 0;
  for (let i = 0; i < 30; i++) {
    most = Math.max(most, live(c).length);
    finishTerminating(c);
    runPods(c);
    c.advance(1000);
  }
  return most;
};

describe('surgeAndUnavailable (ResolveFenceposts)', () => {
  const cases: {
    strategy: Deployment['spec']['strategy'];
    replicas: number;
    surge: number;
    unavailable: number;
  }[] = [
    { strategy: undefined, replicas: 4, surge: 1, unavailable: 1 },
    { strategy: undefined, replicas: 10, surge: 3, unavailable: 2 },
    {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      replicas: 3,
      surge: 0,
      unavailable: 1,
    },
    {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } },
      replicas: 3,
      surge: 2,
      unavailable: 0,
    },
    { strategy: { type: 'Recreate' }, replicas: 3, surge: 0, unavailable: 3 },
  ];
  for (const t of cases) {
    it(`${JSON.stringify(t.strategy ?? 'default')} × ${t.replicas} → surge ${t.surge}, unavailable ${t.unavailable}`, () => {
      const d = newDeployment('web', {
        replicas: t.replicas,
        ...(t.strategy ? { strategy: t.strategy } : {}),
      });
      expect(surgeAndUnavailable(d)).toEqual({ maxSurge: t.surge, maxUnavailable: t.unavailable });
    });
  }
});

describe('Deployment controller: a new Deployment', () => {
  it('creates ReplicaSet <name>-<pod-template-hash> at revision 1 and becomes Available', () => {
    const c = cluster(newDeployment('web', { replicas: 3 }));
    const [rs] = replicaSets(c);
    expect(rs!.metadata.name).toBe(`web-${rs!.metadata.labels?.['pod-template-hash']}`);
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(rs!.spec.replicas).toBe(3);
    runPods(c);
    const st = deployOf(c).status;
    expect(st).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(st.conditions!.map((x) => `${x.type}=${x.status} ${x.reason}`)).toEqual([
      'Available=True MinimumReplicasAvailable',
      'Progressing=True NewReplicaSetAvailable',
    ]);
  });
});

describe('Deployment controller: rollouts', () => {
  const cases: { name: string; spec: Partial<Deployment['spec']>; most: number }[] = [
    {
      name: 'RollingUpdate by default: 25% surge rounds up to one extra pod',
      spec: { replicas: 4 },
      most: 5,
    },
    {
      name: 'maxSurge 0 / maxUnavailable 1 never exceeds the replicas',
      spec: {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      },
      most: 4,
    },
    {
      name: 'maxSurge 100% starts every new pod at once',
      spec: {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } },
      },
      most: 8,
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster(newDeployment('web', t.spec));
      runPods(c);
      setImage(c, 'nginx:1.27');
      expect(rollOut(c)).toBe(t.most);
      expect(live(c).map((p) => p.spec.containers[0]!.image)).toEqual(Array(4).fill('nginx:1.27'));
      const byRevision = replicaSets(c)
        .map((rs) => `${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}:${rs.spec.replicas}`)
        .sort();
      expect(byRevision).toEqual(['1:0', '2:4']);
      expect(deployOf(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    });
  }

  it('Recreate scales the old ReplicaSet to zero and waits for its pods to go before the new one', () => {
    const c = cluster(newDeployment('web', { replicas: 3, strategy: { type: 'Recreate' } }));
    runPods(c);
    setImage(c, 'nginx:1.27');
    const newRS = () =>
      replicaSets(c).find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2');
    expect(live(c)).toHaveLength(0);
    expect(newRS()?.spec.replicas ?? 0).toBe(0);
    finishTerminating(c);
    expect(newRS()!.spec.replicas).toBe(3);
    expect(live(c).every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const c = cluster(newDeployment('web', { replicas: 1, revisionHistoryLimit: 1 }));
    for (const image of ['nginx:1.25', 'nginx:1.26', 'nginx:1.27']) {
      runPods(c);
      setImage(c, image);
      rollOut(c);
    }
    const revisions = replicaSets(c).map(
      (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
    );
    expect(revisions.sort()).toEqual(['3', '4']);
  });

  it('a paused Deployment makes no new ReplicaSet until resumed', () => {
    const c = cluster(newDeployment('web', { replicas: 2 }));
    runPods(c);
    c.api.mutate<Deployment>('Deployment', 'default', 'web', (x) => void (x.spec.paused = true));
    setImage(c, 'nginx:1.27');
    expect(replicaSets(c)).toHaveLength(1);
    c.api.mutate<Deployment>('Deployment', 'default', 'web', (x) => void (x.spec.paused = false));
    c.settle();
    expect(replicaSets(c)).toHaveLength(2);
  });
});
