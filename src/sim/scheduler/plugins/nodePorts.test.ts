import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { filterReasons, setup } from '../testHelpers';
import { ERR_REASON, nodePorts } from './nodePorts';

describe('NodePorts', () => {
  it.each([
    { name: 'no host ports: skipped', want: [], held: [8080], fits: true },
    { name: 'free port', want: [80], held: [8080], fits: true },
    { name: 'same port on all addresses', want: [8080], held: [8080], fits: false },
    { name: 'specific address vs 0.0.0.0 held', want: ['10.0.0.1:8080'], held: [8080], fits: false },
    { name: '0.0.0.0 vs specific address held', want: [8080], held: ['10.0.0.1:8080'], fits: false },
    { name: 'two different addresses', want: ['10.0.0.2:8080'], held: ['10.0.0.1:8080'], fits: true },
  ])('$name', ({ want, held, fits }) => {
    const holder = newPod('holder', { hostPorts: held, nodeName: 'n', phase: 'Running' });
    const { ctx } = setup(newPod('p', { hostPorts: want }), [newNode('n')], [holder]);
    expect(filterReasons(nodePorts, ctx)).toEqual({ n: fits ? '' : ERR_REASON });
  });
  it('a port is free again once its holder is gone', () => {
    const holder = newPod('holder', { hostPorts: [80], nodeName: 'n' });
    const { ctx, cache } = setup(newPod('p', { hostPorts: [80] }), [newNode('n')], [holder]);
    expect(filterReasons(nodePorts, ctx)).toEqual({ n: ERR_REASON });
    cache.removePod(holder);
    expect(filterReasons(nodePorts, ctx)).toEqual({ n: '' });
  });
});
