import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, runScore, setup } from '../testHelpers';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH as AFF,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH as ANTI,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH as EXISTING,
  interPodAffinityFilter,
  interPodAffinityScore,
} from './interPodAffinity';

const nodes = (): Node[] => [
  newNode('a1', { labels: { zone: 'a' } }),
  newNode('a2', { labels: { zone: 'a' } }),
  newNode('b1', { labels: { zone: 'b' } }),
];
const term = (app: string, topologyKey: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const on = (name: string, nodeName: string, app: string, affinity?: unknown): Pod =>
  newPod(name, { nodeName, labels: { app }, ...(affinity ? { affinity } : {}) });

describe('InterPodAffinity filter', () => {
  it.each([
    {
      name: 'no terms anywhere: skipped',
      pod: newPod('p', { labels: { app: 'web' } }),
      pods: [on('c', 'a1', 'cache')],
      want: { a1: '', a2: '', b1: '' },
    },
    {
      name: 'required affinity to cache in the same zone',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache', 'zone')] },
        },
      }),
      pods: [on('c', 'a1', 'cache')],
      want: { a1: '', a2: '', b1: AFF },
    },
    {
      name: 'required affinity with no matching pod anywhere and not matching itself',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache', 'zone')] },
        },
      }),
      pods: [],
      want: { a1: AFF, a2: AFF, b1: AFF },
    },
    {
      name: 'first pod of a self-affine group may go anywhere',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] } },
      }),
      pods: [],
      want: { a1: '', a2: '', b1: '' },
    },
    {
      name: 'required anti-affinity per hostname',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')],
          },
        },
      }),
      pods: [on('w1', 'a1', 'web')],
      want: { a1: ANTI, a2: '', b1: '' },
    },
    {
      name: 'required anti-affinity per zone',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
        },
      }),
      pods: [on('w1', 'a1', 'web')],
      want: { a1: ANTI, a2: ANTI, b1: '' },
    },
    {
      name: "existing pods' anti-affinity rejects the incoming pod",
      pod: newPod('p', { labels: { app: 'web' } }),
      pods: [
        on('loner', 'b1', 'db', {
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
        }),
      ],
      want: { a1: '', a2: '', b1: EXISTING },
    },
    {
      name: 'terms select the pod namespace by default',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
        },
      }),
      pods: [newPod('w1', { nodeName: 'a1', labels: { app: 'web' }, namespace: 'other' })],
      want: { a1: '', a2: '', b1: '' },
    },
    {
      name: 'namespaceSelector {} selects every namespace',
      pod: newPod('p', {
        labels: { app: 'web' },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { ...term('web', 'zone'), namespaceSelector: {} },
            ],
          },
        },
      }),
      pods: [newPod('w1', { nodeName: 'a1', labels: { app: 'web' }, namespace: 'other' })],
      want: { a1: ANTI, a2: ANTI, b1: '' },
    },
  ])('$name', ({ pod, pods, want }) => {
    const { ctx } = setup(pod, nodes(), pods);
    expect(filterReasons(interPodAffinityFilter, ctx)).toEqual(want);
  });
});

describe('InterPodAffinity score', () => {
  it('preferred affinity and anti-affinity, min-max normalized', () => {
    const affinity = {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, podAffinityTerm: term('cache', 'zone') },
        ],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 5, podAffinityTerm: term('web', 'kubernetes.io/hostname') },
        ],
      },
    };
    const pods = [on('c', 'a1', 'cache'), on('w', 'a1', 'web')];
    const { ctx } = setup(newPod('p', { labels: { app: 'web' }, affinity }), nodes(), pods);
    // a1: 10 − 5 = 5, a2: 10, b1: 0 → (s − 0) / 10
    expect(runScore(interPodAffinityScore, ctx)).toEqual({ a1: 50, a2: 100, b1: 0 });
  });
  it("existing pods' required affinity attracts matching pods (hardPodAffinityWeight 1)", () => {
    const pods = [
      on('fan', 'b1', 'fan', {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
      }),
    ];
    const { ctx } = setup(newPod('p', { labels: { app: 'web' } }), nodes(), pods);
    expect(runScore(interPodAffinityScore, ctx)).toEqual({ a1: 0, a2: 0, b1: 100 });
  });
  it('is skipped when nobody has affinity terms', () => {
    const { ctx } = setup(newPod('p', { labels: { app: 'web' } }), nodes(), [on('c', 'a1', 'cache')]);
    expect(runScore(interPodAffinityScore, ctx)).toBe('skip');
  });
});
