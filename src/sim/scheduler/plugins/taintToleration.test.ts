import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, runScore, setup } from '../testHelpers';
import { taintTolerationFilter, taintTolerationScore } from './taintToleration';
import { toleratesTaint } from '../../api/taints';

const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it.each<{ t: Toleration; want: boolean }>([
    { t: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, want: true },
    { t: { key: 'dedicated', value: 'gpu' }, want: true },
    { t: { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, want: false },
    { t: { key: 'dedicated', operator: 'Exists' }, want: true },
    { t: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, want: false },
    { t: { operator: 'Exists' }, want: true },
    { t: { key: 'other', operator: 'Exists' }, want: false },
  ])('%j', ({ t, want }) => expect(toleratesTaint(t, taint)).toBe(want));
});

describe('TaintToleration filter', () => {
  it.each([
    {
      name: 'control-plane taint untolerated',
      taints: [cp],
      tol: [],
      want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
    {
      name: 'tolerated',
      taints: [cp],
      tol: [{ key: cp.key, operator: 'Exists' as const, effect: 'NoSchedule' as const }],
      want: '',
    },
    {
      name: 'first untolerated taint is named, with its value',
      taints: [cp, { key: 'gpu', value: 'true', effect: 'NoExecute' as const }],
      tol: [{ key: cp.key, operator: 'Exists' as const }],
      want: 'node(s) had untolerated taint {gpu: true}',
    },
    {
      name: 'PreferNoSchedule does not filter',
      taints: [{ key: 'x', effect: 'PreferNoSchedule' as const }],
      tol: [],
      want: '',
    },
  ])('$name', ({ taints, tol, want }) => {
    const { ctx } = setup(newPod('p', { tolerations: tol }), [newNode('n', { taints })]);
    expect(filterReasons(taintTolerationFilter, ctx)).toEqual({ n: want });
  });
});

describe('TaintToleration score', () => {
  const prefer = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
  it('counts intolerable PreferNoSchedule taints, normalizes and reverses', () => {
    const nodes = [
      newNode('zero'),
      newNode('one', { taints: [prefer('a')] }),
      newNode('two', { taints: [prefer('a'), prefer('b')] }),
    ];
    const { ctx } = setup(newPod('p', { tolerations: [] }), nodes);
    expect(runScore(taintTolerationScore, ctx)).toEqual({ zero: 100, one: 50, two: 0 });
  });
  it('tolerations with effect NoSchedule do not count for scoring', () => {
    const nodes = [newNode('zero'), newNode('one', { taints: [prefer('a')] })];
    const { ctx } = setup(
      newPod('p', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }),
      nodes,
    );
    expect(runScore(taintTolerationScore, ctx)).toEqual({ zero: 100, one: 0 });
    const { ctx: ctx2 } = setup(newPod('p', { tolerations: [{ key: 'a', operator: 'Exists' }] }), nodes);
    expect(runScore(taintTolerationScore, ctx2)).toEqual({ zero: 100, one: 100 });
  });
  it('no taints anywhere: every node 100', () => {
    const { ctx } = setup(newPod('p'), [newNode('a'), newNode('b')]);
    expect(runScore(taintTolerationScore, ctx)).toEqual({ a: 100, b: 100 });
  });
});
