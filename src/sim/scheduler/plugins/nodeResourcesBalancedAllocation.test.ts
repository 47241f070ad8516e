import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { runScore, setup } from '../testHelpers';
import { balancedResourceScore, nodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation';

describe('NodeResourcesBalancedAllocation', () => {
  it.each([
    { req: [500, 500], alloc: [1000, 1000], want: 100 },
    { req: [250, 750], alloc: [1000, 1000], want: 75 },
    { req: [0, 1000], alloc: [1000, 1000], want: 50 },
    { req: [2000, 0], alloc: [1000, 1000], want: 50 }, // fractions capped at 1
    { req: [500, 5], alloc: [1000, 0], want: 100 }, // a resource without allocatable is ignored
    { req: [0, 500, 1000], alloc: [1000, 1000, 1000], want: 59 }, // std of (0, .5, 1) = .408
  ])('$req / $alloc → $want', ({ req, alloc, want }) => expect(balancedResourceScore(req, alloc)).toBe(want));

  it('uses the actual requests (no scoring defaults)', () => {
    const nodes = [
      newNode('a', { cpu: '1', memory: '1000Mi' }),
      newNode('b', { cpu: '1', memory: '1000Mi' }),
    ];
    const onB = [newPod('e', { nodeName: 'b', cpu: '500m' })];
    const { ctx } = setup(newPod('p', { memory: '500Mi' }), nodes, onB);
    // a: cpu 0, memory .5 → 75 ; b: cpu .5, memory .5 → 100
    expect(runScore(nodeResourcesBalancedAllocation, ctx)).toEqual({ a: 75, b: 100 });
  });
});
