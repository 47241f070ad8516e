import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, setup } from '../testHelpers';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable } from './nodeUnschedulable';

describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'schedulable node', unschedulable: false, tolerations: [], want: '' },
    { name: 'cordoned node', unschedulable: true, tolerations: [], want: ERR_REASON_UNSCHEDULABLE },
    {
      name: 'cordoned node, pod tolerates the unschedulable taint',
      unschedulable: true,
      tolerations: [
        {
          key: 'node.kubernetes.io/unschedulable',
          operator: 'Exists' as const,
          effect: 'NoSchedule' as const,
        },
      ],
      want: '',
    },
    {
      name: 'cordoned node, toleration for another effect',
      unschedulable: true,
      tolerations: [
        {
          key: 'node.kubernetes.io/unschedulable',
          operator: 'Exists' as const,
          effect: 'NoExecute' as const,
        },
      ],
      want: ERR_REASON_UNSCHEDULABLE,
    },
    {
      name: 'cordoned node, tolerate everything',
      unschedulable: true,
      tolerations: [{ operator: 'Exists' as const }],
      want: '',
    },
  ];
  it.each(cases)('$name', ({ unschedulable, tolerations, want }) => {
    const { ctx } = setup(newPod('p', { tolerations }), [newNode('n1', { unschedulable })]);
    expect(filterReasons(nodeUnschedulable, ctx)).toEqual({ n1: want });
  });
  it('reads "node(s) were unschedulable"', () =>
    expect(ERR_REASON_UNSCHEDULABLE).toBe('node(s) were unschedulable'));
});
