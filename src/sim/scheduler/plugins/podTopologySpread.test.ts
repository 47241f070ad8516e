import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, runScore, setup } from '../testHelpers';
import {
  ERR_REASON_CONSTRAINTS_NOT_MATCH as SKEW,
  ERR_REASON_NODE_LABEL_NOT_MATCH as LABEL,
  podTopologySpreadFilter,
  podTopologySpreadScore,
} from './podTopologySpread';

const zoneNodes = (): Node[] => [
  newNode('a1', { labels: { zone: 'a' } }),
  newNode('a2', { labels: { zone: 'a' } }),
  newNode('b1', { labels: { zone: 'b' } }),
  newNode('c1', { labels: { zone: 'c' } }),
  newNode('nozone'),
];
const web = (name: string, nodeName: string, extra: Partial<Pod['metadata']> = {}): Pod => {
  const p = newPod(name, { nodeName, labels: { app: 'web' } });
  Object.assign(p.metadata, extra);
  return p;
};
const spread = (
  key: string,
  maxSkew: number,
  when = 'DoNotSchedule',
  extra: Record<string, unknown> = {},
) => ({
  maxSkew,
  topologyKey: key,
  whenUnsatisfiable: when,
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});

describe('PodTopologySpread filter', () => {
  it.each([
    {
      name: 'zone maxSkew 1: only the emptiest zones fit',
      pods: [web('w1', 'a1'), web('w2', 'b1')],
      c: [spread('zone', 1)],
      want: { a1: SKEW, a2: SKEW, b1: SKEW, c1: '', nozone: LABEL },
    },
    {
      name: 'zone maxSkew 2 allows one more',
      pods: [web('w1', 'a1'), web('w2', 'b1')],
      c: [spread('zone', 2)],
      want: { a1: '', a2: '', b1: '', c1: '', nozone: LABEL },
    },
    {
      name: 'pods in another namespace or terminating do not count',
      pods: [
        web('w1', 'a1'),
        Object.assign(newPod('o', { nodeName: 'b1', labels: { app: 'web' }, namespace: 'other' })),
        web('t', 'c1', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      ],
      c: [spread('zone', 1)],
      want: { a1: SKEW, a2: SKEW, b1: '', c1: '', nozone: LABEL },
    },
    {
      name: 'minDomains larger than the domain count makes the minimum 0',
      pods: [web('w1', 'a1'), web('w2', 'b1'), web('w3', 'c1')],
      c: [spread('zone', 1, 'DoNotSchedule', { minDomains: 4 })],
      want: { a1: SKEW, a2: SKEW, b1: SKEW, c1: SKEW, nozone: LABEL },
    },
    {
      name: 'hostname spread',
      pods: [web('w1', 'a1'), web('w2', 'a2')],
      c: [spread('kubernetes.io/hostname', 1)],
      want: { a1: SKEW, a2: SKEW, b1: '', c1: '', nozone: '' },
    },
    {
      name: 'ScheduleAnyway only: filter skipped',
      pods: [web('w1', 'a1')],
      c: [spread('zone', 1, 'ScheduleAnyway')],
      want: { a1: '', a2: '', b1: '', c1: '', nozone: '' },
    },
  ])('$name', ({ pods, c, want }) => {
    const { ctx } = setup(
      newPod('new', { labels: { app: 'web' }, topologySpreadConstraints: c }),
      zoneNodes(),
      pods,
    );
    expect(filterReasons(podTopologySpreadFilter, ctx)).toEqual(want);
  });

  it('honors the pod node affinity when counting domains (nodeAffinityPolicy Honor)', () => {
    // Zone c is excluded by the nodeSelector, so its zero does not drag the minimum down.
    const nodes = [
      newNode('a1', { labels: { zone: 'a', pool: 'x' } }),
      newNode('b1', { labels: { zone: 'b', pool: 'x' } }),
      newNode('c1', { labels: { zone: 'c' } }),
    ];
    const pod = newPod('new', {
      labels: { app: 'web' },
      nodeSelector: { pool: 'x' },
      topologySpreadConstraints: [spread('zone', 1)],
    });
    const { ctx } = setup(pod, nodes, [web('w1', 'a1')]);
    expect(filterReasons(podTopologySpreadFilter, ctx)).toEqual({ a1: SKEW, b1: '', c1: '' });
  });
});

describe('PodTopologySpread score', () => {
  it('fewer matching pods in the domain score higher', () => {
    const pods = [web('w1', 'a1'), web('w2', 'a2'), web('w3', 'b1')];
    const pod = newPod('new', {
      labels: { app: 'web' },
      topologySpreadConstraints: [spread('zone', 1, 'ScheduleAnyway')],
    });
    const { ctx } = setup(pod, zoneNodes().slice(0, 4), pods);
    const got = runScore(podTopologySpreadScore, ctx);
    // weight log(3 zones + 2) = 1.609: a → round(2 × 1.609) = 3, b → 2, c → 0; 100 × (3 + 0 − s) / 3
    expect(got).toEqual({ a1: 0, a2: 0, b1: 33, c1: 100 });
  });
  it('nodes without the key get 0', () => {
    const pod = newPod('new', {
      labels: { app: 'web' },
      topologySpreadConstraints: [spread('zone', 1, 'ScheduleAnyway')],
    });
    const { ctx } = setup(pod, zoneNodes(), [web('w1', 'a1')]);
    const got = runScore(podTopologySpreadScore, ctx) as Record<string, number>;
    expect(got.nozone).toBe(0);
    expect(got.c1).toBe(100);
  });
  it('is skipped without soft constraints', () => {
    const { ctx } = setup(newPod('new', { labels: { app: 'web' } }), zoneNodes());
    expect(runScore(podTopologySpreadScore, ctx)).toBe('skip');
  });
});
