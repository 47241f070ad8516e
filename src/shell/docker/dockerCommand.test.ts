import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { dockerModule } from '../../sim/docker/daemon';
import { runtimeModule } from '../../sim/runtime/runtime';
import { memoryFs } from '../memoryFs';
import type { CommandContext } from '../types';
import { docker } from './dockerCommand';

function harness(mode: 'script' | 'interactive' = 'script') {
  const runtime = runtimeModule();
  const host = dockerModule(runtime);
  const cluster = new Cluster({ seed: 2 }, [runtime, host]);
  let out = '';
  let err = '';
  const stops: (() => void)[] = [];
  const run = (line: string, stdin?: string) => {
    out = '';
    err = '';
    const ctx: CommandContext = {
      cluster,
      argv: line.split(' ').filter(Boolean),
      fs: memoryFs({}),
      mode,
      stdin,
      out: (t) => (out += t),
      err: (t) => (err += t),
      keepAlive: (stop) => stops.push(stop),
    };
    const code = docker.run(ctx);
    return { code, out, err };
  };
  return { cluster, daemon: host.daemon, run, stops, output: () => out };
}

describe('docker command', () => {
  it('lists its verbs and rejects unknown ones like the CLI', () => {
    const h = harness();
    expect(h.run('--help').out).toMatch(/\n {2}run {9}Create and run a new container from an image\n/);
    const r = h.run('frobnicate');
    expect(r.code).toBe(1);
    expect(r.err).toBe("docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n");
    expect(docker.summary.zh).toContain('容器');
  });

  it('maps management commands (docker container ls, docker image ls)', () => {
    const h = harness();
    h.run('run -d --name w1 busybox sleep 100');
    expect(h.run('container ls').out).toContain('w1');
    expect(h.run('image ls').out).toContain('busybox');
  });

  it('follows logs in the studio until stopped', () => {
    const h = harness('interactive');
    // (the harness splits argv on spaces, so the shell loop is started through the daemon)
    const cluster = h.cluster;
    const d = h.daemon;
    d.run({
      image: 'busybox',
      name: 'ticker',
      detach: true,
      cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'],
    });
    cluster.advance(1500);
    const r = h.run('logs -f ticker');
    expect(r.out.split('\n').filter(Boolean).length).toBe(2);
    cluster.advance(3000);
    expect(
      h
        .output()
        .split('\n')
        .filter((l) => l === 'tick').length,
    ).toBe(5);
    expect(h.stops.length).toBe(1);
    h.stops[0]!();
    cluster.advance(3000);
    expect(
      h
        .output()
        .split('\n')
        .filter((l) => l === 'tick').length,
    ).toBe(5);
  });

  it('docker run of a short-lived command returns its exit code and output', () => {
    const h = harness();
    const r = h.run('run --rm busybox sh -c exit');
    expect(r.code).toBe(0);
    const e = h.run('run --rm busybox false');
    expect(e.code).toBe(1);
    expect(h.run('ps -a').out.split('\n').filter(Boolean).length).toBe(1);
  });
});
