import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { runFilter, setup } from '../testHelpers';
import { ERR_REASON, nodeName } from './nodeName';

describe('NodeName', () => {
  it.each([
    { name: 'no nodeName: plugin skipped', wanted: undefined, want: { a: 'skip', b: 'skip' } },
    { name: 'nodeName a', wanted: 'a', want: { a: null, b: ERR_REASON } },
    { name: 'unknown node', wanted: 'zzz', want: { a: ERR_REASON, b: ERR_REASON } },
  ])('$name', ({ wanted, want }) => {
    const { ctx } = setup(newPod('p', wanted ? { nodeName: wanted } : {}), [newNode('a'), newNode('b')]);
    const got = Object.fromEntries(
      Object.entries(runFilter(nodeName, ctx)).map(([k, v]) => [k, v && v !== 'skip' ? v.reasons[0] : v]),
    );
    expect(got).toEqual(want);
  });
});
