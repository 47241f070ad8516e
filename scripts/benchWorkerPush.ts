/**
 * `npx tsx scripts/benchWorkerPush.ts [--json] [--seconds S]`: what the simulation worker posts to the page while
 * 10,000 pods on 1,000 nodes settle at 16× — the SimCore of src/state/worker run in Node on real timers, every
 * push serialised (JSON, close to what structured clone copies) and measured.
 *   pushes, push_kb_p95 / push_kb_max / push_mb_total, push_objects_p95 / _max, pods_running, virtual_s
 */
import { performance } from 'node:perf_hooks';
import * as sessionModule from '../src/shell/session';
import type { SessionModule } from '../src/state/session';
import { SimCore } from '../src/state/worker/simCore';
import type { FromWorker } from '../src/state/worker/protocol';

const args = process.argv.slice(2);
const json = args.includes('--json');
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 20) || 20;

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
}

async function main(): Promise<void> {
  const sizes: number[] = [];
  const objects: number[] = [];
  let replies = 0;
  const core = new SimCore(sessionModule as unknown as SessionModule, {
    post: (m: FromWorker) => {
      if (m.type === 'push') {
        sizes.push(Buffer.byteLength(JSON.stringify(m)));
        objects.push((m.push.upserts?.length ?? 0) + (m.push.removes?.length ?? 0));
      } else if (m.type === 'reply') replies++;
    },
    schedule: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
  });
  let id = 0;
  const send = (req: Parameters<SimCore['handle']>[0]['req']) => core.handle({ id: ++id, req });
  send({ op: 'init', seed: 1, playing: false, speed: 16, lang: 'en', files: [] });
  send({ op: 'exec', text: 'sim reset --workers 1000 --cpu 16 --memory 64Gi' });
  sizes.length = 0;
  objects.length = 0;
  send({ op: 'setPlaying', playing: true });
  send({ op: 'exec', text: 'kubectl create deployment big --image=nginx --replicas=10000' });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  send({ op: 'setPlaying', playing: false });
  const c = core.host!.cluster;
  const running = c.api.list<{ status?: { phase?: string } } & Parameters<typeof c.api.get>[0] & object>('Pod');
  const out = {
    seconds,
    pushes: sizes.length,
    push_kb_p95: Math.round(p95(sizes) / 102.4) / 10,
    push_kb_max: Math.round(Math.max(0, ...sizes) / 102.4) / 10,
    push_mb_total: Math.round(sizes.reduce((a, b) => a + b, 0) / 104857.6) / 10,
    push_objects_p95: p95(objects),
    push_objects_max: Math.max(0, ...objects),
    pods_running: (running as { status?: { phase?: string } }[]).filter((p) => p.status?.phase === 'Running').length,
    virtual_s: Math.round(c.now / 100) / 10,
    replies,
  };
  if (json) console.log(JSON.stringify(out));
  else console.log(out);
  process.exit(0);
}

void main();
