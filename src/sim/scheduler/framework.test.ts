import { describe, expect, it } from 'vitest';
import { Rng, seedRng } from '../engine/rng';
import { newNode, newPod } from '../testing/builders';
import { SchedulerCache } from './cache';
import {
  failedSchedulingMessage,
  Framework,
  numFeasibleNodesToFind,
  scheduleOne,
  SCORES_KEPT,
} from './framework';
import { DEFAULT_PROFILE } from './registry';
import { failure } from './types';

const cpTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const kubeadm = () => {
  const cache = new SchedulerCache();
  cache.setNode(newNode('control-plane', { taints: [cpTaint] }));
  cache.setNode(newNode('worker-1'));
  cache.setNode(newNode('worker-2'));
  return cache;
};
const rng = (seed = 1) => new Rng(seedRng(seed));

describe('numFeasibleNodesToFind', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [200, 100], // 49% of 200 = 98 → at least 100
    [1000, 420], // 50 − 8 = 42%
    [5000, 500], // 50 − 40 = 10%
    [6000, 300], // 50 − 48 = 2% → 5%
  ])('%i nodes → %i', (nodes, want) => expect(numFeasibleNodesToFind(nodes)).toBe(want));
  it('honours an explicit percentage', () => expect(numFeasibleNodesToFind(1000, 20)).toBe(200));
});

