import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as sessionModule from '../../shell/session';
import type { KObject } from '../../sim/api/types';
import type { SessionModule } from '../session';
import { PUSH_EVERY_MS, SimCore, TICK_MS } from './simCore';
import { RemoteHost } from './remoteHost';
import { studioTranscript } from './transcript';
import { OBJECTS_PER_REPLY, UNMIRRORED_KINDS, type FromWorker, type Push, type ToWorker } from './protocol';

const mod = sessionModule as unknown as SessionModule;
const root = join(__dirname, '../../..');
/** What every corpus script ends with (src/cli/corpus.ts; the golden below fails loudly if they drift). */
const LOOK = [
  'kubectl get all -A -o wide',
  'kubectl get events -A',
  'kubectl get nodes -o wide',
  'docker ps -a',
  'docker images',
  'sim time',
].join('\n');

/**
 * A RemoteHost wired to a SimCore the way a Worker wires them: every message structured-cloned (what
 * postMessage does), delivered asynchronously and in order; the core's timers run only when the test says.
 */
function wire() {
  const timers: { at: number; fn: () => void }[] = [];
  let wall = 0;
  const log: FromWorker[] = [];
  let toMain: ((m: FromWorker) => void) | undefined;
  const core = new SimCore(mod, {
    post: (m) => {
      const copy = structuredClone(m);
      log.push(copy);
      queueMicrotask(() => toMain?.(copy));
    },
    schedule: (fn, ms) => void timers.push({ at: wall + ms, fn }),
    now: () => wall,
  });
  const host = new RemoteHost({
    post: (m: ToWorker) => {
      const copy = structuredClone(m);
      setTimeout(() => core.handle(copy), 0);
    },
    listen: (fn) => {
      toMain = fn;
    },
  });
  /** Lets `ms` of wall time pass for the core's clock loop. */
  const runFor = async (ms: number) => {
    const end = wall + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      wall = Math.max(wall, t.at);
      t.fn();
    }
    wall = end;
    await new Promise((r) => setTimeout(r, 0));
  };
  return { core, host, log, runFor };
}

