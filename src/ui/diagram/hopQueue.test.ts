import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/engine/eventLog';
import { HopQueue, STORY_DWELL_MS, STORY_TRAVEL_MS, hopLabel, isStoryHop } from './hopQueue';

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
    expect(q.active(5000).map((a) => a.progress)).toEqual([5000 / STORY_TRAVEL_MS]);
    q.release();
    expect(q.active(5000)).toEqual([]);
    const slow = new HopQueue();
    slow.push(ev(1, 0), 0, 0, 0.25);
    slow.push(ev(2, 0, 'kube-apiserver', 'etcd'), 0, 0, 0.25);
    // one message at a time: the second starts when the first has landed and rested (4 × 1 s at 0.25×)
    const one = (STORY_TRAVEL_MS + STORY_DWELL_MS) * 4;
    expect(slow.active(one - 10).map((a) => a.flight.seq)).toEqual([1]);
    expect(slow.active(one + 10).map((a) => a.flight.seq)).toEqual([2]);
  });

  it('staggers hops of the same instant in log order above 1×', () => {
    const q = new HopQueue();
    q.push(ev(1, 1000), 0, 1000, 2);
    q.push(ev(2, 1000, 'kube-apiserver', 'etcd'), 0, 1000, 2);
    const at0 = q.active(0);
    expect(at0.map((a) => a.flight.seq)).toEqual([1]);
    const later = q.active(90);
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
    for (let i = 0; i < 100; i++) q.push(ev(i, 0), 0, 0, 2);
    expect(q.dropped).toBeGreaterThan(50);
    expect(q.active(100).length).toBeLessThanOrEqual(5);
    expect(q.active(10_000)).toHaveLength(0);
    expect(q.pending).toBe(0);
  });

  it('tells one story at 1×: hops one after another, never two in the air, plumbing left out', () => {
    const q = new HopQueue();
    const chain: SimEvent[] = [
      ev(1, 0),
      { ...ev(2, 0, 'kube-apiserver', 'etcd'), kind: 'persist' },
      { ...ev(3, 0, 'kube-controller-manager', 'kube-apiserver'), kind: 'event', verb: 'event' },
      { ...ev(4, 0, 'kube-controller-manager', 'kube-apiserver'), verb: 'update-status' },
      { ...ev(5, 0, 'kube-apiserver', 'etcd'), kind: 'persist', verb: 'update-status' },
      { ...ev(6, 0, 'kube-apiserver', 'kube-scheduler'), kind: 'watch', verb: 'ADDED' },
      { ...ev(7, 0, 'kube-scheduler', 'kube-apiserver'), kind: 'bind', verb: 'bind' },
    ];
    for (const e of chain) q.push(e, 0, 0, 1);
    expect(q.skipped).toBe(3);
    const seen: number[] = [];
    for (let t = 0; t < 6000; t += 50) {
      const a = q.active(t);
      expect(a.length).toBeLessThanOrEqual(1);
      const s = a[0]?.flight.seq;
      if (s !== undefined && seen[seen.length - 1] !== s) seen.push(s);
    }
    expect(seen).toEqual([1, 2, 6, 7]);
  });

  it('lets a waiting story go when the learner sends a new command', () => {
    const q = new HopQueue();
    for (let i = 1; i <= 6; i++) q.push(ev(i, 0, 'kube-apiserver', 'kube-scheduler'), 0, 0, 1);
    q.push(ev(10, 0), 1500, 0, 1); // kubectl again, 1.5 s later
    const at = q.active(2100).map((a) => a.flight.seq);
    expect(at).toEqual([10]);
  });

  it('keeps the persist of a told request and drops the plumbing of leases and status updates', () => {
    const req = ev(1, 0);
    const persist: SimEvent = { ...ev(2, 0, 'kube-apiserver', 'etcd'), kind: 'persist' };
    expect(isStoryHop(persist, 'create Deployment/web')).toBe(true);
    expect(isStoryHop(persist, 'create ReplicaSet/web-1')).toBe(false);
    expect(isStoryHop(req, undefined)).toBe(true);
    const lease: SimEvent = {
      ...ev(3, 0, 'kubelet/worker-1', 'kube-apiserver'),
      verb: 'update',
      object: { kind: 'Lease', namespace: 'kube-node-lease', name: 'worker-1' },
    };
    expect(isStoryHop(lease, undefined)).toBe(false);
    const pause: SimEvent = {
      ...ev(4, 0, 'runtime/worker-1', 'container/abc'),
      kind: 'runtime',
      verb: 'start',
      summary: 'started k8s_POD_web_default_x_0: /pause',
    };
    expect(isStoryHop(pause, undefined)).toBe(false);
    expect(isStoryHop({ ...pause, summary: 'started nginx: nginx' }, undefined)).toBe(true);
  });
});
