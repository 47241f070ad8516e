import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Rng, seedRng } from '../engine/rng';
import { newNode, newPod } from '../testing/builders';
import { SchedulerCache } from './cache';
import { computePodInfo } from './podInfo';

const MI = 1024 * 1024;

describe('SchedulerCache', () => {
  it('accounts pods on their node and forgets them on removal', () => {
    const c = new SchedulerCache();
    c.setNode(newNode('a', { cpu: '2', memory: '4Gi', pods: 110 }));
    c.addPod(newPod('p1', { nodeName: 'a', cpu: '500m', memory: '256Mi', hostPorts: [80] }));
    c.addPod(newPod('p2', { nodeName: 'a' }));
    const a = c.get('a')!;
    expect(a.allocatable).toMatchObject({ milliCPU: 2000, memory: 4096 * MI, pods: 110 });
    expect(a.requested).toMatchObject({ milliCPU: 500, memory: 256 * MI, pods: 2 });
    expect(a.nonZeroRequested).toEqual({ milliCPU: 600, memory: 456 * MI });
    // the block of doubles the resource plugins read says the same
    expect([...a.res]).toEqual([2000, 4096 * MI, 110, 500, 256 * MI, 2, 600, 456 * MI]);
    expect(a.usedPorts.size).toBe(2);
    c.removePod(newPod('p1'));
    expect(a.requested).toMatchObject({ milliCPU: 0, memory: 0, pods: 1 });
    expect([...a.res]).toEqual([2000, 4096 * MI, 110, 0, 0, 1, 100, 200 * MI]);
    expect(a.usedPorts.size).toBe(0);
  });

  it('an update moves a pod; terminal and unbound pods hold nothing', () => {
    const c = new SchedulerCache();
    c.setNode(newNode('a'));
    c.setNode(newNode('b'));
    c.addPod(newPod('p', { nodeName: 'a', cpu: '1' }));
    c.addPod(newPod('p', { nodeName: 'b', cpu: '1' }));
    expect(c.get('a')!.requested.milliCPU).toBe(0);
    expect(c.get('b')!.requested.milliCPU).toBe(1000);
    c.addPod(newPod('p', { nodeName: 'b', cpu: '1', phase: 'Succeeded' }));
    expect(c.get('b')!.requested.milliCPU).toBe(0);
    expect(c.podCount).toBe(0);
    c.addPod(newPod('q', { cpu: '1' }));
    expect(c.podCount).toBe(0);
  });

  it('lists nodes by name and keeps pods of an unknown node aside until it appears', () => {
    const c = new SchedulerCache();
    c.addPod(newPod('early', { nodeName: 'zeta', cpu: '1' }));
    c.setNode(newNode('beta'));
    c.setNode(newNode('alpha'));
    expect(c.nodeInfos().map((n) => n.name)).toEqual(['alpha', 'beta']);
    expect(c.get('zeta')).toBeUndefined();
    c.setNode(newNode('zeta'));
    expect(c.nodeInfos().map((n) => n.name)).toEqual(['alpha', 'beta', 'zeta']);
    expect(c.get('zeta')!.requested.milliCPU).toBe(1000);
    c.removeNode('beta');
    expect(c.nodeInfos().map((n) => n.name)).toEqual(['alpha', 'zeta']);
  });

  it('counts cordoned, NoSchedule/NoExecute- and PreferNoSchedule-tainted nodes through updates and removals', () => {
    const c = new SchedulerCache();
    const tainted = (name: string, effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute') => {
      const n = newNode(name);
      n.spec = { ...n.spec, taints: [{ key: 'k', value: 'v', effect }] };
      return n;
    };
    const cordoned = (name: string) => {
      const n = newNode(name);
      n.spec = { ...n.spec, unschedulable: true };
      return n;
    };
    c.setNode(newNode('a'));
    c.setNode(tainted('b', 'PreferNoSchedule'));
    expect([c.cordonedNodes, c.hardTaintedNodes, c.softTaintedNodes]).toEqual([0, 0, 1]);
    c.setNode(cordoned('a'));
    c.setNode(tainted('b', 'NoExecute'));
    c.setNode(tainted('c', 'NoSchedule'));
    expect([c.cordonedNodes, c.hardTaintedNodes, c.softTaintedNodes]).toEqual([1, 2, 0]);
    c.setNode(cordoned('a'));
    expect(c.cordonedNodes).toBe(1);
    c.setNode(newNode('a'));
    c.removeNode('c');
    expect([c.cordonedNodes, c.hardTaintedNodes]).toEqual([0, 1]);
    c.removeNode('b');
    c.setNode(tainted('d', 'PreferNoSchedule'));
    expect(c.softTaintedNodes).toBe(1);
    c.removeNode('d');
    c.removeNode('b');
    expect([c.cordonedNodes, c.hardTaintedNodes, c.softTaintedNodes]).toEqual([0, 0, 0]);
  });

  it('tracks on how many nodes each image is', () => {
    const c = new SchedulerCache();
    const nginx = { names: ['docker.io/library/nginx:1.25'], sizeBytes: 70e6 };
    c.setNode(newNode('a', { images: [nginx] }));
    c.setNode(newNode('b', { images: [nginx] }));
    expect(c.imageNodeCount('docker.io/library/nginx:1.25')).toBe(2);
    c.setNode(newNode('b'));
    expect(c.imageNodeCount('docker.io/library/nginx:1.25')).toBe(1);
    c.removeNode('a');
    expect(c.imageNodeCount('docker.io/library/nginx:1.25')).toBe(0);
  });

  it('updates taints, cordon and allocatable from node updates', () => {
    const c = new SchedulerCache();
    c.setNode(newNode('a'));
    c.setNode(
      newNode('a', { cpu: '4', unschedulable: true, taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }),
    );
    const a = c.get('a')!;
    expect(a.allocatable.milliCPU).toBe(4000);
    expect(a.unschedulable).toBe(true);
    expect(a.preferNoScheduleTaints).toHaveLength(1);
    expect(a.hardTaints).toHaveLength(0);
  });

  it('fuzz: incremental accounting equals a rebuild from scratch (seeded)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Rng(seedRng(seed));
      const c = new SchedulerCache();
      const nodes = ['n0', 'n1', 'n2', 'n3'];
      for (const n of nodes) c.setNode(newNode(n));
      const live = new Map<string, Pod>();
      const ops: string[] = [];
      for (let i = 0; i < 200; i++) {
        const name = `p${rng.int(30)}`;
        const op = rng.int(4);
        if (op === 0) {
          c.removePod(newPod(name));
          live.delete(name);
          ops.push(`rm ${name}`);
        } else {
          const anti = rng.int(5) === 0;
          const pod = newPod(name, {
            nodeName: nodes[rng.int(nodes.length)],
            cpu: `${rng.int(500)}m`,
            memory: `${rng.int(300)}Mi`,
            labels: { app: 'x' },
            hostPorts: rng.int(4) === 0 ? [8000 + rng.int(3)] : [],
            phase: rng.int(10) === 0 ? 'Failed' : 'Running',
            ...(anti
              ? {
                  affinity: {
                    podAntiAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: [
                        { labelSelector: {}, topologyKey: 'kubernetes.io/hostname' },
                      ],
                    },
                  },
                }
              : {}),
          });
          c.addPod(pod);
          if (pod.status.phase === 'Failed') live.delete(name);
          else live.set(name, pod);
          ops.push(`add ${name}@${pod.spec.nodeName}`);
        }
      }
      const fresh = new SchedulerCache();
      for (const n of nodes) fresh.setNode(newNode(n));
      for (const p of live.values()) fresh.addPod(p);
      const view = (x: SchedulerCache) =>
        x.nodeInfos().map((n) => ({
          name: n.name,
          requested: n.requested,
          nonZero: n.nonZeroRequested,
          ports: [...n.usedPorts].sort(),
          pods: [...n.pods.keys()].sort(),
          anti: n.podsWithRequiredAntiAffinity,
        }));
      expect(view(c), `seed ${seed}: ${ops.join('; ')}`).toEqual(view(fresh));
      expect(c.podsWithRequiredAntiAffinity).toBe(
        [...live.values()].filter((p) => computePodInfo(p).requiredAntiAffinity.length).length,
      );
    }
  });
});
