import { describe, expect, it } from 'vitest';
import { processHarness } from './testing/harness';
import { setSlowStarts, startTemplateStats } from './startTemplates';
import { piDigits } from './piDigits';

const MiB = 1024 * 1024;

describe('kubernetes.io examples', () => {
  it('exec liveness probe: cat /tmp/healthy succeeds for 30 s, then fails with busybox wording', () => {
    const h = processHarness();
    h.run('c1', 'registry.k8s.io/busybox', [
      '/bin/sh',
      '-c',
      'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    ]);
    h.cluster.advance(5_000);
    expect(h.api.exec('c1', ['cat', '/tmp/healthy'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    h.cluster.advance(24_999);
    expect(h.api.exec('c1', ['cat', '/tmp/healthy']).exitCode).toBe(0);
    h.cluster.advance(5_001);
    const r = h.api.exec('c1', ['cat', '/tmp/healthy']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(h.api.running('c1')).toBe(true);
    const ps = h.api.ps('c1');
    expect(ps[0]).toMatchObject({
      pid: 1,
      command: '/bin/sh -c touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    });
    expect(ps.map((p) => p.command)).toContain('sleep 600');
    h.cluster.advance(600_000);
    expect(h.io.container('c1').exits).toEqual([{ code: 0, at: 630_000 }]);
  });

  it('polinux/stress over its memory limit is OOM-killed; under it keeps running', () => {
    const h = processHarness();
    const args = ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'];
    h.run('over', 'polinux/stress', ['stress', ...args], { memoryLimit: 100 * MiB });
    h.run('under', 'polinux/stress', ['stress', ...args], { memoryLimit: 200 * MiB });
    h.cluster.advance(10_000);
    expect(h.io.container('over').exits).toEqual([{ code: 137, reason: 'OOMKilled', at: 0 }]);
    expect(h.api.running('over')).toBe(false);
    expect(h.api.running('under')).toBe(true);
    expect(h.io.container('under').memory).toBeGreaterThan(150 * MiB);
    expect(h.io.container('under').memory).toBeLessThan(152 * MiB);
    expect(h.logs('under')).toEqual(['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd']);
  });

  it('init container wget fills the emptyDir from an outside host', () => {
    const h = processHarness();
    h.io.container('init').dirs.add('/work-dir');
    h.run('init', 'busybox:1.28', ['wget', '-O', '/work-dir/index.html', 'http://info.cern.ch']);
    expect(h.api.running('init')).toBe(true); // the download takes virtual time
    h.cluster.advance(1_000);
    const c = h.io.container('init');
    expect(c.exits).toEqual([{ code: 0, at: 120 }]);
    expect(c.files.get('/work-dir/index.html')).toContain('http://info.cern.ch - home of the first website');
    expect(c.logs[0]).toMatch(/^Connecting to info\.cern\.ch \(\d+\.\d+\.\d+\.\d+:80\)$/);
    expect(c.logs).toContain("saving to '/work-dir/index.html'");
    expect(c.logs[c.logs.length - 1]).toBe("'/work-dir/index.html' saved");
  });

  it('the pi Job prints 2000 digits of pi after a few seconds and exits 0', () => {
    const h = processHarness();
    h.run('pi', 'perl:5.34.0', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
    h.cluster.advance(1_000);
    expect(h.logs('pi')).toEqual([]);
    h.cluster.advance(10_000);
    const [line] = h.logs('pi');
    expect(line).toHaveLength(2001);
    expect(line!.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    const exit = h.io.container('pi').exits[0]!;
    expect(exit.code).toBe(0);
    expect(exit.at).toBeGreaterThan(2_000);
    expect(exit.at).toBeLessThan(10_000);
  });

  it('the HPA load generator loops on wget, one request per iteration, on the clock', () => {
    const h = processHarness();
    let served = 0;
    h.io.hosts.set('php-apache', {
      ip: '10.96.10.20',
      http: () => (served++, { status: 200, body: 'OK!', latencyMs: 4 }),
    });
    h.run('load', 'busybox:1.28', [
      '/bin/sh',
      '-c',
      'while sleep 0.01; do wget -q -O- http://php-apache; done',
    ]);
    h.cluster.advance(1_000);
    // each iteration: 10 ms sleep + 4 ms request
    expect(served).toBeGreaterThanOrEqual(70);
    expect(served).toBeLessThanOrEqual(72);
    expect(h.io.requests[0]).toBe('http://php-apache/');
    expect(h.api.running('load')).toBe(true);
  });

  it('a tight `while true` with no sleep yields at least 1 ms per iteration', () => {
    const h = processHarness();
    let served = 0;
    h.io.hosts.set('php-apache', {
      ip: '10.96.10.20',
      http: () => (served++, { status: 200, body: 'OK!', latencyMs: 0 }),
    });
    h.run('load', 'busybox', ['sh', '-c', 'while true; do wget -q -O- http://php-apache; done']);
    h.run('spin', 'busybox', ['sh', '-c', 'while :; do :; done']);
    h.cluster.advance(500);
    expect(served).toBeGreaterThanOrEqual(250);
    expect(served).toBeLessThanOrEqual(501);
    expect(h.api.running('spin')).toBe(true);
    expect(h.cluster.now).toBe(500);
  });

  it('the counter logging example prints a line per second with the sim date', () => {
    const h = processHarness();
    h.run('counter', 'busybox:1.28', [
      '/bin/sh',
      '-c',
      'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done',
    ]);
    h.cluster.advance(3_500);
    expect(h.logs('counter')).toEqual([
      '0: Thu Jan  1 00:00:00 UTC 2026',
      '1: Thu Jan  1 00:00:01 UTC 2026',
      '2: Thu Jan  1 00:00:02 UTC 2026',
      '3: Thu Jan  1 00:00:03 UTC 2026',
    ]);
  });
});

describe('known images', () => {
  it('nginx: entrypoint notices, welcome page, access log, graceful quit on SIGTERM', () => {
    const h = processHarness();
    h.io.container('web').hostname = 'web-1';
    h.run('web', 'docker.io/library/nginx:1.14.2', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    const logs = h.logs('web');
    expect(logs[0]).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    );
    expect(logs).toContain('2026/01/01 00:00:00 [notice] 1#1: nginx/1.14.2');
    expect(h.api.listening('web', 80)).toBe(true);
    expect(h.api.listening('web', 8080)).toBe(false);
    const r = h.api.httpRequest('web', 80, '/', '10.244.1.7');
    expect(r?.status).toBe(200);
    expect(r?.body).toContain('<title>Welcome to nginx!</title>');
    expect(h.logs('web').at(-1)).toBe(
      `10.244.1.7 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 ${r!.body.length} "-" "Wget" "-"`,
    );
    expect(h.api.httpRequest('web', 81, '/')).toBeUndefined();
    expect(h.api.ps('web').map((p) => p.command)).toEqual([
      'nginx: master process nginx -g daemon off;',
      'nginx: worker process',
      'nginx: worker process',
    ]);
    h.api.kill('web', 'SIGTERM');
    expect(h.api.running('web')).toBe(true);
    h.cluster.advance(200);
    expect(h.io.container('web').exits).toEqual([{ code: 0, at: 100 }]);
    expect(h.logs('web')).toContain(
      '2026/01/01 00:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
    );
  });

  it('nginx serves files written into its html folder and 404s others', () => {
    const h = processHarness();
    h.run('web', 'nginx', ['nginx', '-g', 'daemon off;']);
    const c = h.io.container('web');
    for (const d of ['/usr/share/nginx', '/usr/share/nginx/html']) c.dirs.add(d);
    // an emptyDir mounted over the html folder: no index yet
    expect(h.api.httpRequest('web', 80, '/')?.status).toBe(403);
    c.files.set('/usr/share/nginx/html/index.html', '<p>from the init container</p>');
    expect(h.api.httpRequest('web', 80, '/')?.body).toBe('<p>from the init container</p>');
    expect(h.api.httpRequest('web', 80, '/nope')?.status).toBe(404);
  });

  it('busybox with its default command exits at once (CrashLoopBackOff material)', () => {
    const h = processHarness();
    h.run('bb', 'busybox', ['sh']);
    expect(h.io.container('bb').exits).toEqual([{ code: 0, at: 0 }]);
  });

  it('processes started from a template are the same as ones started the long way', () => {
    // Each program is started three times at one instant and twice more later, in containers of their own
    // host names: the first start of a program teaches the template, the next ones may take it.
    const programs: [string, string[], Record<string, string>?][] = [
      ['registry.k8s.io/pause:3.9', ['/pause']],
      ['nginx:1.27', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
      ['nginx:1.14.2', ['nginx', '-g', 'daemon off;']],
      ['redis', ['docker-entrypoint.sh', 'redis-server']],
      ['httpd:2.4', ['httpd-foreground']],
      ['postgres', ['docker-entrypoint.sh', 'postgres'], { POSTGRES_PASSWORD: 'pw' }],
      ['busybox', ['sh', '-c', 'echo $HOSTNAME; sleep 3600']],
      ['busybox', ['sh', '-c', 'echo started; sleep 5; echo done']],
      ['busybox', ['env']],
      ['busybox', ['hostname']],
    ];
    const run = (slow: boolean) => {
      setSlowStarts(slow);
      try {
        const h = processHarness();
        h.cluster.advance(1_000);
        const cids: string[] = [];
        for (const at of [0, 0, 0, 250, 0]) {
          h.cluster.advance(at);
          programs.forEach(([image, argv, env], i) => {
            const cid = `c${i}-${cids.length}`;
            cids.push(cid);
            h.io.container(cid).env.HOSTNAME = `host-${cid}`;
            h.io.container(cid).hostname = `host-${cid}`;
            h.run(cid, image, argv, env ? { env } : {});
          });
        }
        h.cluster.advance(10_000);
        // exec into them, then stop them: templates share frozen parts a stop or an exec must not touch
        for (const cid of cids) h.api.exec(cid, ['sh', '-c', 'echo hi']);
        for (const cid of cids.filter((_, i) => i % 2)) h.api.kill(cid, 'SIGTERM');
        for (const cid of cids.filter((_, i) => i % 4 === 2)) h.api.kill(cid, 'SIGKILL');
        h.cluster.advance(60_000);
        const procs = (h.cluster.state.ext.process as { procs: Record<string, unknown> }).procs;
        return {
          procs: JSON.stringify(procs),
          seen: cids.map((cid) => {
            const c = h.io.container(cid);
            return {
              cid,
              logs: c.logs,
              memory: c.memory,
              cpu: c.cpu,
              ports: c.ports,
              exits: c.exits,
              ps: h.api.ps(cid),
            };
          }),
        };
      } finally {
        setSlowStarts(false);
      }
    };
    const slow = run(true);
    const used = startTemplateStats.used;
    const fast = run(false);
    // pause (any time), the two nginx and redis (their logs carry the time: at one instant) come from templates;
    // httpd and postgres set timers, the busybox shells run shell code: always the long way
    expect(startTemplateStats.used - used).toBeGreaterThanOrEqual(12);
    expect(fast.seen).toEqual(slow.seen);
    expect(fast.procs).toBe(slow.procs);
    const pause = slow.seen.find((x) => x.cid === 'c0-0')!;
    expect(pause.ps).toEqual([{ pid: 1, user: 'root', time: '0:00', command: '/pause' }]);
    // the per-host programs print their own host names either way
    expect(fast.seen.find((x) => x.cid === 'c6-16')!.logs[0]).toBe('host-c6-16');
    expect(fast.seen.find((x) => x.cid === 'c9-19')!.logs[0]).toBe('host-c9-19');
  });

  it('pause sleeps forever and exits 0 on SIGTERM', () => {
    const h = processHarness();
    h.run('p', 'registry.k8s.io/pause:3.9', ['/pause']);
    h.cluster.advance(3_600_000);
    expect(h.api.running('p')).toBe(true);
    h.api.kill('p', 'SIGTERM');
    expect(h.io.container('p').exits).toEqual([{ code: 0, at: 3_600_000 }]);
  });

  it('php-apache answers OK! and reports CPU per request', () => {
    const h = processHarness();
    h.run('php', 'registry.k8s.io/hpa-example', ['docker-php-entrypoint', 'apache2-foreground']);
    const r = h.api.httpRequest('php', 80, '/');
    expect(r).toMatchObject({ status: 200, body: 'OK!' });
    expect(r!.cpuMillis).toBeGreaterThan(0);
  });

  it('httpd, redis, hello-app, http-echo and echoserver', () => {
    const h = processHarness();
    h.run('a', 'httpd:2.4', ['httpd-foreground']);
    expect(h.api.httpRequest('a', 80, '/')?.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    h.run('r', 'redis', ['docker-entrypoint.sh', 'redis-server']);
    expect(h.logs('r').at(-1)).toMatch(/^1:M 01 Jan 2026 00:00:00\.000 \* Ready to accept connections tcp$/);
    expect(h.api.listening('r', 6379)).toBe(true);
    expect(h.api.httpRequest('r', 6379, '/')).toBeUndefined();
    h.io.container('hello').hostname = 'hello-7d4f9-abcde';
    h.run('hello', 'gcr.io/google-samples/hello-app:2.0', ['./hello-app']);
    expect(h.api.httpRequest('hello', 8080, '/')?.body).toBe(
      'Hello, world!\nVersion: 2.0.0\nHostname: hello-7d4f9-abcde\n',
    );
    h.run('echo', 'hashicorp/http-echo', ['/http-echo', '-text=apple']);
    expect(h.api.httpRequest('echo', 5678, '/')?.body).toBe('apple\n');
    h.io.container('es').hostname = 'es-pod';
    h.run('es', 'registry.k8s.io/echoserver:1.4', ['/usr/local/bin/run.sh']);
    const body = h.api.httpRequest('es', 8080, '/hi?x=1', '10.244.2.3')?.body ?? '';
    expect(body).toContain('Hostname: es-pod');
    expect(body).toContain('client_address=10.244.2.3');
    expect(body).toContain('query=x=1');
  });

  it('postgres without POSTGRES_PASSWORD fails with the real error; with it, listens after init', () => {
    const h = processHarness();
    h.run('pg1', 'postgres:16', ['docker-entrypoint.sh', 'postgres']);
    expect(h.io.container('pg1').exits).toEqual([{ code: 1, at: 0 }]);
    expect(h.logs('pg1')[0]).toBe(
      'Error: Database is uninitialized and superuser password is not specified.',
    );
    h.io.container('pg2').dirs.add('/var/lib');
    h.io.container('pg2').dirs.add('/var/lib/postgresql');
    h.run('pg2', 'postgres:16', ['docker-entrypoint.sh', 'postgres'], { env: { POSTGRES_PASSWORD: 'pw' } });
    expect(h.api.listening('pg2', 5432)).toBe(false);
    h.cluster.advance(2_000);
    expect(h.api.listening('pg2', 5432)).toBe(true);
    expect(h.logs('pg2').at(-1)).toMatch(/database system is ready to accept connections$/);
  });

  it('mysql without a root password option exits 1', () => {
    const h = processHarness();
    h.run('db', 'mysql:8.4', ['docker-entrypoint.sh', 'mysqld']);
    expect(h.io.container('db').exits[0]?.code).toBe(1);
    expect(h.logs('db')).toContain('    - MYSQL_ROOT_PASSWORD');
  });

  it('an unknown program at PID 1 is a StartError; a missing binary in exec is an OCI error', () => {
    const h = processHarness();
    h.run('x', 'busybox', ['nosuchprog']);
    expect(h.io.container('x').exits).toEqual([{ code: 128, reason: 'StartError', at: 0 }]);
    h.run('y', 'busybox', ['sleep', '3600']);
    const r = h.api.exec('y', ['curl', 'http://web']);
    expect(r.exitCode).toBe(126);
    expect(r.stderr).toContain('exec: "curl": executable file not found in $PATH');
    expect(h.api.exec('y', ['sh', '-c', 'curl http://web'])).toEqual({
      exitCode: 127,
      stdout: '',
      stderr: 'sh: curl: not found\n',
    });
    h.run('d', 'gcr.io/google-samples/hello-app:1.0', ['./hello-app']);
    expect(h.api.exec('d', ['sh']).exitCode).toBe(126);
  });
});

describe('signals and state', () => {
  it('a shell as PID 1 ignores SIGTERM (no handler), SIGKILL ends it with 137; a trap can exit cleanly', () => {
    // pid_namespaces(7): a namespace's init gets only the signals it has a handler for (SIGKILL aside).
    const h = processHarness();
    h.run('a', 'busybox', ['sh', '-c', 'sleep 3600']);
    h.run('b', 'busybox', ['sh', '-c', 'sleep 3600']);
    h.run('c', 'busybox', ['sh', '-c', "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"]);
    h.run('d', 'busybox', ['sleep', '3600']);
    h.cluster.advance(1_500);
    h.api.kill('a', 'SIGTERM');
    h.api.kill('b', 'SIGKILL');
    h.api.kill('c', 'SIGTERM');
    h.api.kill('d', 'SIGTERM');
    expect(h.io.container('a').exits).toHaveLength(0);
    expect(h.io.container('d').exits).toHaveLength(0);
    expect(h.api.running('a')).toBe(true);
    expect(h.io.container('b').exits[0]?.code).toBe(137);
    expect(h.io.container('c').exits[0]?.code).toBe(0);
    expect(h.logs('c')).toEqual(['bye']);
    h.cluster.advance(10_000);
    expect(h.io.container('a').exits).toHaveLength(0);
    h.api.kill('a', 'SIGKILL');
    expect(h.io.container('a').exits[0]?.code).toBe(137);
  });

  it('httpd stops on the STOPSIGNAL of its image (SIGWINCH) with a graceful stop and exit 0', () => {
    const h = processHarness();
    h.run('a', 'httpd:2.4', ['httpd-foreground']);
    h.cluster.advance(1_000);
    h.api.kill('a', 'SIGTERM');
    h.cluster.advance(1_000);
    expect(h.io.container('a').exits[0]?.code).toBe(0);
    expect(h.logs('a').join('\n')).toMatch(
      /\[mpm_event:notice\] \[pid 1:tid \d+\] AH00492: caught SIGWINCH, shutting down gracefully/,
    );
  });

  it('servers with a handler still stop on SIGTERM: nginx quits gracefully with 0', () => {
    const h = processHarness();
    h.run('n', 'nginx:1.27', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    h.cluster.advance(1_000);
    h.api.kill('n', 'SIGTERM');
    h.cluster.advance(1_000);
    expect(h.io.container('n').exits[0]?.code).toBe(0);
    expect(h.logs('n').join('\n')).toMatch(/signal 3 \(SIGQUIT\) received, shutting down/);
  });

  it('state is plain JSON and a snapshot resumes mid-sleep identically', () => {
    const h = processHarness();
    h.run('s', 'busybox', ['sh', '-c', 'for i in 1 2 3 4 5; do echo "tick $i"; sleep 10; done; exit 3']);
    h.cluster.advance(15_000);
    const snap = h.cluster.snapshot();
    const ext = h.cluster.state.ext.process;
    expect(JSON.parse(JSON.stringify(ext))).toEqual(ext);
    const before = h.logs('s').length;
    h.cluster.advance(60_000);
    const first = h.logs('s').slice(before);
    const exits = [...h.io.container('s').exits];
    expect(first).toEqual(['tick 3', 'tick 4', 'tick 5']);
    expect(exits).toEqual([{ code: 3, at: 50_000 }]);
    h.cluster.restore(snap);
    h.io.container('s').logs.length = before;
    h.io.container('s').exits.length = 0;
    h.cluster.advance(60_000);
    expect(h.logs('s').slice(before)).toEqual(first);
    expect(h.io.container('s').exits).toEqual(exits);
  });

  it('background jobs run beside the shell; wait joins them; kill $! ends one', () => {
    const h = processHarness();
    h.run('j', 'busybox', [
      'sh',
      '-c',
      'sleep 2 & sleep 1; echo one; wait; echo two; sleep 100 & kill $!; wait; echo three',
    ]);
    h.cluster.advance(1_000);
    expect(h.logs('j')).toEqual(['one']);
    expect(h.api.ps('j').map((p) => p.command)).toContain('sleep 2');
    h.cluster.advance(1_000);
    expect(h.logs('j')).toEqual(['one', 'two', 'three']);
    expect(h.io.container('j').exits).toEqual([{ code: 0, at: 2_000 }]);
  });

  it('runs shell scripts from the filesystem (a mounted run.sh) and finds them on PATH', () => {
    const h = processHarness();
    const c = h.io.container('s');
    c.dirs.add('/scripts');
    c.dirs.add('/usr/local/bin');
    c.files.set('/scripts/run.sh', '#!/bin/sh\necho "args: $0 $1"\nexit 4\n');
    c.files.set('/usr/local/bin/hello', '#!/usr/bin/env bash\necho hello');
    h.run('s', 'busybox', ['/scripts/run.sh', 'x']);
    expect(h.logs('s')).toEqual(['args: /scripts/run.sh x']);
    expect(c.exits).toEqual([{ code: 4, at: 0 }]);
    h.run('t', 'busybox', ['sleep', '100']);
    h.io.container('t').dirs.add('/usr/local/bin');
    h.io.container('t').files.set('/usr/local/bin/hello', '#!/bin/sh\necho hello');
    expect(h.api.exec('t', ['hello']).stdout).toBe('hello\n');
  });

  it('the perl image runs its versioned binary (perl5.34.0 -de0 exits without a terminal)', () => {
    const h = processHarness();
    h.run('p', 'perl:5.34.0', ['perl5.34.0', '-de0']);
    expect(h.io.container('p').exits).toEqual([{ code: 0, at: 0 }]);
  });

  it('remove forgets the container and its timers', () => {
    const h = processHarness();
    h.run('r', 'busybox', ['sh', '-c', 'while true; do echo x; sleep 1; done']);
    h.api.remove('r');
    h.cluster.advance(5_000);
    expect(h.logs('r')).toEqual(['x']);
    expect(h.api.running('r')).toBe(false);
    expect(h.cluster.clock.peek()).toBeUndefined();
  });
});

describe('piDigits', () => {
  it('rounds to the requested significant digits', () => {
    expect(piDigits(1)).toBe('3');
    expect(piDigits(5)).toBe('3.1416');
    expect(piDigits(10)).toBe('3.141592654');
    expect(piDigits(50)).toBe('3.1415926535897932384626433832795028841971693993751');
  });
});
