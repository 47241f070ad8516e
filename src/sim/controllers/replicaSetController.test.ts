/**
 * The ReplicaSet controller alone (no scheduler, no kubelet): the test writes node names and pod status itself.
 * Expectations follow K:pkg/controller/replicaset/replica_set.go (claim, manageReplicas, calculateStatus) and the
 * deletion ranking of K:pkg/controller/controller_utils.go ActivePodsWithRanks.
 */
import { describe, expect, it } from 'vitest';
import { withFields } from '../util/shapes';
import type { Cluster } from '../cluster';
import type { Pod, ReplicaSet } from '../api/types';
import { controllerRef } from '../api/ownerReferences';
import { isPodActive } from '../api/podState';
import { newPod, newReplicaSet, podStatus } from '../testing/builders';
import { controllerCluster, mustCreate } from '../testing/controllerCluster';
import { rankPodsForDeletion, replicaSetController } from './replicaSetController';
import { resourceQuotaController } from './resourceQuotaController';

const rsOf = (c: Cluster, name = 'web') => c.api.get<ReplicaSet>('ReplicaSet', 'default', name)!;
const podsIn = (c: Cluster) => c.api.list<Pod>('Pod', 'default');
const setStatus = (c: Cluster, name: string, status: Pod['status'], nodeName?: string) => {
  const p = c.api.get<Pod>('Pod', 'default', name)!;
  if (nodeName) c.api.mutate<Pod>('Pod', 'default', name, (x) => void (x.spec.nodeName = nodeName));
  c.api.updateStatus(withFields(c.api.get<Pod>('Pod', 'default', p.metadata.name)!, { status }));
};

describe('ReplicaSet controller: manageReplicas', () => {
  const cases: { name: string; replicas: number; existing: number; creates: number; deletes: number }[] = [
    { name: 'creates every replica of a new ReplicaSet', replicas: 3, existing: 0, creates: 3, deletes: 0 },
    { name: 'creates only the missing replicas', replicas: 3, existing: 1, creates: 2, deletes: 0 },
    { name: 'deletes the surplus', replicas: 1, existing: 3, creates: 0, deletes: 2 },
    { name: 'does nothing at the desired count', replicas: 2, existing: 2, creates: 0, deletes: 0 },
    { name: 'scales to zero', replicas: 0, existing: 2, creates: 0, deletes: 2 },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = controllerCluster([replicaSetController]);
      for (let i = 0; i < t.existing; i++) mustCreate(c, newPod(`orphan-${i}`, { labels: { app: 'web' } }));
      mustCreate(c, newReplicaSet('web', { replicas: t.replicas }));
      c.settle();
      const active = podsIn(c).filter(isPodActive);
      expect(active).toHaveLength(t.replicas);
      for (const p of active) expect(controllerRef(p)?.uid).toBe(rsOf(c).metadata.uid);
      const count = (reason: string) =>
        c.api
          .eventsFor(rsOf(c))
          .filter((e) => e.reason === reason)
          .reduce((n, e) => n + e.count, 0);
      expect(count('SuccessfulCreate')).toBe(t.creates);
      expect(count('SuccessfulDelete')).toBe(t.deletes);
    });
  }

  it('names created pods <rs>-<5 chars> from the template, with a controller reference', () => {
    const c = controllerCluster([replicaSetController], [newReplicaSet('web', { replicas: 2 })]);
    for (const p of podsIn(c)) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(controllerRef(p)).toMatchObject({ kind: 'ReplicaSet', name: 'web', blockOwnerDeletion: true });
    }
  });
});

describe('ReplicaSet controller: claimPods', () => {
  it('adopts a matching orphan but not a finished one, and releases a pod whose labels stop matching', () => {
    const c = controllerCluster(
      [replicaSetController],
      [
        newPod('running', { labels: { app: 'web' } }),
        newPod('done', { labels: { app: 'web' } }),
        newPod('other', { labels: { app: 'api' } }),
      ],
    );
    setStatus(c, 'done', podStatus({ phase: 'Succeeded' }));
    mustCreate(c, newReplicaSet('web', { replicas: 1 }));
    c.settle();
    const uid = rsOf(c).metadata.uid;
    const owner = (name: string) => controllerRef(c.api.get<Pod>('Pod', 'default', name)!)?.uid;
    expect(owner('running')).toBe(uid);
    expect(owner('done')).toBeUndefined();
    expect(owner('other')).toBeUndefined();
    expect(podsIn(c)).toHaveLength(3);

    c.api.mutate<Pod>('Pod', 'default', 'running', (x) => void (x.metadata.labels = { app: 'moved' }));
    c.settle();
    expect(owner('running')).toBeUndefined();
    // The released pod no longer counts: a replacement is made.
    expect(podsIn(c).filter((p) => controllerRef(p)?.uid === uid)).toHaveLength(1);
  });
});