function mirrored(objs: KObject[]): string[] {
  return objs
    .filter((o) => !UNMIRRORED_KINDS.has(o.kind))
    .map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}@${o.metadata.resourceVersion}`)
    .sort();
}

function mirrorKeys(host: RemoteHost, kinds: string[]): string[] {
  return mirrored(kinds.flatMap((k) => host.cluster.api.list(k)));
}

const KINDS = [
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'Service',
  'EndpointSlice',
  'Namespace',
  'ConfigMap',
];

describe('the simulation worker protocol', () => {
  it('gives the headless runner’s transcript byte for byte (corpus mixed.sh)', async () => {
    const { host } = wire();
    // the runner's session mode: in the terminal's (interactive) mode `rollout status` and watches stream
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [], mode: 'script' });
    const script = readFileSync(join(root, 'src/cli/corpus/scripts/mixed.sh'), 'utf8');
    const got = await studioTranscript(`${script}\n${LOOK}`, (t) => host.exec(t));
    expect(got).toBe(readFileSync(join(root, 'src/cli/corpus/golden/corpus-scripts-mixed.txt'), 'utf8'));
  });

  it('keeps the mirror equal to the worker’s cluster through commands, a scrub back and a reset', async () => {
    const { core, host } = wire();
    await host.init({ seed: 3, playing: false, speed: 1, lang: 'en', files: [] });
    const real = () => mirrored(KINDS.flatMap((k) => core.host!.cluster.api.list(k)));
    expect(mirrorKeys(host, KINDS)).toEqual(real());
    await host.exec('kubectl create deployment web --image=nginx --replicas=3');
    await host.exec('sim advance 30s');
    expect(host.cluster.api.list('Pod').filter((p) => p.metadata.name.startsWith('web-'))).toHaveLength(3);
    expect(mirrorKeys(host, KINDS)).toEqual(real());
    expect(host.cluster.now).toBe(30_000);
    const early = host.commands[0]!.t;
    await host.scrubTo(early);
    expect(host.cluster.now).toBe(early);
    const phases = host.cluster.api
      .list<KObject & { status?: { phase?: string } }>('Pod')
      .filter((p) => p.metadata.name.startsWith('web-'))
      .map((p) => p.status?.phase);
    expect(phases).not.toContain('Running');
    expect(mirrorKeys(host, KINDS)).toEqual(real());
    await host.toEnd();
    expect(mirrorKeys(host, KINDS)).toEqual(real());
    await host.exec('sim reset --workers 1');
    expect(host.cluster.api.list('Node').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1']);
    expect(host.cluster.options.workers).toBe(1);
    expect(mirrorKeys(host, KINDS)).toEqual(real());
    // the history and the recorded commands come along
    expect(host.session.history.at(-1)).toBe('sim reset --workers 1');
    expect(host.toSandbox([]).commands.map((c) => c.text)).toEqual([
      'kubectl create deployment web --image=nginx --replicas=3',
      'sim advance 30s',
      'sim reset --workers 1',
    ]);
  });

  it('sends only what changed: one scale step is a handful of objects, not the whole cluster', async () => {
    const { host, log } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    await host.exec('kubectl create deployment big --image=nginx --replicas=60');
    await host.exec('sim advance 60s');
    expect(host.cluster.api.list('Pod').length).toBeGreaterThanOrEqual(60);
    log.length = 0;
    await host.exec('kubectl scale deployment big --replicas=61');
    const pushes = log.filter((m): m is { type: 'push'; push: Push } => m.type === 'push');
    expect(pushes).toHaveLength(1);
    const ups = pushes[0]!.push.upserts ?? [];
    expect(ups.length).toBeGreaterThan(0);
    expect(ups.length).toBeLessThan(10);
    expect(ups.map((o) => o.kind)).toContain('Pod');
    // and a read changes no object (its push carries the shell history and the API server's hops only)
    log.length = 0;
    await host.query('kubectl get pods');
    const after = log.filter((m): m is { type: 'push'; push: Push } => m.type === 'push');
    expect(after.flatMap((m) => [...(m.push.upserts ?? []), ...(m.push.removes ?? [])])).toEqual([]);
    expect(after.map((m) => m.push.history?.lines)).toEqual([['kubectl get pods']]);
  });

  it('a new big cluster reaches the mirror in capped pushes, the first one clearing it', async () => {
    const { core, host, log, runFor } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    log.length = 0;
    await host.exec('sim reset --workers 600');
    await runFor(5000);
    const pushes = log.flatMap((m) => (m.type === 'push' ? [m.push] : []));
    const sizes = pushes.map((p) => (p.upserts?.length ?? 0) + (p.removes?.length ?? 0));
    expect(pushes.filter((p) => p.clear)).toHaveLength(1);
    expect(pushes[0]!.clear).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(OBJECTS_PER_REPLY);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(1);
    const real = () => mirrored(KINDS.flatMap((k) => core.host!.cluster.api.list(k)));
    expect(host.cluster.api.list('Node')).toHaveLength(601);
    expect(mirrorKeys(host, KINDS)).toEqual(real());
  });

  it('a reply comes after the push that shows its effect, with the command’s output', async () => {
    const { host, log } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    log.length = 0;
    const r = await host.exec('kubectl create namespace team-a');
    expect(r).toEqual({ output: 'namespace/team-a created\n', exitCode: 0 });
    expect(log.map((m) => m.type)).toEqual(['push', 'reply']);
    expect(host.cluster.api.get('Namespace', undefined, 'team-a')?.metadata.name).toBe('team-a');
    await expect(host.query('kubectl get ns team-a -o name')).resolves.toBe('namespace/team-a\n');
  });

  it('runs the clock in the worker from a timer loop and streams new log entries to animate', async () => {
    const { host, runFor } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    const seen: number[] = [];
    host.onEvent((e) => seen.push(e.seq));
    await host.setSpeed(4);
    await host.setPlaying(true);
    await host.exec('kubectl create deployment web --image=nginx --replicas=2');
    const before = host.cluster.now;
    await runFor(1000);
    expect(host.status().playing).toBe(true);
    // 1 s of wall time at 4× in ticks of TICK_MS; the mirror hears at most every PUSH_EVERY_MS
    expect(host.cluster.now - before).toBeGreaterThanOrEqual(4000 - 4 * (TICK_MS + PUSH_EVERY_MS));
    expect(host.cluster.now - before).toBeLessThanOrEqual(4000);
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    await host.setPlaying(false);
    const paused = host.cluster.now;
    await runFor(500);
    expect(host.cluster.now).toBe(paused);
  });

  it('answers the full-simulation questions on request: events, runtime parts, completion', async () => {
    const { host } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    await host.exec('kubectl run one --image=nginx');
    await host.exec('sim advance 20s');
    const pod = host.cluster.api.get('Pod', 'default', 'one')!;
    const evs = await host.eventsFor(pod);
    expect(evs.map((e) => e.reason)).toContain('Scheduled');
    const parts = await host.runtimeFor('default', 'one');
    expect(Object.values(parts.containers).some((c) => c.labels?.['io.kubernetes.pod.name'] === 'one')).toBe(
      true,
    );
    expect(Object.keys(parts.images).length).toBeGreaterThan(0);
    const c = await host.session.complete('kubectl get po');
    expect(c.candidates).toContain('pods');
    const api = await host.api({ method: 'GET', path: '/api/v1/pods', headers: {} });
    expect(api.status).toBe(501);
  });

  it('the editor’s files are the commands’ folder, and a write comes back to the editor', async () => {
    const { host } = wire();
    const written: [string, string][] = [];
    host.onWriteFile = (p, c) => written.push([p, c]);
    await host.init({
      seed: 1,
      playing: false,
      speed: 1,
      lang: 'en',
      files: [
        { name: 'ns.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n' },
      ],
    });
    expect((await host.exec('kubectl apply -f ns.yaml')).output).toBe('namespace/from-file created\n');
    await host.exec('kubectl get ns from-file -o name > out.txt');
    expect(written).toEqual([['out.txt', 'namespace/from-file\n']]);
  });
});

describe('scrubbing through the worker', () => {
  it('a drag of many targets runs the first and the last, and ends at the last', async () => {
    const { host, log } = wire();
    await host.init({ seed: 1, playing: false, speed: 1, lang: 'en', files: [] });
    await host.exec('kubectl create deployment web --image=nginx --replicas=2');
    await host.exec('sim advance 60s');
    log.length = 0;
    const sent: number[] = [];
    const all = [50_000, 40_000, 30_000, 20_000, 10_000].map((t) => host.scrubTo(t));
    await Promise.all(all);
    for (const m of log) if (m.type === 'push') sent.push(m.push.status.now);
    expect(host.cluster.now).toBe(10_000);
    // one jump for the first target, one for the latest; the ones between were never replayed
    expect(sent).toEqual([50_000, 10_000]);
  });
});
