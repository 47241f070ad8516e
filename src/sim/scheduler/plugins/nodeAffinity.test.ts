import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, runScore, setup } from '../testHelpers';
import { ERR_REASON_POD, nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity';

const nodes = () => [
  newNode('ssd-1', { labels: { disktype: 'ssd', cores: '8' } }),
  newNode('hdd-1', { labels: { disktype: 'hdd', cores: '2' } }),
  newNode('bare', {}),
];
const required = (...terms: unknown[]) => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});
const X = ERR_REASON_POD;

describe('NodeAffinity filter', () => {
  it.each([
    { name: 'no selector: skipped', opts: {}, want: { bare: '', 'hdd-1': '', 'ssd-1': '' } },
    {
      name: 'nodeSelector disktype=ssd',
      opts: { nodeSelector: { disktype: 'ssd' } },
      want: { bare: X, 'hdd-1': X, 'ssd-1': '' },
    },
    {
      name: 'In',
      opts: {
        affinity: required({
          matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }],
        }),
      },
      want: { bare: X, 'hdd-1': X, 'ssd-1': '' },
    },
    {
      name: 'NotIn matches nodes without the label',
      opts: {
        affinity: required({ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }),
      },
      want: { bare: '', 'hdd-1': '', 'ssd-1': X },
    },
    {
      name: 'Exists / DoesNotExist',
      opts: { affinity: required({ matchExpressions: [{ key: 'disktype', operator: 'DoesNotExist' }] }) },
      want: { bare: '', 'hdd-1': X, 'ssd-1': X },
    },
    {
      name: 'Gt',
      opts: { affinity: required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }) },
      want: { bare: X, 'hdd-1': X, 'ssd-1': '' },
    },
    {
      name: 'Lt',
      opts: { affinity: required({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }) },
      want: { bare: X, 'hdd-1': '', 'ssd-1': X },
    },
    {
      name: 'terms are ORed',
      opts: {
        affinity: required(
          { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] },
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['bare'] }] },
        ),
      },
      want: { bare: '', 'hdd-1': '', 'ssd-1': X },
    },
    {
      name: 'expressions in one term are ANDed',
      opts: {
        affinity: required({
          matchExpressions: [
            { key: 'disktype', operator: 'In', values: ['ssd'] },
            { key: 'cores', operator: 'Lt', values: ['4'] },
          ],
        }),
      },
      want: { bare: X, 'hdd-1': X, 'ssd-1': X },
    },
    {
      name: 'an empty term matches nothing',
      opts: { affinity: required({}) },
      want: { bare: X, 'hdd-1': X, 'ssd-1': X },
    },
    {
      name: 'nodeSelector and affinity must both match',
      opts: {
        nodeSelector: { disktype: 'ssd' },
        affinity: required({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] }),
      },
      want: { bare: X, 'hdd-1': X, 'ssd-1': X },
    },
  ])('$name', ({ opts, want }) => {
    const { ctx } = setup(newPod('p', opts), nodes());
    expect(filterReasons(nodeAffinityFilter, ctx)).toEqual(want);
  });
});

describe('NodeAffinity score', () => {
  it('sums matching preferred weights and normalizes to 100', () => {
    const affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 5,
            preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
          },
          { weight: 2, preference: { matchExpressions: [{ key: 'cores', operator: 'Exists' }] } },
        ],
      },
    };
    const { ctx } = setup(newPod('p', { affinity }), nodes());
    // ssd-1: 7 → 100; hdd-1: 2 → 100*2/7 = 28; bare: 0
    expect(runScore(nodeAffinityScore, ctx)).toEqual({ 'ssd-1': 100, 'hdd-1': 28, bare: 0 });
  });
  it('is skipped without preferred terms', () => {
    const { ctx } = setup(newPod('p', { nodeSelector: { disktype: 'ssd' } }), nodes());
    expect(runScore(nodeAffinityScore, ctx)).toBe('skip');
  });
});
