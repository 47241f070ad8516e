import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { runtimeModule } from './runtime';
import { pullDuration } from './imageStore';
import type { ExitEvent, MountSpec } from './types';

function setup() {
  const runtime = runtimeModule();
  const c = new Cluster({ seed: 7 }, [runtime]);
  const rt = runtime.runtime;
  rt.ensureHost('worker-1', { arch: 'amd64', kind: 'node' });
  rt.ensureHost('arm-1', { arch: 'arm64', kind: 'node' });
  const exits: ExitEvent[] = [];
  rt.onExit((e) => exits.push(e));
  return { c, rt, exits };
}

function pod(rt: ReturnType<typeof setup>['rt'], host = 'worker-1') {
  return rt.createSandbox(host, {
    podUid: 'uid-1',
    name: 'web',
    namespace: 'default',
    hostname: 'web',
    ip: '10.244.1.5',
  });
}

/** A busybox container sleeping for an hour, with the given mounts. */
function sleeper(rt: ReturnType<typeof setup>['rt'], mounts: MountSpec[]) {
  return rt.createContainer('worker-1', {
    name: 'w',
    image: 'busybox',
    command: ['sleep', '3600'],
    env: {},
    mounts,
  });
}

describe('pulls', () => {
  it('plans a pull with missing bytes and a deterministic duration, then stores shared layers once', () => {
    const { rt } = setup();
    const p1 = rt.planPull('worker-1', 'nginx:1.27');
    expect(p1.ok).toBe(true);
    if (!p1.ok) return;
    expect(p1.missingBytes).toBe(p1.sizeBytes);
    expect(p1.durationMs).toBe(pullDuration(6, p1.sizeBytes));
    expect(p1.durationMs).toBeGreaterThan(2000);
    rt.commitPull('worker-1', 'nginx:1.27');
    expect(rt.hasImage('worker-1', 'nginx:1.27')).toBe(true);
    expect(rt.hasImage('worker-1', 'docker.io/library/nginx:1.27')).toBe(true);
    // httpd shares nginx's Debian base: only its own layers are missing
    const p2 = rt.planPull('worker-1', 'httpd:2.4');
    expect(p2.ok && p2.missingBytes < p2.sizeBytes).toBe(true);
    expect(p2.ok && p2.sizeBytes - p2.missingBytes).toBeCloseTo(74.8e6, -5);
    const again = rt.planPull('worker-1', 'nginx:1.27');
    expect(again.ok && again.durationMs).toBe(0);
    expect(rt.listImages('worker-1')[0]!.names).toContain('docker.io/library/nginx:1.27');
  });

  it('reports containerd-style errors', () => {
    const { rt } = setup();
    const tag = rt.planPull('worker-1', 'nginx:9.9');
    expect(tag).toMatchObject({ ok: false, reason: 'NotFound' });
    expect(!tag.ok && tag.message).toContain('docker.io/library/nginx:9.9: not found');
    const repo = rt.planPull('worker-1', 'doesnotexist');
    expect(repo).toMatchObject({ ok: false, reason: 'Unauthorized' });
    expect(!repo.ok && repo.message).toContain(
      'pull access denied, repository does not exist or may require authorization',
    );
    const bad = rt.planPull('worker-1', 'Nginx');
    expect(bad).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });

  it('keeps one image cache per host', () => {
    const { rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    expect(rt.hasImage('worker-1', 'busybox')).toBe(true);
    expect(rt.hasImage('arm-1', 'busybox')).toBe(false);
  });
});

describe('containers', () => {
  it("share the pause container's net, ipc and uts namespaces but own pid and mnt", () => {
    const { rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    const sb = pod(rt);
    const a = rt.createContainer('worker-1', {
      name: 'a',
      image: 'busybox',
      command: ['sleep', '3600'],
      env: {},
      mounts: [],
      sandboxId: sb,
    });
    const b = rt.createContainer('worker-1', {
      name: 'b',
      image: 'busybox',
      command: ['sleep', '3600'],
      env: {},
      mounts: [],
      sandboxId: sb,
    });
    const [ia, ib, is] = [rt.container(a)!, rt.container(b)!, rt.container(sb)!];
    for (const k of ['net', 'ipc', 'uts'] as const) {
      expect(ia.namespaces[k]).toBe(is.namespaces[k]);
      expect(ib.namespaces[k]).toBe(is.namespaces[k]);
    }
    for (const k of ['pid', 'mnt', 'cgroup'] as const) expect(ia.namespaces[k]).not.toBe(ib.namespaces[k]);
    expect(ia.ip).toBe('10.244.1.5');
    expect(ia.hostname).toBe('web');
    expect(is.state).toBe('running');
    expect(ia.cgroup).toBe(`/kubepods.slice/kubepods-poduid_1.slice/cri-containerd-${a}.scope`);
    expect(is.cgroup).toBe(`/kubepods.slice/kubepods-poduid_1.slice/cri-containerd-${sb}.scope`);
  });

  it('runs the image ENTRYPOINT+CMD, sees the union filesystem and logs', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'nginx:1.27');
    const sb = pod(rt);
    const id = rt.createContainer('worker-1', {
      name: 'nginx',
      image: 'nginx:1.27',
      env: {},
      mounts: [],
      sandboxId: sb,
    });
    expect(rt.container(id)!.argv).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(rt.startContainer(id)).toEqual({ ok: true });
    c.advance(2000);
    expect(rt.listening(id, 80)).toBe(true);
    expect(rt.httpRequest(id, 80, '/')!.body).toContain('Welcome to nginx!');
    const cat = rt.exec(id, ['cat', '/etc/os-release']);
    expect(cat.stdout).toContain('Debian GNU/Linux 12 (bookworm)');
    expect(rt.logs(id).length).toBeGreaterThan(0);
    const w = rt.exec(id, ['sh', '-c', 'echo hi > /tmp/hello']);
    expect(w.exitCode).toBe(0);
    expect(rt.container(id)!.diff).toContainEqual({ kind: 'A', path: '/tmp/hello' });
  });

  it('fails to start a missing program with the OCI error (StartError 128)', () => {
    const { rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    const id = rt.createContainer('worker-1', {
      name: 'x',
      image: 'busybox',
      command: ['nosuchprog'],
      env: {},
      mounts: [],
    });
    const r = rt.startContainer(id);
    expect(r).toMatchObject({ ok: false, exitCode: 128 });
    expect(!r.ok && r.message).toContain('exec: "nosuchprog": executable file not found in $PATH');
  });

  it('OOM-kills over the memory limit with exit 137', () => {
    const { c, rt, exits } = setup();
    rt.commitPull('worker-1', 'polinux/stress');
    const id = rt.createContainer('worker-1', {
      name: 'stress',
      image: 'polinux/stress',
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
      env: {},
      mounts: [],
      memoryLimitBytes: 100 * 2 ** 20,
    });
    rt.startContainer(id);
    c.advance(5000);
    const info = rt.container(id)!;
    expect(info.state).toBe('exited');
    expect(info.exitCode).toBe(137);
    expect(info.reason).toBe('OOMKilled');
    expect(exits).toContainEqual({ cid: id, host: 'worker-1', exitCode: 137, reason: 'OOMKilled' });
  });

  it('keeps running under its limit', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'polinux/stress');
    const id = rt.createContainer('worker-1', {
      name: 'stress',
      image: 'polinux/stress',
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '50M', '--vm-hang', '1'],
      env: {},
      mounts: [],
      memoryLimitBytes: 100 * 2 ** 20,
    });
    rt.startContainer(id);
    c.advance(5000);
    expect(rt.container(id)!.state).toBe('running');
    expect(rt.stats(id).memoryBytes).toBeGreaterThan(40 * 2 ** 20);
  });

  it('throttles CPU at the limit', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'polinux/stress');
    const id = rt.createContainer('worker-1', {
      name: 's',
      image: 'polinux/stress',
      command: ['stress', '--cpu', '2'],
      env: {},
      mounts: [],
      cpuLimitMillis: 500,
    });
    rt.startContainer(id);
    c.advance(1000);
    const s = rt.stats(id);
    expect(s.cpuMillis).toBe(500);
    expect(s.throttled).toBe(true);
  });

  it('stops with SIGTERM, then SIGKILL after the grace period', () => {
    const { c, rt, exits } = setup();
    rt.commitPull('worker-1', 'busybox');
    const id = rt.createContainer('worker-1', {
      name: 's',
      image: 'busybox',
      command: ['sh', '-c', "trap '' TERM; sleep 3600"],
      env: {},
      mounts: [],
    });
    rt.startContainer(id);
    c.advance(100);
    rt.stopContainer(id, 30_000);
    c.advance(29_000);
    expect(rt.container(id)!.state).toBe('running');
    c.advance(2000);
    expect(rt.container(id)!.exitCode).toBe(137);
    expect(exits.at(-1)).toMatchObject({ cid: id, exitCode: 137, reason: 'Killed' });
  });

  it('fails with exec format error for an image of another architecture', () => {
    const { c, rt, exits } = setup();
    // hpa-example exists for amd64 only: containerd pulls it anyway on arm64, the kernel refuses to run it.
    const plan = rt.planPull('arm-1', 'registry.k8s.io/hpa-example');
    expect(plan.ok).toBe(true);
    rt.commitPull('arm-1', 'registry.k8s.io/hpa-example');
    const id = rt.createContainer('arm-1', {
      name: 'php',
      image: 'registry.k8s.io/hpa-example',
      env: {},
      mounts: [],
    });
    expect(rt.startContainer(id).ok).toBe(true);
    c.advance(10);
    expect(rt.container(id)).toMatchObject({ state: 'exited', exitCode: 1, reason: 'Error' });
    expect(rt.logs(id)).toEqual(['exec /usr/local/bin/apache2-foreground: exec format error']);
    expect(exits.at(-1)!.cid).toBe(id);
  });

  it('keeps volumes beyond containers; the writable layer goes with the container', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    rt.volumeEnsure('vol-1');
    const mk = () => sleeper(rt, [{ mountPath: '/data', volume: { kind: 'dir', id: 'vol-1' } }]);
    const a = mk();
    rt.startContainer(a);
    c.advance(10);
    rt.exec(a, ['sh', '-c', 'echo saved > /data/f; echo lost > /tmp/f']);
    rt.removeContainer(a);
    expect(rt.container(a)).toBeUndefined();
    const b = mk();
    rt.startContainer(b);
    c.advance(10);
    expect(rt.exec(b, ['cat', '/data/f']).stdout).toBe('saved\n');
    expect(rt.exec(b, ['cat', '/tmp/f']).exitCode).not.toBe(0);
  });

  it('containers start with a shared empty writable layer and log, and each gets its own on first use', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    const mk = () => sleeper(rt, []);
    const [a, b, d] = [mk(), mk(), mk()];
    for (const x of [a, b, d]) rt.startContainer(x);
    c.advance(10);
    rt.exec(a, ['sh', '-c', 'echo one > /tmp/f; mkdir /tmp/d; rm /etc/hostname']);
    rt.exec(b, ['sh', '-c', 'echo two > /tmp/f']);
    expect(rt.exec(a, ['cat', '/tmp/f']).stdout).toBe('one\n');
    expect(rt.exec(b, ['cat', '/tmp/f']).stdout).toBe('two\n');
    expect(rt.exec(d, ['cat', '/tmp/f']).exitCode).not.toBe(0);
    expect(rt.exec(d, ['ls', '/tmp']).stdout).toBe('');
    expect(rt.record(d)!.writable).toEqual({ files: {}, dirs: [], deleted: [] });
    expect(rt.record(d)!.logs).toEqual({ times: [], lines: [] });
  });

  it('restores from a snapshot and continues identically', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'busybox');
    const id = rt.createContainer('worker-1', {
      name: 'l',
      image: 'busybox',
      command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done'],
      env: {},
      mounts: [],
    });
    rt.startContainer(id);
    c.advance(3500);
    const snap = c.snapshot();
    c.advance(5000);
    const after = rt.logs(id);
    c.restore(snap);
    c.advance(5000);
    expect(rt.logs(id)).toEqual(after);
    expect(after.at(-1)).toBe('tick 9');
  });

  it('finds an image by name after deletions, host removal and a restore (remembered answers are checked)', () => {
    const { c, rt } = setup();
    rt.commitPull('worker-1', 'busybox:1.36');
    const id = rt.localImage('worker-1', 'busybox:1.36')!.id;
    expect(rt.hasImage('worker-1', 'busybox:1.36')).toBe(true);
    const snap = c.snapshot();
    rt.deleteImage('worker-1', id);
    expect(rt.hasImage('worker-1', 'busybox:1.36')).toBe(false);
    c.restore(snap);
    expect(rt.hasImage('worker-1', 'busybox:1.36')).toBe(true);
    rt.removeHost('worker-1');
    rt.ensureHost('worker-1', { arch: 'amd64', kind: 'node' });
    expect(rt.hasImage('worker-1', 'busybox:1.36')).toBe(false);
    rt.commitPull('worker-1', 'busybox:1.36');
    rt.tagImage('worker-1', id, 'mine:1');
    expect(rt.hasImage('worker-1', 'mine:1')).toBe(true);
    expect(rt.hasImage('worker-1', 'busybox:1.36')).toBe(true);
  });
});

