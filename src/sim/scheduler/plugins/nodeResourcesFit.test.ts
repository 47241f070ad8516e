import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { computePodInfo } from '../podInfo';
import { filterReasons, runScore, setup } from '../testHelpers';
import type { AnyScorePlugin } from '../registry';
import type { CycleContext } from '../types';
import { leastRequestedScore, nodeResourcesFitFilter, nodeResourcesFitScore } from './nodeResourcesFit';
import { nodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation';

describe('NodeResourcesFit filter', () => {
  const node = () => newNode('n', { cpu: '2', memory: '4Gi', pods: 3, extra: { 'nvidia.com/gpu': '1' } });
  const existing = [newPod('e1', { nodeName: 'n', cpu: '1500m', memory: '1Gi' })];
  it.each([
    { name: 'fits', opts: { cpu: '500m', memory: '1Gi' }, want: '' },
    { name: 'exactly fills the node', opts: { cpu: '500m', memory: '3Gi' }, want: '' },
    { name: 'too much cpu', opts: { cpu: '600m' }, want: 'Insufficient cpu' },
    { name: 'too much memory', opts: { memory: '3073Mi' }, want: 'Insufficient memory' },
    { name: 'both', opts: { cpu: '1', memory: '5Gi' }, want: 'Insufficient cpu, Insufficient memory' },
    {
      name: 'extended resource',
      opts: { requests: { 'nvidia.com/gpu': '2' } },
      want: 'Insufficient nvidia.com/gpu',
    },
    {
      name: 'limits stand in for missing requests',
      opts: { limits: { cpu: '1' } },
      want: 'Insufficient cpu',
    },
    { name: 'best effort always fits resources', opts: {}, want: '' },
  ])('$name', ({ opts, want }) => {
    const { ctx } = setup(newPod('p', opts), [node()], existing);
    expect(filterReasons(nodeResourcesFitFilter, ctx)).toEqual({ n: want });
  });
  it('Too many pods comes first', () => {
    const pods = [0, 1, 2].map((i) => newPod(`e${i}`, { nodeName: 'n', cpu: '600m' }));
    const { ctx } = setup(newPod('p', { cpu: '500m' }), [node()], pods);
    expect(filterReasons(nodeResourcesFitFilter, ctx)).toEqual({ n: 'Too many pods, Insufficient cpu' });
  });
});

describe('effective pod requests', () => {
  const c = (name: string, cpu: string, memory: string, restartPolicy?: 'Always') => ({
    name,
    image: 'busybox',
    resources: { requests: { cpu, memory } },
    ...(restartPolicy ? { restartPolicy } : {}),
  });
  it.each([
    {
      name: 'app containers are summed',
      containers: [c('a', '100m', '64Mi'), c('b', '200m', '64Mi')],
      init: [],
      cpu: 300,
      mem: 128,
    },
    {
      name: 'init containers are a maximum',
      containers: [c('a', '100m', '64Mi')],
      init: [c('i1', '500m', '32Mi'), c('i2', '200m', '256Mi')],
      cpu: 500,
      mem: 256,
    },
    {
      name: 'sidecars add to the app',
      containers: [c('a', '100m', '64Mi')],
      init: [c('s', '50m', '16Mi', 'Always'), c('i', '100m', '512Mi')],
      cpu: 150,
      mem: 528,
    },
  ])('$name', ({ containers, init, cpu, mem }) => {
    const info = computePodInfo(newPod('p', { containers, initContainers: init }));
    expect(info.requests.milliCPU).toBe(cpu);
    expect(info.requests.memory).toBe(mem * 1024 * 1024);
  });
  it('adds pod overhead', () => {
    const info = computePodInfo(newPod('p', { cpu: '100m', overhead: { cpu: '250m', memory: '120Mi' } }));
    expect(info.requests.milliCPU).toBe(350);
    expect(info.requests.memory).toBe(120 * 1024 * 1024);
  });
  it('uses 100m / 200Mi for scoring only', () => {
    const info = computePodInfo(newPod('p', { cpu: '300m' }));
    expect(info.requests).toMatchObject({ milliCPU: 300, memory: 0 });
    expect(info.nonZero).toEqual({ milliCPU: 300, memory: 200 * 1024 * 1024 });
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it.each([
    [0, 1000, 100],
    [250, 1000, 75],
    [333, 1000, 66],
    [1000, 1000, 0],
    [1001, 1000, 0],
    [5, 0, 0],
  ])('leastRequestedScore(%i, %i) = %i', (req, cap, want) =>
    expect(leastRequestedScore(req, cap)).toBe(want),
  );

  it('scores free cpu and memory after placing the pod, with scoring defaults', () => {
    const nodes = [
      newNode('empty', { cpu: '1', memory: '1000Mi' }),
      newNode('busy', { cpu: '1', memory: '1000Mi' }),
    ];
    const busy = [newPod('e', { nodeName: 'busy', cpu: '500m', memory: '500Mi' })];
    const { ctx } = setup(newPod('p'), nodes, busy);
    // empty: cpu (1000-100)/1000 → 90, memory (1000-200)/1000 → 80 → 85
    // busy: cpu (1000-600)/1000 → 40, memory (1000-700)/1000 → 30 → 35
    expect(runScore(nodeResourcesFitScore, ctx)).toEqual({ empty: 85, busy: 35 });
  });

  it('scores again when a node gets a pod, or for another request (scores are kept per node until then)', () => {
    const nodes = [newNode('a', { cpu: '1', memory: '1000Mi' })];
    const { cache, ctx } = setup(newPod('p'), nodes);
    const score = (plugin: AnyScorePlugin, c: CycleContext) =>
      (runScore(plugin, c) as Record<string, number>).a;
    const balanced = () => score(nodeResourcesBalancedAllocation, ctx);
    expect([score(nodeResourcesFitScore, ctx), balanced()]).toEqual([85, 100]);
    cache.addPod(newPod('e', { nodeName: 'a', cpu: '500m', memory: '100Mi' }));
    // cpu (1000-600)/1000 → 40, memory (1000-300)/1000 → 70 → 55; fractions 0.5 / 0.1 → 80
    expect([score(nodeResourcesFitScore, ctx), balanced()]).toEqual([55, 80]);
    const big = newPod('q', { cpu: '300m', memory: '400Mi' });
    const other = { ...ctx, pod: big, info: computePodInfo(big) };
    // cpu (1000-800)/1000 → 20, memory (1000-500)/1000 → 50 → 35; fractions 0.8 / 0.5 → 85
    expect([score(nodeResourcesFitScore, other), score(nodeResourcesBalancedAllocation, other)]).toEqual([
      35, 85,
    ]);
    cache.removePod(newPod('e'));
    expect([score(nodeResourcesFitScore, ctx), balanced()]).toEqual([85, 100]);
  });
});
