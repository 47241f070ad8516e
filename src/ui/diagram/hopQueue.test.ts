import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/engine/eventLog';
import { HopQueue, hopLabel } from './hopQueue';

const ev = (seq: number, time: number, source = 'kubectl', target = 'kube-apiserver'): SimEvent => ({
  seq,
  time,
  kind: 'request',
  source: source as SimEvent['source'],
  target: target as SimEvent['target'],
  verb: 'create',
  object: { kind: 'Deployment', namespace: 'default', name: 'web' },
  summary: 'x',
});

describe('HopQueue', () => {
  it('labels hops with verb and object', () => {
    expect(hopLabel(ev(1, 0))).toBe('create deployment/web');
  });

  it("keeps a single step's hops on screen until released, and flies slower at slow speeds", () => {
    const q = new HopQueue();
    q.push(ev(1, 0), 0, 0, 1, true);
    expect(q.active(5000).map((a) => a.progress)).toEqual([5000 / 800]);
    q.release();
    expect(q.active(5000)).toEqual([]);
    const slow = new HopQueue();
    slow.push(ev(1, 0), 0, 0, 0.25);
    slow.push(ev(2, 0, 'kube-apiserver', 'etcd'), 0, 0, 0.25);
    // one message at a time: the second starts when the first lands
    expect(slow.active(1500).map((a) => a.flight.seq)).toEqual([1]);
    expect(slow.active(1700).map((a) => a.flight.seq)).toEqual([2]);
  });

  it('staggers hops of the same instant in log order', () => {
    const q = new HopQueue();
    q.push(ev(1, 1000), 0, 1000, 1);
    q.push(ev(2, 1000, 'kube-apiserver', 'etcd'), 0, 1000, 1);
    const at0 = q.active(0);
    expect(at0.map((a) => a.flight.seq)).toEqual([1]);
    const later = q.active(170);
    expect(later.map((a) => a.flight.seq)).toEqual([1, 2]);
    expect(later[0]!.progress).toBeGreaterThan(later[1]!.progress);
  });

  it('paces by virtual time and speed', () => {
    const slow = new HopQueue();
    slow.push(ev(1, 1400), 0, 1000, 1); // 400 virtual ms ahead at 1× → starts at 400 wall ms
    expect(slow.active(300)).toHaveLength(0);
    expect(slow.active(450)).toHaveLength(1);
    const fast = new HopQueue();
    fast.push(ev(1, 1400), 0, 1000, 16); // 25 wall ms at 16×
    expect(fast.active(30)).toHaveLength(1);
  });

  it('finishes flights and bounds the backlog', () => {
    const q = new HopQueue({ maxActive: 5, maxLagMs: 500 });
    for (let i = 0; i < 100; i++) q.push(ev(i, 0), 0, 0, 1);
    expect(q.dropped).toBeGreaterThan(50);
    expect(q.active(100).length).toBeLessThanOrEqual(5);
    expect(q.active(10_000)).toHaveLength(0);
    expect(q.pending).toBe(0);
  });
});