describe('FailedScheduling message', () => {
  it('is the real text for the kubeadm cluster with a pod too big for the workers', () => {
    const r = scheduleOne(newPod('big', { cpu: '3' }), kubeadm(), rng(), { nextStartNodeIndex: 0 });
    expect(r.nodeName).toBeUndefined();
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(r.filtered).toEqual({
      'control-plane': [
        {
          plugin: 'TaintToleration',
          reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        },
      ],
      'worker-1': [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }],
      'worker-2': [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }],
    });
    expect(r.evaluatedNodes).toBe(3);
    expect(r.feasibleNodes).toBe(0);
  });
  it('counts every reason of a node and sorts as strings', () => {
    const msg = failedSchedulingMessage(12, [
      ...Array.from({ length: 10 }, () => failure(['Insufficient cpu', 'Insufficient memory'], false)),
      failure("node(s) didn't match Pod's node affinity/selector", true),
      failure('node(s) were unschedulable', true),
    ]);
    expect(msg).toBe(
      "0/12 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable, " +
        '10 Insufficient cpu, 10 Insufficient memory. preemption: 0/12 nodes are available: ' +
        '10 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });
  it('without nodes', () => {
    const r = scheduleOne(newPod('p'), new SchedulerCache(), rng(), { nextStartNodeIndex: 0 });
    expect(r.message).toBe('no nodes available to schedule pods');
  });
});

describe('scheduleOne', () => {
  it('never picks the tainted control plane and records per-plugin weighted scores', () => {
    const r = scheduleOne(newPod('p', { cpu: '100m', memory: '100Mi' }), kubeadm(), rng(), {
      nextStartNodeIndex: 0,
    });
    expect(['worker-1', 'worker-2']).toContain(r.nodeName);
    expect(r.feasibleNodes).toBe(2);
    expect(Object.keys(r.scores).sort()).toEqual(['worker-1', 'worker-2']);
    const s = r.scores['worker-1']!;
    expect(Object.keys(s.plugins)).toEqual(DEFAULT_PROFILE.scores.map((x) => x.name));
    expect(s.plugins.TaintToleration).toBe(300); // 100 × weight 3
    expect(s.plugins.NodeAffinity).toBe(0); // skipped: no preferred terms
    expect(s.total).toBe(Object.values(s.plugins).reduce((a, b) => a + b, 0));
  });

  it('prefers the emptier node', () => {
    const cache = kubeadm();
    cache.addPod(newPod('busy', { nodeName: 'worker-1', cpu: '1', memory: '2Gi' }));
    for (let seed = 1; seed <= 5; seed++) {
      const r = scheduleOne(newPod('p', { cpu: '100m', memory: '100Mi' }), cache, rng(seed), {
        nextStartNodeIndex: 0,
      });
      expect(r.nodeName).toBe('worker-2');
      expect(r.scores['worker-2']!.total).toBeGreaterThan(r.scores['worker-1']!.total);
    }
  });

  it('breaks ties with the seeded generator: same seed, same choices; both nodes get chosen', () => {
    const run = (seed: number) => {
      const g = rng(seed);
      return Array.from(
        { length: 20 },
        (_, i) => scheduleOne(newPod(`p${i}`), kubeadm(), g, { nextStartNodeIndex: 0 }).nodeName,
      );
    };
    expect(run(7)).toEqual(run(7));
    expect(new Set(run(7))).toEqual(new Set(['worker-1', 'worker-2']));
  });

  it('does not draw from the generator without a tie', () => {
    const cache = kubeadm();
    cache.addPod(newPod('busy', { nodeName: 'worker-1', cpu: '1' }));
    const g = rng(3);
    const before = { ...g.state };
    scheduleOne(newPod('p', { cpu: '100m' }), cache, g, { nextStartNodeIndex: 0 });
    expect(g.state).toEqual(before);
  });

  it('stops after enough feasible nodes and continues round-robin', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 1000; i++) cache.setNode(newNode(`n${String(i).padStart(4, '0')}`));
    const state = { nextStartNodeIndex: 0 };
    const r1 = scheduleOne(newPod('a'), cache, rng(), state);
    expect(r1.evaluatedNodes).toBe(420);
    expect(r1.feasibleNodes).toBe(420);
    expect(r1.totalNodes).toBe(1000);
    expect(state.nextStartNodeIndex).toBe(420);
    expect(Object.keys(r1.scores)).toContain('n0000');
    // Only the best SCORES_KEPT breakdowns are kept, the chosen node among them.
    expect(Object.keys(r1.scores)).toHaveLength(SCORES_KEPT);
    expect(Object.keys(r1.scores)).toContain(r1.nodeName);
    const r2 = scheduleOne(newPod('b'), cache, rng(), state);
    expect(state.nextStartNodeIndex).toBe(840);
    expect(Object.keys(r2.scores)).toContain('n0420');
    expect(Object.keys(r2.scores)).not.toContain('n0000');
    scheduleOne(newPod('c'), cache, rng(), state);
    expect(state.nextStartNodeIndex).toBe(260); // wrapped around
  });

  it('counts rejected nodes in the evaluated ones and keeps searching', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 200; i++)
      cache.setNode(newNode(`n${String(i).padStart(3, '0')}`, { unschedulable: i < 150 }));
    const state = { nextStartNodeIndex: 0 };
    const r = scheduleOne(newPod('a'), cache, rng(), state);
    expect(r.feasibleNodes).toBe(50);
    expect(r.evaluatedNodes).toBe(200);
    expect(Object.keys(r.filtered)).toHaveLength(150);
    expect(r.nodeName).toMatch(/^n1[5-9]\d$/);
  });

  it('keeps the best breakdowns in a big cluster, the chosen node even when it is not among them', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 60; i++) cache.setNode(newNode(`n${String(i).padStart(2, '0')}`));
    // Equal nodes: 60 ties; the chosen one may be any of them.
    for (let seed = 1; seed <= 10; seed++) {
      const r = scheduleOne(newPod('p'), cache, rng(seed), { nextStartNodeIndex: 0 });
      const keys = Object.keys(r.scores);
      expect(keys).toHaveLength(SCORES_KEPT);
      expect(keys).toContain(r.nodeName);
    }
    cache.addPod(newPod('x', { nodeName: 'n30', cpu: '1' }));
    const r = scheduleOne(newPod('p', { cpu: '100m' }), cache, rng(), { nextStartNodeIndex: 0 });
    const totals = Object.values(r.scores).map((s) => s.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(Object.keys(r.scores)).not.toContain('n30'); // the busy node scores lowest
  });

  it('scores survive JSON round trips (lazy breakdown)', () => {
    const r = scheduleOne(newPod('p'), kubeadm(), rng(), { nextStartNodeIndex: 0 });
    const copy = JSON.parse(JSON.stringify(r));
    expect(copy.scores).toEqual(r.scores);
    expect(copy.nodeName).toBe(r.nodeName);
  });

  it('a custom profile can leave plugins out', () => {
    const fw = new Framework({
      filters: ['NodeResourcesFit'],
      scores: [{ name: 'NodeResourcesFit', weight: 1 }],
    });
    const r = fw.schedule(newPod('p', { cpu: '100m' }), kubeadm(), rng(), { nextStartNodeIndex: 0 });
    expect(r.feasibleNodes).toBe(3); // taints are not checked without TaintToleration
    expect(() => new Framework({ filters: ['Nope'], scores: [] })).toThrow(/not registered/);
  });
});