describe('default network', () => {
  it('routes pod IPs between nodes, localhost inside a pod, and answers external hosts with a fixed page', () => {
    const { c, rt } = setup();
    rt.ensureHost('worker-2', { arch: 'amd64', kind: 'node' });
    for (const h of ['worker-1', 'worker-2']) {
      rt.commitPull(h, 'nginx:1.27');
      rt.commitPull(h, 'busybox');
    }
    const sb1 = rt.createSandbox('worker-1', {
      podUid: 'u1',
      name: 'web',
      namespace: 'default',
      hostname: 'web',
      ip: '10.244.1.2',
    });
    const web = rt.createContainer('worker-1', {
      name: 'nginx',
      image: 'nginx:1.27',
      env: {},
      mounts: [],
      sandboxId: sb1,
    });
    const side = rt.createContainer('worker-1', {
      name: 'side',
      image: 'busybox',
      command: ['sleep', '3600'],
      env: {},
      mounts: [],
      sandboxId: sb1,
    });
    const sb2 = rt.createSandbox('worker-2', {
      podUid: 'u2',
      name: 'client',
      namespace: 'default',
      hostname: 'client',
      ip: '10.244.2.2',
    });
    const client = rt.createContainer('worker-2', {
      name: 'c',
      image: 'busybox',
      command: ['sleep', '3600'],
      env: {},
      mounts: [],
      sandboxId: sb2,
    });
    for (const id of [web, side, client]) rt.startContainer(id);
    c.advance(2000);
    expect(rt.exec(client, ['wget', '-q', '-O-', 'http://10.244.1.2']).stdout).toContain('Welcome to nginx!');
    expect(rt.exec(side, ['wget', '-q', '-O-', 'http://localhost']).stdout).toContain('Welcome to nginx!');
    expect(rt.exec(client, ['wget', '-q', '-O-', 'http://localhost']).exitCode).not.toBe(0);
    expect(rt.exec(client, ['wget', '-q', '-O-', 'http://info.cern.ch']).stdout).toContain('info.cern.ch');
    const bad = rt.exec(client, ['wget', '-q', '-O-', 'http://nosuchservice']);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("bad address 'nosuchservice'");
  });
});
