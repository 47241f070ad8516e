/**
 * The DaemonSet controller alone (no scheduler, no kubelet): the test binds pods and writes their status.
 * Expectations follow kubernetes.io (concepts/workloads/controllers/daemonset: one pod per eligible node, node
 * selector and affinity, taints and the tolerations added automatically; tasks/manage-daemon/update-daemon-set:
 * RollingUpdate replaces at most maxUnavailable pods at a time, OnDelete only on deletion) and the texts of
 * K:pkg/controller/daemon (Created pod: / Deleted pod:, pods pinned with matchFields metadata.name).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import type { KObject, Pod, Taint } from '../api/types';
import { newNode } from '../testing/builders';
import { controllerCluster, finishTerminating, mustCreate, runPods } from '../testing/controllerCluster';
import { newDaemonSet } from '../testing/workloadBuilders';
import { OwnedPodWatch } from './ownedPodWatch';
import { daemonSetController, targetNode } from './daemonSetController';

const NO_SCHEDULE: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const cluster = (objects: KObject[]) =>
  controllerCluster([daemonSetController(new OwnedPodWatch())], objects);
const live = (c: Cluster) => c.api.list<Pod>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
const nodesWithPods = (c: Cluster) =>
  live(c)
    .map((p) => targetNode(p))
    .sort();
const dsOf = (c: Cluster) => c.api.get('DaemonSet', 'default', 'agent')!;
/** Binds every pending pod to the node it is pinned to and makes it Running and Ready. */
const runOnTargets = (c: Cluster) => {
  for (const p of live(c)) runPods(c, (x) => x.metadata.name === p.metadata.name, targetNode(p));
};

describe('DaemonSet controller: which nodes run a pod', () => {
  const cases: { name: string; nodes: KObject[]; podSpec?: object; expected: string[] }[] = [
    { name: 'one pod on every node', nodes: [newNode('a'), newNode('b')], expected: ['a', 'b'] },
    {
      name: 'nodeSelector limits the nodes',
      nodes: [newNode('a', { labels: { disk: 'ssd' } }), newNode('b')],
      podSpec: { nodeSelector: { disk: 'ssd' } },
      expected: ['a'],
    },
    {
      name: 'required node affinity limits the nodes',
      nodes: [newNode('a', { labels: { zone: 'z1' } }), newNode('b', { labels: { zone: 'z2' } })],
      podSpec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] }],
            },
          },
        },
      },
      expected: ['b'],
    },
    {
      name: 'a NoSchedule taint keeps the pod off unless tolerated',
      nodes: [newNode('cp', { taints: [NO_SCHEDULE] }), newNode('w')],
      expected: ['w'],
    },
    {
      name: 'a toleration lets it on the tainted node',
      nodes: [newNode('cp', { taints: [NO_SCHEDULE] }), newNode('w')],
      podSpec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
      expected: ['cp', 'w'],
    },
    {
      name: 'unschedulable (cordoned) nodes still run one: the unschedulable toleration is added',
      nodes: [
        newNode('a', {
          unschedulable: true,
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
        }),
      ],
      expected: ['a'],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster([...t.nodes, newDaemonSet('agent', {}, t.podSpec ? { podSpec: t.podSpec } : {})]);
      expect(nodesWithPods(c)).toEqual(t.expected);
      expect(dsOf(c).status).toMatchObject({
        desiredNumberScheduled: t.expected.length,
        numberMisscheduled: 0,
      });
    });
  }

  it('pins each pod to its node with matchFields and adds the daemon tolerations without a time limit', () => {
    const c = cluster([newNode('a'), newDaemonSet('agent')]);
    const [p] = live(c);
    expect(p!.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(p!.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }],
    });
    const tols = (p!.spec.tolerations ?? []).map((x) => `${x.key}:${x.effect}:${x.tolerationSeconds ?? '-'}`);
    expect(tols).toEqual(
      expect.arrayContaining([
        'node.kubernetes.io/not-ready:NoExecute:-',
        'node.kubernetes.io/unreachable:NoExecute:-',
        'node.kubernetes.io/disk-pressure:NoSchedule:-',
        'node.kubernetes.io/memory-pressure:NoSchedule:-',
        'node.kubernetes.io/pid-pressure:NoSchedule:-',
        'node.kubernetes.io/unschedulable:NoSchedule:-',
      ]),
    );
    expect(c.api.eventsFor(dsOf(c)).map((e) => e.message)).toEqual([`Created pod: ${p!.metadata.name}`]);
  });

  it('follows the nodes: a new node gets a pod, a node whose label goes loses it', () => {
    const c = cluster([
      newNode('a', { labels: { run: 'yes' } }),
      newDaemonSet('agent', {}, { podSpec: { nodeSelector: { run: 'yes' } } }),
    ]);
    mustCreate(c, newNode('b', { labels: { run: 'yes' } }));
    c.settle();
    expect(nodesWithPods(c)).toEqual(['a', 'b']);
    runOnTargets(c);
    c.api.mutate('Node', undefined, 'a', (n) => void (n.metadata.labels = { 'kubernetes.io/hostname': 'a' }));
    c.settle();
    expect(nodesWithPods(c)).toEqual(['b']);
    expect(c.api.eventsFor(dsOf(c)).some((e) => e.reason === 'SuccessfulDelete')).toBe(true);
  });
});

