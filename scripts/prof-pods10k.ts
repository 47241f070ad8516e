/**
 * The pods10k scenario alone, printing the wall time of each virtual second: a target for profilers.
 *
 *   npx esbuild scripts/prof-pods10k.ts --bundle --platform=node --format=esm --outfile=/tmp/p.mjs
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/p.mjs      (or --trace-gc, --heap-prof)
 *
 * Profile a bundle rather than `tsx`: its transform wraps every closure in a naming call that skews the figures.
 */
import { createSim } from '../src/sim/createSim';
import type { Deployment } from '../src/sim/api/types';
import { readFileSync } from 'node:fs';
/**
 * CPU time of the main thread in ms (Linux: /proc; 10 ms ticks), which a busy machine inflates far less than
 * wall time; NaN elsewhere. The process's CPU time (process.cpuUsage) adds the collector's helper threads.
 */
const mainThreadMs = (): number => {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// `-- --pods=N --nodes=M` runs another size (10 pods a node keeps the shape), to see how time grows with scale.
const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d);
const pods = arg('pods', 10_000);
const nodes = arg('nodes', pods / 10);
const c = createSim({ workers: nodes, minimal: true, controlPlane: false, cpu: '16', memory: '64Gi' });
c.advance(1000);
const t0 = performance.now();
const main0 = mainThreadMs();
const cpu0 = cpuMs();
c.api.create({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'big', namespace: 'default' },
  spec: {
    replicas: pods,
    selector: { matchLabels: { app: 'big' } },
    template: {
      metadata: { labels: { app: 'big' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } },
        ],
      },
    },
  },
});
c.settle();
console.log('settle', (performance.now() - t0).toFixed(0));
let ready = 0;
for (let i = 0; i < 600 && ready < pods; i++) {
  const t1 = performance.now();
  c.advance(1000);
  ready = c.api.get<Deployment>('Deployment', 'default', 'big')?.status.readyReplicas ?? 0;
  console.log('t', i, ready, (performance.now() - t1).toFixed(0));
}
// (ab-pods10k.sh reads the figure after `total`, or with METRIC=cpu / METRIC=main the one after that word)
console.log(
  'total',
  (performance.now() - t0).toFixed(0),
  'hops',
  c.log.state.nextSeq,
  'req',
  c.api.requests,
  'cpu',
  (cpuMs() - cpu0).toFixed(0),
  'main',
  mainThreadMs() - main0,
);
