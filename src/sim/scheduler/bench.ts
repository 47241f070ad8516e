/**
 * Micro-benchmark of the scheduling framework alone: 10,000 pods of one Deployment onto 1,000 nodes, each pod
 * bound (added to the cache) before the next cycle, as the scheduler module does.
 *
 *   npx tsx src/sim/scheduler/bench.ts [pods] [nodes]
 */
import { SchedulerCache } from './cache';
import { scheduleOne } from './framework';
import { Rng, seedRng } from '../engine/rng';
import { newNode, newPod } from '../testing/builders';

const pods = Number(process.argv[2] ?? 10_000);
const nodes = Number(process.argv[3] ?? 1_000);

function run(): {
  ms: number;
  cpuMs: number;
  scheduleMs: number;
  scheduleCpuMs: number;
  spread: [number, number];
  failed: number;
} {
  const cache = new SchedulerCache();
  for (let i = 0; i < nodes; i++) {
    cache.setNode(
      newNode(`node-${String(i).padStart(4, '0')}`, {
        cpu: '4',
        memory: '16Gi',
        labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
        images: i % 2 ? [{ names: ['docker.io/library/nginx:1.14.2'], sizeBytes: 44_700_000 }] : [],
      }),
    );
  }
  const rng = new Rng(seedRng(1));
  const state = { nextStartNodeIndex: 0 };
  const owner = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-75675f5897', uid: 'rs', controller: true },
  ];
  let failed = 0;
  let inSchedule = 0n;
  // CPU time separates our work from other processes' on a busy machine.
  let cpuInSchedule = 0;
  // Wall-clock timing is the point of this script (it is not part of the simulation).
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < pods; i++) {
    const pod = newPod(`web-75675f5897-${i}`, {
      image: 'nginx:1.14.2',
      labels: { app: 'web', 'pod-template-hash': '75675f5897' },
      requests: { cpu: '100m', memory: '128Mi' },
      ownerReferences: owner,
    });
    const s0 = process.hrtime.bigint();
    const u0 = process.cpuUsage();
    const r = scheduleOne(pod, cache, rng, state);
    const u = process.cpuUsage(u0);
    inSchedule += process.hrtime.bigint() - s0;
    cpuInSchedule += u.user + u.system;
    if (!r.nodeName) {
      failed++;
      continue;
    }
    pod.spec.nodeName = r.nodeName;
    cache.addPod(pod);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  let min = Infinity;
  let max = 0;
  for (const ni of cache.nodeInfos()) {
    min = Math.min(min, ni.pods.size);
    max = Math.max(max, ni.pods.size);
  }
  return {
    ms,
    cpuMs,
    scheduleMs: Number(inSchedule) / 1e6,
    scheduleCpuMs: cpuInSchedule / 1000,
    spread: [min, max],
    failed,
  };
}

for (let round = 1; round <= 3; round++) {
  const r = run();
  console.log(
    `round ${round}: ${pods} pods onto ${nodes} nodes in ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU; ` +
      `scheduleOne ${r.scheduleMs.toFixed(0)} ms wall, ${r.scheduleCpuMs.toFixed(0)} ms CPU ` +
      `(${((r.ms * 1000) / pods).toFixed(1)} µs/pod); pods per node ${r.spread[0]}–${r.spread[1]}; unschedulable ${r.failed}`,
  );
}