describe('DaemonSet controller: updates', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((n) => newNode(n));
  const cases: { name: string; updateStrategy: object; firstWave: number }[] = [
    {
      name: 'RollingUpdate replaces one pod at a time by default',
      updateStrategy: { type: 'RollingUpdate' },
      firstWave: 1,
    },
    {
      name: 'maxUnavailable 50% replaces half the nodes at once',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } },
      firstWave: 2,
    },
    { name: 'OnDelete replaces nothing by itself', updateStrategy: { type: 'OnDelete' }, firstWave: 0 },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster([...nodes, newDaemonSet('agent', { updateStrategy: t.updateStrategy })]);
      runOnTargets(c);
      expect(dsOf(c).status).toMatchObject({ numberReady: 4, numberAvailable: 4, updatedNumberScheduled: 4 });
      c.api.mutate(
        'DaemonSet',
        'default',
        'agent',
        (x) => void (x.spec.template.spec.containers[0].image = 'nginx:1.27'),
      );
      c.settle();
      expect(live(c).filter((p) => p.spec.containers[0]!.image === 'nginx')).toHaveLength(4 - t.firstWave);
      if (!t.firstWave) return;
      // Each wave: the kubelet ends the old pods, the new ones start, the next wave goes (never more at once).
      for (let i = 0; i < 8; i++) {
        expect(finishTerminating(c).length).toBeLessThanOrEqual(t.firstWave);
        runOnTargets(c);
      }
      expect(live(c).map((p) => p.spec.containers[0]!.image)).toEqual([
        'nginx:1.27',
        'nginx:1.27',
        'nginx:1.27',
        'nginx:1.27',
      ]);
      expect(dsOf(c).status).toMatchObject({ updatedNumberScheduled: 4, numberAvailable: 4 });
    });
  }

  it('deletes a Failed daemon pod with FailedDaemonPod and creates a new one', () => {
    const c = cluster([newNode('a'), newDaemonSet('agent')]);
    runOnTargets(c);
    const p = live(c)[0]!;
    c.api.updateStatus({ ...p, status: { ...p.status, phase: 'Failed' } });
    c.settle();
    const events = c.api.eventsFor(dsOf(c)).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain(
      `FailedDaemonPod: Found failed daemon pod default/${p.metadata.name} on node a, will try to kill it`,
    );
    finishTerminating(c);
    const again = live(c);
    expect(again).toHaveLength(1);
    expect(again[0]!.metadata.name).not.toBe(p.metadata.name);
  });
});
