import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { runtimeModule } from '../runtime/runtime';
import { build } from './build';
import type { BuildRequest } from './buildTypes';
import { dockerModule } from './daemon';
import { DOCKER_HOST } from './dockerTypes';
import { dockerHostView } from './view';
import { compareVmAndContainer } from './vmCompare';

function setup() {
  const runtime = runtimeModule();
  const docker = dockerModule(runtime);
  const c = new Cluster({ seed: 3 }, [runtime, docker]);
  return { c, d: docker.daemon };
}

const APP: Record<string, string> = {
  Dockerfile:
    'FROM alpine:3.20\nWORKDIR /app\nCOPY package.json .\nRUN echo installed > deps.txt\nCOPY . .\nCMD ["cat", "/app/index.txt"]\n',
  'package.json': '{"name":"app"}',
  'index.txt': 'v1',
  '.dockerignore': 'secret.txt\n',
  'secret.txt': 'do not ship',
};

function req(files: Record<string, string>, extra: Partial<BuildRequest> = {}): BuildRequest {
  return {
    dockerfile: files.Dockerfile!,
    dockerfileName: 'Dockerfile',
    context: files,
    tags: ['app:1'],
    buildArgs: {},
    ...extra,
  };
}

describe('docker run', () => {
  it('does the five steps as hops, with virtual time passing for the pull', () => {
    const { c, d } = setup();
    const t0 = c.now;
    const seq0 = c.log.state.nextSeq;
    const r = d.run({ image: 'nginx:1.27', name: 'web', detach: true, publish: ['8080:80'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(c.now - t0).toBeGreaterThan(2000);
    const hops = c.log.since(seq0 - 1).map((e) => `${e.source}>${e.target}:${e.verb}`);
    const idx = (pred: (h: string) => boolean) => hops.findIndex(pred);
    const create = idx((h) => h.startsWith('docker-cli>dockerd:POST'));
    const pull = idx((h) => h.startsWith('registry>dockerd:blob'));
    const rw = idx((h) => h === `dockerd>runtime/${DOCKER_HOST}:create`);
    const net = idx((h) => h.includes(':connect'));
    const start = idx((h) => h.startsWith('runtime/') && h.endsWith(':start'));
    expect([create, pull, rw, net, start].every((i) => i >= 0)).toBe(true);
    expect(create < pull && pull < rw && rw < net && net < start).toBe(true);
    expect(r.lines[0]).toBe("Unable to find image 'nginx:1.27' locally");
    expect(r.meta.networks.bridge).toBe('172.17.0.2');
  });

  it('refuses a second container on the same host port (no load balancing across containers)', () => {
    const { d } = setup();
    expect(d.run({ image: 'nginx:1.27', name: 'web1', detach: true, publish: ['8080:80'] }).ok).toBe(true);
    const r = d.run({ image: 'nginx:1.27', name: 'web2', detach: true, publish: ['8080:80'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('Bind for 0.0.0.0:8080 failed: port is already allocated');
  });

  it('restart policies: none stays dead, always and on-failure come back', () => {
    const { c, d } = setup();
    const mk = (name: string, restart?: string) =>
      d.run({ image: 'busybox', name, detach: true, restart, cmd: ['sh', '-c', 'sleep 2; exit 3'] });
    mk('none');
    mk('always', 'always');
    mk('onfail', 'on-failure:2');
    c.advance(30_000);
    const meta = (n: string) => d.find(n)!;
    expect(d.rt.record(meta('none').id)!.state).toBe('exited');
    expect(meta('none').restartCount).toBe(0);
    expect(meta('always').restartCount).toBeGreaterThan(3);
    expect(meta('onfail').restartCount).toBe(2);
  });

  it('a killed container without a restart policy stays dead (no self-healing)', () => {
    const { c, d } = setup();
    d.run({ image: 'nginx:1.27', name: 'web', detach: true });
    c.advance(1000);
    d.kill('web');
    c.advance(60_000);
    expect(d.rt.record(d.find('web')!.id)).toMatchObject({ state: 'exited', exitCode: 137 });
  });

  it('one container eating memory starves the others on a single host', () => {
    const { c, d } = setup();
    d.run({ image: 'nginx:1.27', name: 'web', detach: true });
    d.run({
      image: 'polinux/stress',
      name: 'hog',
      detach: true,
      cmd: ['stress', '--vm', '1', '--vm-bytes', '2040M', '--vm-hang', '1'],
    });
    c.advance(10_000);
    const hog = d.rt.record(d.find('hog')!.id)!;
    expect(hog.state).toBe('exited');
    expect(hog.oomKilled).toBe(true);
    // while a hog holds the memory, a new container cannot start
    d.run({
      image: 'polinux/stress',
      name: 'hog2',
      detach: true,
      cmd: ['stress', '--vm', '1', '--vm-bytes', '2000M', '--vm-hang', '1'],
    });
    c.advance(10_000);
    const late = d.run({ image: 'nginx:1.27', name: 'late', detach: true });
    expect(late.ok).toBe(false);
    expect(!late.ok && late.error).toContain('cannot allocate memory');
  });

  it('--rm removes the container and its anonymous volumes; named volumes survive', () => {
    const { c, d } = setup();
    d.run({
      image: 'busybox',
      name: 'w1',
      rm: true,
      volumes: ['data:/data'],
      cmd: ['sh', '-c', 'echo kept > /data/x'],
    });
    c.advance(1000);
    expect(d.find('w1')).toBeUndefined();
    d.run({ image: 'busybox', name: 'r1', detach: true, volumes: ['data:/data'], cmd: ['sleep', '100'] });
    c.advance(100);
    expect(d.exec('r1', ['cat', '/data/x'])).toMatchObject({ ok: true, stdout: 'kept\n' });
  });

  it('resolves container names on user-defined networks only', () => {
    const { c, d } = setup();
    d.networkCreate('app');
    d.run({ image: 'nginx:1.27', name: 'api', detach: true, network: 'app' });
    d.run({ image: 'busybox', name: 'client', detach: true, network: 'app', cmd: ['sleep', '1000'] });
    d.run({ image: 'busybox', name: 'outsider', detach: true, cmd: ['sleep', '1000'] });
    c.advance(2000);
    const ok = d.exec('client', ['wget', '-q', '-O-', 'http://api']);
    expect(ok.ok && ok.stdout).toContain('Welcome to nginx!');
    const bad = d.exec('outsider', ['wget', '-q', '-O-', 'http://api']);
    expect(bad.ok && bad.exitCode).not.toBe(0);
  });

  it('rmi is refused while a container uses the image', () => {
    const { d } = setup();
    d.run({ image: 'busybox', name: 'b1', detach: true, cmd: ['sleep', '100'] });
    const r = d.rmi('busybox');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(
      /conflict: unable to remove repository reference "busybox:latest" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/,
    );
  });

  it('push then pull on a node of the cluster: one registry for both worlds', () => {
    const { c, d } = setup();
    build(d, req(APP, { tags: ['learner/app:1.0'] }));
    const pushed = d.push('learner/app:1.0');
    expect(pushed.ok).toBe(true);
    const rt = d.rt;
    rt.ensureHost('worker-1', { arch: 'amd64', kind: 'node' });
    const plan = rt.planPull('worker-1', 'learner/app:1.0');
    expect(plan.ok).toBe(true);
    void c;
  });
});

describe('docker build', () => {
  it('caches steps by parent + instruction; a changed file invalidates the COPY and every later step', () => {
    const { d } = setup();
    const first = build(d, req(APP));
    expect(first.ok).toBe(true);
    expect(first.report.steps.filter((s) => s.cached)).toEqual([]);
    const second = build(d, req(APP));
    expect(second.report.steps.slice(1).every((s) => s.cached)).toBe(true);
    expect(second.imageId).toBe(first.imageId);
    const changed = build(d, req({ ...APP, 'index.txt': 'v2' }));
    const flags = changed.report.steps.slice(1).map((s) => `${s.instruction.split(' ')[0]}:${s.cached}`);
    expect(flags).toEqual(['WORKDIR:true', 'COPY:true', 'RUN:true', 'COPY:false']);
    const pkg = build(d, req({ ...APP, 'package.json': '{"name":"app2"}' }));
    expect(pkg.report.steps.slice(1).map((s) => s.cached)).toEqual([true, false, false, false]);
    expect(changed.lines.join('\n')).toMatch(/#\d+ \[2\/5\] WORKDIR \/app\n#\d+ CACHED/);
  });

  it('ignores .dockerignore files and makes one layer per filesystem step', () => {
    const { d } = setup();
    const r = build(d, req(APP));
    const img = d.rt.localImage(DOCKER_HOST, 'app:1')!;
    const base = d.rt.localImage(DOCKER_HOST, 'alpine:3.20')!;
    expect(img.layers.length).toBe(base.layers.length + 4);
    const top = d.rt.layer(img.layers.at(-1)!)!;
    // .dockerignore itself is copied (it is not listed in itself); secret.txt is not
    expect(Object.keys(top.files).sort()).toEqual([
      '/app/.dockerignore',
      '/app/Dockerfile',
      '/app/index.txt',
      '/app/package.json',
    ]);
    expect(img.config.Cmd).toEqual(['cat', '/app/index.txt']);
    expect(img.config.WorkingDir).toBe('/app');
    expect(r.ok).toBe(true);
    const run = d.run({ image: 'app:1', name: 'app' });
    expect(run.ok).toBe(true);
  });

  it('multi-stage: COPY --from takes files of an earlier stage; the final image has only its own stage', () => {
    const { d } = setup();
    const files = {
      Dockerfile:
        'FROM alpine:3.20 AS builder\nRUN mkdir -p /out && echo binary > /out/app\nFROM busybox:1.36\nCOPY --from=builder /out/app /usr/local/bin/app\nCMD ["cat", "/usr/local/bin/app"]\n',
    };
    const r = build(d, req(files));
    expect(r.ok).toBe(true);
    expect(r.lines.join('\n')).toContain('[builder 2/2] RUN mkdir -p /out && echo binary > /out/app');
    expect(r.lines.join('\n')).toContain('[stage-1 2/2] COPY --from=builder /out/app /usr/local/bin/app');
    const img = d.rt.localImage(DOCKER_HOST, 'app:1')!;
    const bb = d.rt.localImage(DOCKER_HOST, 'busybox:1.36')!;
    expect(img.layers.slice(0, bb.layers.length)).toEqual(bb.layers);
    expect(d.rt.layer(img.layers.at(-1)!)!.files).toEqual({ '/usr/local/bin/app': 'binary\n' });
  });

  it('reports a failing RUN with its exit code, a missing file and an unknown instruction', () => {
    const { d } = setup();
    const fail = build(d, req({ Dockerfile: 'FROM alpine:3.20\nRUN echo about to fail && exit 3\n' }));
    expect(fail.ok).toBe(false);
    expect(fail.lines.at(-1)).toBe(
      'ERROR: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
    );
    const missing = build(d, req({ Dockerfile: 'FROM alpine:3.20\nCOPY nothere.txt /\n' }));
    expect(missing.lines.at(-1)).toMatch(
      /failed to compute cache key: failed to calculate checksum of ref .*: "\/nothere.txt": not found$/,
    );
    const unknown = build(d, req({ Dockerfile: 'FROM alpine:3.20\nFOO bar\n' }));
    expect(unknown.lines.at(-1)).toBe(
      'ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: FOO',
    );
    const apt = build(d, req({ Dockerfile: 'FROM alpine:3.20\nRUN apt-get update\n' }));
    expect(apt.lines.at(-1)).toContain('exit code: 127');
  });
});

describe('dockerHostView', () => {
  it('shows layer stacks with sharing, containers with their writable layer, and the last build', () => {
    const { c, d } = setup();
    d.pull('nginx:1.27');
    d.pull('httpd:2.4');
    d.run({ image: 'busybox', name: 'bb', detach: true, cmd: ['sleep', '100'] });
    c.advance(100);
    d.exec('bb', ['touch', '/tmp/new']);
    build(d, req(APP));
    const v = dockerHostView(c)!;
    const nginx = v.images.find((i) => i.names.includes('nginx:1.27'))!;
    expect(nginx.layers[0]!.sharedWith).toContain('httpd:2.4');
    expect(v.diskBytes).toBeLessThan(v.naiveBytes);
    const bb = v.containers.find((x) => x.name === 'bb')!;
    expect(bb.changes).toContainEqual({ kind: 'A', path: '/tmp/new' });
    expect(bb.state).toBe('running');
    expect(v.lastBuild!.steps.length).toBe(5);
    expect(v.registry.find((r) => r.repository === 'nginx')!.tags).toContain('1.14.2');
  });
});

describe('vmCompare', () => {
  it('compares orders of magnitude, labelled as such, in both languages', () => {
    const cmp = compareVmAndContainer();
    expect(cmp.note.en).toContain('Orders of magnitude');
    expect(cmp.note.zh).toContain('数量级');
    const startup = cmp.rows[0]!;
    expect(startup.factor).toBeGreaterThanOrEqual(10);
    expect(cmp.vm.kernel.en).toContain('own guest kernel');
    expect(cmp.container.kernel.en).toContain('share the host kernel');
    for (const r of cmp.rows) expect(r.aspect.zh.length).toBeGreaterThan(0);
  });
});

describe('published ports', () => {
  it('answer on the host port from the container the port maps to', () => {
    const { c, d } = setup();
    d.run({ image: 'nginx:1.27', name: 'web', detach: true, publish: ['8080:80'] });
    c.advance(1000);
    expect(d.hostHttp(8080, '/')).toMatchObject({ status: 200, container: 'web' });
    expect(d.hostHttp(8080, '/')!.body).toContain('Welcome to nginx!');
    expect(d.hostHttp(9090, '/')).toBeUndefined();
    d.stop('web');
    expect(d.hostHttp(8080, '/')).toBeUndefined();
  });
});

describe('build hops', () => {
  it('logs one hop per build step, saying which were cached', () => {
    const { c, d } = setup();
    build(d, req(APP));
    const seq = c.log.state.nextSeq;
    build(d, req({ ...APP, 'index.txt': 'v9' }));
    const steps = c.log
      .since(seq - 1)
      .filter((e) => e.verb === 'build')
      .map((e) => e.summary);
    expect(steps).toEqual([
      '[2/5] WORKDIR /app: CACHED',
      '[3/5] COPY package.json .: CACHED',
      '[4/5] RUN echo installed > deps.txt: CACHED',
      '[5/5] COPY . .: running',
    ]);
  });
});

describe('built images behave as their base', () => {
  it('an image built FROM nginx serves its own index.html', () => {
    const { c, d } = setup();
    const files = {
      Dockerfile: 'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/index.html\n',
      'index.html': '<h1>mine</h1>\n',
    };
    expect(build(d, req(files, { tags: ['site:1'] })).ok).toBe(true);
    expect(d.rt.localImage(DOCKER_HOST, 'site:1')!.baseImage).toBe('nginx:1.27');
    d.run({ image: 'site:1', name: 'site', detach: true, publish: ['8080:80'] });
    c.advance(1000);
    expect(d.hostHttp(8080, '/')!.body).toBe('<h1>mine</h1>\n');
  });
});
