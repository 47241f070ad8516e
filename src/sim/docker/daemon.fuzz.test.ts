/**
 * Seeded fuzzing of the Docker host: random sequences of docker operations keep its invariants — every container
 * the daemon lists exists in the runtime, running containers have distinct IPs and host ports, the host stores
 * exactly the layers its images use (shared layers once), and a snapshot replays to the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { runtimeModule } from '../runtime/runtime';
import { dockerModule, type DockerDaemon } from './daemon';
import { DOCKER_HOST } from './dockerTypes';

type Op =
  | { k: 'run'; image: string; port?: number; restart?: string; cmd?: readonly string[] }
  | { k: 'stop' | 'kill' | 'rm' | 'start' | 'restart'; i: number }
  | { k: 'rmi'; image: string }
  | { k: 'advance'; ms: number };

const IMAGES = ['nginx:1.27', 'httpd:2.4', 'busybox', 'alpine:3.20', 'redis:7.4'];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    k: fc.constant('run' as const),
    image: fc.constantFrom(...IMAGES),
    port: fc.option(fc.constantFrom(8080, 8081), { nil: undefined }),
    restart: fc.option(fc.constantFrom('always', 'on-failure'), { nil: undefined }),
    cmd: fc.option(fc.constantFrom(['sh', '-c', 'sleep 3; exit 1'], ['sleep', '100']), { nil: undefined }),
  }),
  fc.record({
    k: fc.constantFrom('stop' as const, 'kill' as const, 'rm' as const, 'start' as const, 'restart' as const),
    i: fc.nat(5),
  }),
  fc.record({ k: fc.constant('rmi' as const), image: fc.constantFrom(...IMAGES) }),
  fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 20_000 }) }),
);

/** The cluster's Docker host (the fuzz cluster always has one). */
function hostOf(c: Cluster): DockerDaemon {
  const d = c.docker;
  if (!d) throw new Error('no Docker host');
  return d;
}

function apply(c: Cluster, o: Op): void {
  const d = hostOf(c);
  const names = Object.values(d.st.containers).map((m) => m.name);
  const pick = (i: number) => names[i % Math.max(1, names.length)];
  switch (o.k) {
    case 'run': {
      const cmd =
        o.image === 'busybox' || o.image.startsWith('alpine') ? [...(o.cmd ?? ['sleep', '100'])] : undefined;
      d.run({
        image: o.image,
        detach: true,
        publish: o.port ? [`${o.port}:80`] : [],
        restart: o.restart,
        cmd,
      });
      break;
    }
    case 'advance':
      c.advance(o.ms);
      break;
    case 'rmi':
      d.rmi(o.image);
      break;
    default: {
      const n = pick(o.i);
      if (!n) return;
      if (o.k === 'stop') d.stop(n, 2);
      else if (o.k === 'kill') d.kill(n);
      else if (o.k === 'rm') d.rm(n, { force: true });
      else if (o.k === 'start') d.start(n);
      else d.restart(n, 2);
    }
  }
}

/** JSON with sorted keys: a restored object may list its keys in another order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

function checkInvariants(c: Cluster): void {
  const d = hostOf(c);
  const rt = d.rt;
  const running = d.list(false);
  for (const m of Object.values(d.st.containers)) expect(rt.record(m.id), m.name).toBeDefined();
  const ips = running.flatMap((r) => Object.values(r.meta.networks)).filter(Boolean);
  expect(new Set(ips).size).toBe(ips.length);
  const ports = running.flatMap((r) => r.meta.ports.map((p) => p.hostPort));
  expect(new Set(ports).size).toBe(ports.length);
  const host = rt.st.hosts[DOCKER_HOST]!;
  const used = new Set<string>();
  for (const id of Object.keys(host.images)) for (const l of rt.image(id)!.layers) used.add(l);
  expect([...host.layers].sort()).toEqual([...used].sort());
  expect(new Set(host.layers).size).toBe(host.layers.length);
}

describe('Docker host (fuzz)', () => {
  it('keeps its invariants and replays from a snapshot', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 14 }),
        fc.array(op, { maxLength: 6 }),
        (ops, tail) => {
          const runtime = runtimeModule();
          const c = new Cluster({ seed: 11 }, [runtime, dockerModule(runtime)]);
          for (const o of ops) {
            apply(c, o);
            checkInvariants(c);
          }
          const snap = c.snapshot();
          for (const o of tail) apply(c, o);
          c.advance(5000);
          const first = canonical(c.state.ext);
          c.restore(snap);
          for (const o of tail) apply(c, o);
          c.advance(5000);
          expect(canonical(c.state.ext)).toBe(first);
        },
      ),
      { seed: 4242, numRuns: 100 },
    );
  });
});
