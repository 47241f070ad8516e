/**
 * Seeded fuzz: random clusters and pods, scheduled and bound one after another. Whatever the scheduler decides,
 * no node is ever over-committed or holds a pod its taints, selector or ports forbid, and every decision is
 * internally consistent. A failure prints the seed and the operation log; pin failing seeds in SEEDS.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../api/types';
import { parseBytes, parseCpuMillis } from '../api/quantity';
import { Rng, seedRng } from '../engine/rng';
import { newNode, newPod } from '../testing/builders';
import { SchedulerCache } from './cache';
import { scheduleOne } from './framework';
import { computePodInfo } from './podInfo';
import { findUntoleratedTaint } from '../api/taints';

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

function randomCluster(rng: Rng): Node[] {
  const nodes: Node[] = [];
  const count = 1 + rng.int(8);
  for (let i = 0; i < count; i++) {
    const taints: Taint[] = [];
    if (rng.int(4) === 0)
      taints.push({ key: 'dedicated', value: rng.pick(['gpu', 'db'])!, effect: 'NoSchedule' });
    if (rng.int(4) === 0) taints.push({ key: 'soft', effect: 'PreferNoSchedule' });
    nodes.push(
      newNode(`node-${i}`, {
        cpu: `${500 + rng.int(4) * 500}m`,
        memory: `${512 + rng.int(4) * 512}Mi`,
        pods: 2 + rng.int(6),
        labels: { zone: `z${rng.int(3)}`, disk: rng.pick(['ssd', 'hdd'])! },
        taints,
        unschedulable: rng.int(8) === 0,
      }),
    );
  }
  return nodes;
}

function randomPod(rng: Rng, i: number): Pod {
  return newPod(`p${i}`, {
    labels: { app: rng.pick(['web', 'db', 'cache'])! },
    cpu: `${rng.int(6) * 100}m`,
    memory: `${rng.int(5) * 128}Mi`,
    ...(rng.int(4) === 0 ? { nodeSelector: { disk: 'ssd' } } : {}),
    ...(rng.int(4) === 0 ? { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } : {}),
    ...(rng.int(5) === 0 ? { hostPorts: [8080] } : {}),
    ...(rng.int(6) === 0
      ? {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
        }
      : {}),
  });
}

describe('scheduler fuzz', () => {
  it.each(SEEDS)('seed %i keeps every invariant', (seed) => {
    const rng = new Rng(seedRng(seed));
    const nodes = randomCluster(rng);
    const cache = new SchedulerCache();
    for (const n of nodes) cache.setNode(n);
    const bound: Pod[] = [];
    const log: string[] = [];
    const state = { nextStartNodeIndex: 0 };
    for (let i = 0; i < 40; i++) {
      const pod = randomPod(rng, i);
      const r = scheduleOne(pod, cache, rng, state);
      log.push(
        `${pod.metadata.name} ${JSON.stringify(pod.spec.containers[0]!.resources)} -> ${r.nodeName ?? r.message}`,
      );
      const where = `seed ${seed}\n${log.join('\n')}`;
      expect(r.feasibleNodes + Object.keys(r.filtered).length, where).toBe(r.evaluatedNodes);
      if (!r.nodeName) {
        expect(r.message, where).toMatch(
          new RegExp(
            `^0/${nodes.length} nodes are available: .*\\. preemption: 0/${nodes.length} nodes are available: .*\\.$`,
          ),
        );
        expect(Object.keys(r.filtered).length, where).toBe(nodes.length);
        continue;
      }
      const totals = Object.values(r.scores).map((s) => s.total);
      expect(r.scores[r.nodeName]!.total, where).toBe(Math.max(...totals));
      pod.spec.nodeName = r.nodeName;
      cache.addPod(pod);
      bound.push(pod);
      // Invariants over everything bound so far, checked from the objects, not the cache.
      for (const node of nodes) {
        const here = bound.filter((p) => p.spec.nodeName === node.metadata.name);
        const cpu = here.reduce(
          (a, p) => a + parseCpuMillis(p.spec.containers[0]!.resources?.requests?.cpu ?? '0'),
          0,
        );
        const mem = here.reduce(
          (a, p) => a + parseBytes(p.spec.containers[0]!.resources?.requests?.memory ?? '0'),
          0,
        );
        expect(cpu, where).toBeLessThanOrEqual(parseCpuMillis(node.status.allocatable!.cpu));
        expect(mem, where).toBeLessThanOrEqual(parseBytes(node.status.allocatable!.memory));
        expect(here.length, where).toBeLessThanOrEqual(Number(node.status.allocatable!.pods));
        const ports = here.flatMap((p) => computePodInfo(p).hostPorts.map((h) => h.port));
        expect(new Set(ports).size, where).toBe(ports.length);
        // A pod with anti-affinity to app=db per hostname never shares its node with another db pod.
        for (const x of here.filter((p) => computePodInfo(p).requiredAntiAffinity.length)) {
          const others = here.filter((y) => y !== x && y.metadata.labels!.app === 'db');
          expect(
            others.map((y) => y.metadata.name),
            where,
          ).toEqual([]);
        }
      }
      const node = nodes.find((n) => n.metadata.name === r.nodeName)!;
      const hard = (node.spec.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
      expect(findUntoleratedTaint(hard, pod.spec.tolerations ?? []), where).toBeUndefined();
      if (pod.spec.nodeSelector) expect(node.metadata.labels!.disk, where).toBe('ssd');
      expect(node.spec.unschedulable ?? false, where).toBe(false);
    }
  });

  it('replays exactly: same seed, same decisions', () => {
    const run = () => {
      const rng = new Rng(seedRng(42));
      const cache = new SchedulerCache();
      for (const n of randomCluster(rng)) cache.setNode(n);
      const state = { nextStartNodeIndex: 0 };
      return Array.from({ length: 30 }, (_, i) => {
        const pod = randomPod(rng, i);
        const r = scheduleOne(pod, cache, rng, state);
        if (r.nodeName) {
          pod.spec.nodeName = r.nodeName;
          cache.addPod(pod);
        }
        return JSON.stringify(r);
      });
    };
    expect(run()).toEqual(run());
  });
});