describe('ReplicaSet controller: calculateStatus', () => {
  it('counts replicas, fully labeled, ready and available (after minReadySeconds) pods', () => {
    const c = controllerCluster(
      [replicaSetController],
      [
        newReplicaSet('web', {
          replicas: 3,
          labels: { app: 'web' },
          templateLabels: { app: 'web', tier: 'front' },
          minReadySeconds: 10,
        }),
      ],
    );
    const [a, b] = podsIn(c).map((p) => p.metadata.name);
    setStatus(c, a!, podStatus({ readySince: c.iso() }), 'n1');
    setStatus(c, b!, podStatus({}), 'n1');
    c.settle();
    expect(rsOf(c).status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 1,
      observedGeneration: 1,
    });
    c.advance(10_000);
    expect(rsOf(c).status.availableReplicas).toBe(1);
  });
});

describe('rankPodsForDeletion (ActivePodsWithRanks)', () => {
  const at = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}Z`;
  const pod = (
    name: string,
    o: {
      node?: string;
      phase?: Pod['status']['phase'];
      readySince?: string;
      restarts?: number;
      cost?: number;
      created?: string;
    } = {},
  ) => {
    const p = newPod(name, { ...(o.node ? { nodeName: o.node } : {}) });
    p.status = podStatus({
      phase: o.phase ?? 'Running',
      ...(o.readySince ? { readySince: o.readySince } : {}),
      restarts: o.restarts ?? 0,
    });
    if (o.cost !== undefined)
      p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) };
    if (o.created) p.metadata.creationTimestamp = o.created;
    return p;
  };
  const cases: { rule: string; first: Pod; then: Pod; related?: Pod[] }[] = [
    {
      rule: 'unassigned before assigned',
      first: pod('a', { phase: 'Pending' }),
      then: pod('b', { node: 'n1' }),
    },
    {
      rule: 'Pending before Running',
      first: pod('a', { node: 'n1', phase: 'Pending' }),
      then: pod('b', { node: 'n1' }),
    },
    {
      rule: 'not ready before ready',
      first: pod('a', { node: 'n1' }),
      then: pod('b', { node: 'n1', readySince: at(1) }),
    },
    {
      rule: 'lower pod-deletion-cost first',
      first: pod('a', { node: 'n1', cost: -5 }),
      then: pod('b', { node: 'n1', cost: 0 }),
    },
    {
      rule: 'more pods of the set on its node first',
      first: pod('a', { node: 'busy' }),
      then: pod('b', { node: 'quiet' }),
      related: [pod('x', { node: 'busy' }), pod('a', { node: 'busy' }), pod('b', { node: 'quiet' })],
    },
    {
      rule: 'ready for a shorter time first',
      first: pod('a', { node: 'n1', readySince: at(30) }),
      then: pod('b', { node: 'n1', readySince: at(10) }),
    },
    {
      rule: 'more restarts first',
      first: pod('a', { node: 'n1', restarts: 3 }),
      then: pod('b', { node: 'n1' }),
    },
    {
      rule: 'newer first',
      first: pod('a', { node: 'n1', created: at(20) }),
      then: pod('b', { node: 'n1', created: at(5) }),
    },
  ];
  const c = controllerCluster([]);
  for (const t of cases) {
    it(t.rule, () => {
      const related = t.related ?? [t.first, t.then];
      expect(rankPodsForDeletion(c, [t.then, t.first], related).map((p) => p.metadata.name)).toEqual([
        'a',
        'b',
      ]);
      expect(rankPodsForDeletion(c, [t.first, t.then], related).map((p) => p.metadata.name)).toEqual([
        'a',
        'b',
      ]);
    });
  }
});

describe('ReplicaSet controller: ReplicaFailure', () => {
  it('sets ReplicaFailure/FailedCreate with the quota error while quota blocks pods, and removes it after', () => {
    const quota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods', namespace: 'default' },
      spec: { hard: { pods: '1' } },
    };
    const c = controllerCluster([resourceQuotaController, replicaSetController], [quota]);
    mustCreate(c, newReplicaSet('web', { replicas: 2 }));
    c.settle();
    const conds = rsOf(c).status.conditions as {
      type: string;
      status: string;
      reason: string;
      message: string;
    }[];
    expect(conds).toHaveLength(1);
    expect(conds[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(conds[0]!.message).toMatch(
      /^pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1$/,
    );
    c.api.delete('ResourceQuota', 'default', 'pods');
    c.advance(10_000);
    expect(podsIn(c)).toHaveLength(2);
    expect(rsOf(c).status.conditions).toBeUndefined();
  });
});
