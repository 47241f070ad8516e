/**
 * `docker` in the command language: the docker CLI talking to the simulated daemon (src/sim/docker), with the
 * real CLI's verbs, flags and output formats. Commands that take time (pull, build, stop) let virtual time pass.
 */
import type { CommandContext, CommandDef, VirtualFs } from '../types';
import { build } from '../../sim/docker/build';
import {
  dockerOf,
  DOCKER_HOST_CPUS,
  DOCKER_HOST_MEMORY,
  parsePlatform,
  type DockerDaemon,
  type RunOptions,
} from '../../sim/docker/daemon';
import { parseImageRef } from '../../sim/runtime/imageRef';
import type { ContainerRecord } from '../../sim/runtime/types';
import { parseFlags, last, type ParsedFlags, type VerbFlag } from './flags';
import { ago, bytesSize, humanDuration, humanSize, parseRam, table, truncCommand } from './format';
import { containerDoc, goTemplate, imageDoc, networkDoc, volumeDoc } from './inspect';

interface Verb {
  name: string;
  aliases?: string[];
  summary: string;
  usage: string;
  flags: VerbFlag[];
  /** Stop parsing flags at the first positional (the rest is a command). */
  stop?: boolean;
  run(x: VerbContext): number;
}

interface VerbContext {
  ctx: CommandContext;
  d: DockerDaemon;
  p: ParsedFlags;
  verb: string;
}

const f = (
  name: string,
  short: string | undefined,
  value: boolean,
  help: string,
  multi = false,
): VerbFlag => ({
  name,
  ...(short ? { short } : {}),
  value,
  help,
  ...(multi ? { multi } : {}),
});

const RUN_FLAGS: VerbFlag[] = [
  f('detach', 'd', false, 'Run container in background and print container ID'),
  f('name', undefined, true, 'Assign a name to the container'),
  f('publish', 'p', true, "Publish a container's port(s) to the host", true),
  f('env', 'e', true, 'Set environment variables', true),
  f('volume', 'v', true, 'Bind mount a volume', true),
  f('memory', 'm', true, 'Memory limit'),
  f('cpus', undefined, true, 'Number of CPUs'),
  f('rm', undefined, false, 'Automatically remove the container when it exits'),
  f(
    'restart',
    undefined,
    true,
    'Restart policy to apply when a container exits (no, on-failure[:max-retries], always, unless-stopped)',
  ),
  f('interactive', 'i', false, 'Keep STDIN open even if not attached'),
  f('tty', 't', false, 'Allocate a pseudo-TTY'),
  f('platform', undefined, true, 'Set platform if server is multi-platform capable'),
  f('network', undefined, true, 'Connect a container to a network'),
  f('entrypoint', undefined, true, 'Overwrite the default ENTRYPOINT of the image'),
  f('workdir', 'w', true, 'Working directory inside the container'),
  f('user', 'u', true, 'Username or UID'),
  f('hostname', 'h', true, 'Container host name'),
];

function fail(ctx: CommandContext, verb: string, msg: string, code = 1, prefix = ''): number {
  ctx.err(`${prefix}${msg}\n`);
  if (prefix) ctx.err(`See 'docker ${verb} --help'.\n`);
  return code;
}

/** Reads every file under a folder of the client's filesystem: relative path → content. */
function readTree(fs: VirtualFs, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string) => {
    for (const name of fs.list(path)) {
      const full = path === '.' || path === '' ? name : `${path}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      if (fs.isDir(full)) walk(full, r);
      else {
        const c = fs.read(full);
        if (c !== undefined) out[r] = c;
      }
    }
  };
  if (fs.isDir(dir)) walk(dir, '');
  return out;
}

function runOptions(x: VerbContext): RunOptions | string {
  const { p, ctx } = x;
  const image = p.args[0];
  if (!image) return '"docker run" requires at least 1 argument.';
  const mem = last(p, 'memory');
  let memory: number | undefined;
  if (mem !== undefined) {
    memory = parseRam(mem);
    if (memory === undefined)
      return `invalid argument "${mem}" for "-m, --memory" flag: invalid size: '${mem}'`;
    if (memory < 6 * 1024 * 1024) return 'Error response from daemon: Minimum memory limit allowed is 6MB';
  }
  const cpusText = last(p, 'cpus');
  let cpus: number | undefined;
  if (cpusText !== undefined) {
    cpus = Number(cpusText);
    if (!Number.isFinite(cpus) || cpus <= 0)
      return `invalid argument "${cpusText}" for "--cpus" flag: failed to parse ${cpusText} as a rational number`;
    if (cpus > DOCKER_HOST_CPUS) {
      return `Error response from daemon: range of CPUs is from 0.01 to ${DOCKER_HOST_CPUS}.00, as there are only ${DOCKER_HOST_CPUS} CPUs available`;
    }
  }
  const volumes: string[] = [];
  const binds: NonNullable<RunOptions['binds']> = [];
  for (const v of p.values.volume ?? []) {
    const parts = v.split(':');
    const src = parts[0]!;
    if (parts.length >= 2 && (src.startsWith('/') || src.startsWith('.') || src.startsWith('~'))) {
      const rel = src.startsWith('/') ? src : src.replace(/^\.\/?/, '') || '.';
      const files = ctx.fs.isDir(rel)
        ? readTree(ctx.fs, rel)
        : ctx.fs.read(rel) !== undefined
          ? { '': ctx.fs.read(rel)! }
          : {};
      binds.push({ source: src, target: parts[1]!, readOnly: parts[2] === 'ro', files });
    } else volumes.push(v);
  }
  let cmd = p.args.slice(1);
  // `docker run -i IMAGE sh <<EOF …`: the shell reads its commands from the client's stdin.
  if (
    p.bools.has('interactive') &&
    ctx.stdin &&
    cmd.length === 1 &&
    /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash)$/.test(cmd[0]!)
  ) {
    cmd = [cmd[0]!, '-c', ctx.stdin];
  }
  return {
    image,
    cmd,
    name: last(p, 'name'),
    detach: p.bools.has('detach'),
    publish: p.values.publish,
    env: (p.values.env ?? []).filter((e) => e.includes('=')),
    volumes,
    binds,
    memory,
    cpus,
    rm: p.bools.has('rm'),
    restart: last(p, 'restart'),
    interactive: p.bools.has('interactive'),
    tty: p.bools.has('tty'),
    platform: last(p, 'platform'),
    network: last(p, 'network'),
    entrypoint: last(p, 'entrypoint'),
    workdir: last(p, 'workdir'),
    user: last(p, 'user'),
    hostname: last(p, 'hostname'),
  };
}

function statusText(x: VerbContext, rec: ContainerRecord, restartPending: boolean): string {
  const now = x.ctx.cluster.now;
  if (rec.state === 'running') return `Up ${humanDuration(now - (rec.startedAt ?? now))}`;
  if (rec.state === 'created') return 'Created';
  if (restartPending) return `Restarting (${rec.exitCode ?? 0}) ${ago(now - (rec.finishedAt ?? now))}`;
  return `Exited (${rec.exitCode ?? 0}) ${ago(now - (rec.finishedAt ?? now))}`;
}

function portsText(x: VerbContext, id: string): string {
  const meta = x.d.st.containers[id]!;
  const rec = x.d.rt.record(id)!;
  if (rec.state !== 'running') return '';
  const img = x.d.rt.image(rec.imageId);
  const parts: string[] = [];
  const bound = new Set<string>();
  for (const b of meta.ports) {
    parts.push(`${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.proto}`);
    bound.add(`${b.containerPort}/${b.proto}`);
  }
  for (const e of Object.keys(img?.config.ExposedPorts ?? {})) if (!bound.has(e)) parts.push(e);
  return parts.join(', ');
}

function containerRef(x: VerbContext): string | undefined {
  return x.p.args[0];
}

function printRunOutput(x: VerbContext, id: string): number {
  const { d, ctx } = x;
  // Without -d the client attaches: a short-lived command runs to its end; a server keeps running (the terminal
  // shows its first lines and returns, as it cannot stay attached).
  const deadline = ctx.cluster.now + 120_000;
  let shown = 0;
  const flush = () => {
    const logs = d.rt.logs(id);
    for (; shown < logs.length; shown++) ctx.out(logs[shown]! + '\n');
  };
  for (;;) {
    const rec = d.rt.record(id);
    if (!rec || rec.state !== 'running') break;
    if (rec.ports.length && ctx.cluster.now - (rec.startedAt ?? 0) >= 1000) break;
    if (ctx.cluster.now >= deadline) break;
    d.waitExit(id, 250);
    flush();
  }
  flush();
  // `--rm`: the daemon removes the container as soon as it exits, before the client returns.
  ctx.cluster.advance(0);
  const rec = d.rt.record(id);
  const meta = d.st.containers[id];
  if (meta?.tty && rec?.state === 'exited' && !ctx.stdin) {
    ctx.err(
      `(Kubelab: the terminal cannot attach to a container, so ${rec.argv[0] ?? 'the shell'} found no input and exited. ` +
        `Keep one running with "docker run -d --name c ${meta.image} sleep infinity", then use "docker exec c <command>".)\n`,
    );
  }
  if (!rec) return d.lastExit(id) ?? 0;
  if (rec.state === 'running') {
    ctx.err(
      `(container ${d.st.containers[id]?.name ?? id.slice(0, 12)} keeps running; the terminal detached — see docker ps, docker logs)\n`,
    );
    return 0;
  }
  return rec.exitCode ?? 0;
}

const verbs: Verb[] = [
  {
    name: 'run',
    summary: 'Create and run a new container from an image',
    usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    flags: RUN_FLAGS,
    stop: true,
    run(x) {
      const o = runOptions(x);
      if (typeof o === 'string') return fail(x.ctx, 'run', o, 125, 'docker: ');
      const r = x.d.run(o);
      const pullLines = r.ok ? r.lines : [];
      if (!r.ok) {
        return fail(x.ctx, 'run', r.error, r.exitCode ?? 125, 'docker: ');
      }
      for (const l of pullLines) x.ctx.err(l + '\n');
      if (o.detach) {
        x.ctx.out(r.id + '\n');
        x.ctx.cluster.advance(200);
        return 0;
      }
      return printRunOutput(x, r.id);
    },
  },
  {
    name: 'create',
    summary: 'Create a new container',
    usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]',
    flags: RUN_FLAGS,
    stop: true,
    run(x) {
      const o = runOptions(x);
      if (typeof o === 'string') return fail(x.ctx, 'create', o, 125, 'docker: ');
      const r = x.d.create(o);
      if (!r.ok) return fail(x.ctx, 'create', r.error, 125, 'docker: ');
      for (const l of r.lines) x.ctx.err(l + '\n');
      x.ctx.out(r.id + '\n');
      return 0;
    },
  },
  {
    name: 'ps',
    summary: 'List containers',
    usage: 'docker ps [OPTIONS]',
    flags: [
      f('all', 'a', false, 'Show all containers (default shows just running)'),
      f('quiet', 'q', false, 'Only display container IDs'),
      f('no-trunc', undefined, false, "Don't truncate output"),
      f('size', 's', false, 'Display total file sizes'),
    ],
    run(x) {
      const list = x.d.list(x.p.bools.has('all'));
      if (x.p.bools.has('quiet')) {
        for (const { meta } of list) x.ctx.out(meta.id.slice(0, 12) + '\n');
        return 0;
      }
      const size = x.p.bools.has('size');
      const header = [
        'CONTAINER ID',
        'IMAGE',
        'COMMAND',
        'CREATED',
        'STATUS',
        'PORTS',
        'NAMES',
        ...(size ? ['SIZE'] : []),
      ];
      const rows = list.map(({ meta, rec }) => {
        const pending = x.ctx.cluster.clock.has(`docker-restart:${meta.id}`);
        const cmd = rec.argv.join(' ');
        const row = [
          x.p.bools.has('no-trunc') ? meta.id : meta.id.slice(0, 12),
          meta.image,
          x.p.bools.has('no-trunc') ? `"${cmd}"` : truncCommand(cmd),
          ago(x.ctx.cluster.now - rec.createdAt),
          statusText(x, rec, pending),
          portsText(x, meta.id),
          meta.name,
        ];
        if (size) {
          const img = x.d.rt.image(rec.imageId);
          row.push(
            `${humanSize(x.d.rt.container(rec.id)!.writableBytes)} (virtual ${humanSize(img ? x.d.rt.imageSize(img) : 0)})`,
          );
        }
        return row;
      });
      x.ctx.out(table(header, rows));
      return 0;
    },
  },
  ...(['start', 'stop', 'restart', 'kill', 'rm'] as const).map((name): Verb => ({
    name,
    summary: {
      start: 'Start one or more stopped containers',
      stop: 'Stop one or more running containers',
      restart: 'Restart one or more containers',
      kill: 'Kill one or more running containers',
      rm: 'Remove one or more containers',
    }[name],
    usage: `docker ${name} [OPTIONS] CONTAINER [CONTAINER...]`,
    flags: [
      ...(name === 'stop' || name === 'restart'
        ? [f('time', 't', true, 'Seconds to wait before killing the container')]
        : []),
      ...(name === 'kill' ? [f('signal', 's', true, 'Signal to send to the container')] : []),
      ...(name === 'rm'
        ? [
            f('force', 'f', false, 'Force the removal of a running container (uses SIGKILL)'),
            f('volumes', 'v', false, 'Remove anonymous volumes associated with the container'),
          ]
        : []),
      ...(name === 'start'
        ? [
            f('attach', 'a', false, 'Attach STDOUT/STDERR and forward signals'),
            f('interactive', 'i', false, "Attach container's STDIN"),
          ]
        : []),
    ],
    run(x) {
      if (!x.p.args.length)
        return fail(x.ctx, name, `"docker ${name}" requires at least 1 argument.`, 1, 'docker: ');
      let code = 0;
      for (const ref of x.p.args) {
        let r;
        const t = last(x.p, 'time');
        if (name === 'start') r = x.d.start(ref);
        else if (name === 'stop') r = x.d.stop(ref, t ? Number(t) : 10);
        else if (name === 'restart') r = x.d.restart(ref, t ? Number(t) : 10);
        else if (name === 'kill') {
          const sig = (last(x.p, 'signal') ?? 'KILL').toUpperCase().replace(/^SIG/, '');
          if (sig !== 'KILL' && sig !== 'TERM' && sig !== '9' && sig !== '15') {
            r = {
              ok: false as const,
              error: `Error response from daemon: Kubelab models only SIGKILL and SIGTERM (got ${sig})`,
            };
          } else r = x.d.kill(ref, sig === 'TERM' || sig === '15' ? 'SIGTERM' : 'SIGKILL');
        } else r = x.d.rm(ref, { force: x.p.bools.has('force'), volumes: x.p.bools.has('volumes') });
        if (r.ok) x.ctx.out(ref + '\n');
        else {
          x.ctx.err(r.error + '\n');
          code = 1;
        }
      }
      if (name === 'start') x.ctx.cluster.advance(200);
      return code;
    },
  })),
  {
    name: 'logs',
    summary: 'Fetch the logs of a container',
    usage: 'docker logs [OPTIONS] CONTAINER',
    flags: [
      f('follow', 'f', false, 'Follow log output'),
      f('tail', 'n', true, 'Number of lines to show from the end of the logs'),
      f('timestamps', 't', false, 'Show timestamps'),
    ],
    run(x) {
      const ref = containerRef(x);
      if (!ref) return fail(x.ctx, 'logs', '"docker logs" requires exactly 1 argument.', 1, 'docker: ');
      const meta = x.d.find(ref);
      if (!meta) return fail(x.ctx, 'logs', `Error response from daemon: No such container: ${ref}`);
      const rec = x.d.rt.record(meta.id)!;
      let logs = rec.logs;
      const tail = last(x.p, 'tail');
      if (tail !== undefined && tail !== 'all') logs = logs.slice(Math.max(0, logs.length - Number(tail)));
      const ts = x.p.bools.has('timestamps');
      const line = (l: { time: number; text: string }) =>
        `${ts ? x.ctx.cluster.iso(l.time).replace('Z', '.000000000Z') + ' ' : ''}${l.text}\n`;
      for (const l of logs) x.ctx.out(line(l));
      if (x.p.bools.has('follow') && x.ctx.mode === 'interactive' && x.ctx.keepAlive) {
        // Follow: print lines as the container writes them, until Ctrl+C.
        let seen = rec.logs.length;
        const stop = x.ctx.cluster.onChange(() => {
          const cur = x.d.rt.record(meta.id);
          if (!cur) return;
          // (once the log is trimmed to its newest 5000 lines, lines written in between may be skipped)
          const start = Math.min(seen, cur.logs.length);
          for (const l of cur.logs.slice(start)) x.ctx.out(line(l));
          seen = cur.logs.length;
        });
        x.ctx.keepAlive(stop);
      }
      return 0;
    },
  },
  {
    name: 'exec',
    summary: 'Execute a command in a running container',
    usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    flags: [
      f('interactive', 'i', false, 'Keep STDIN open even if not attached'),
      f('tty', 't', false, 'Allocate a pseudo-TTY'),
      f('env', 'e', true, 'Set environment variables', true),
      f('workdir', 'w', true, 'Working directory inside the container'),
      f('detach', 'd', false, 'Detached mode'),
    ],
    stop: true,
    run(x) {
      const [ref, ...argv] = x.p.args;
      if (!ref || !argv.length)
        return fail(x.ctx, 'exec', '"docker exec" requires at least 2 arguments.', 1, 'docker: ');
      const r = x.d.exec(ref, argv, x.ctx.stdin);
      if (!r.ok) return fail(x.ctx, 'exec', r.error);
      if (r.stdout) x.ctx.out(r.stdout.endsWith('\n') ? r.stdout : r.stdout + '\n');
      if (r.stderr) x.ctx.err(r.stderr.endsWith('\n') ? r.stderr : r.stderr + '\n');
      return r.exitCode;
    },
  },
  {
    name: 'inspect',
    summary: 'Return low-level information on Docker objects',
    usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
    flags: [
      f('format', 'f', true, 'Format output using a Go template'),
      f('type', undefined, true, 'Only inspect objects of the given type'),
    ],
    run(x) {
      if (!x.p.args.length)
        return fail(x.ctx, 'inspect', '"docker inspect" requires at least 1 argument.', 1, 'docker: ');
      const docs: unknown[] = [];
      let code = 0;
      const type = last(x.p, 'type');
      for (const ref of x.p.args) {
        const doc = inspectOne(x, ref, type);
        if (doc === undefined) {
          x.ctx.err(`Error: No such object: ${ref}\n`);
          code = 1;
        } else docs.push(doc);
      }
      emitDocs(x, docs);
      return code;
    },
  },
  {
    name: 'stats',
    summary: 'Display a live stream of container(s) resource usage statistics',
    usage: 'docker stats [OPTIONS] [CONTAINER...]',
    flags: [
      f('no-stream', undefined, false, 'Disable streaming stats and only pull the first result'),
      f('all', 'a', false, 'Show all containers (default shows just running)'),
    ],
    run(x) {
      const list = x.p.args.length
        ? x.p.args
            .map((r) => x.d.find(r))
            .filter((m) => !!m)
            .map((meta) => ({ meta: meta!, rec: x.d.rt.record(meta!.id)! }))
        : x.d.list(x.p.bools.has('all'));
      const rows = list.map(({ meta, rec }) => {
        const s = x.d.rt.stats(meta.id);
        const limit = s.memoryLimitBytes ?? DOCKER_HOST_MEMORY;
        const pids = rec.state === 'running' ? Math.max(1, x.d.rt.process.ps(meta.id).length) : 0;
        return [
          meta.id.slice(0, 12),
          meta.name,
          `${(s.cpuMillis / 10).toFixed(2)}%`,
          `${bytesSize(s.memoryBytes)} / ${bytesSize(limit)}`,
          `${((s.memoryBytes / limit) * 100).toFixed(2)}%`,
          '0B / 0B',
          '0B / 0B',
          String(pids),
        ];
      });
      x.ctx.out(
        table(
          ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'],
          rows,
        ),
      );
      return 0;
    },
  },
  {
    name: 'top',
    summary: 'Display the running processes of a container',
    usage: 'docker top CONTAINER [ps OPTIONS]',
    flags: [],
    run(x) {
      const ref = containerRef(x);
      if (!ref) return fail(x.ctx, 'top', '"docker top" requires at least 1 argument.', 1, 'docker: ');
      const meta = x.d.find(ref);
      if (!meta) return fail(x.ctx, 'top', `Error response from daemon: No such container: ${ref}`);
      const rec = x.d.rt.record(meta.id)!;
      if (rec.state !== 'running')
        return fail(x.ctx, 'top', `Error response from daemon: container ${meta.id} is not running`);
      const ps = x.d.rt.process.ps(meta.id);
      const stime = x.ctx.cluster.iso(rec.startedAt).slice(11, 16);
      const rows = ps.map((p) => [
        p.user === 'root' || !p.user ? 'root' : p.user,
        String(meta.hostPid + p.pid - 1),
        String(p.pid === 1 ? meta.hostPid - 20 : meta.hostPid),
        '0',
        stime,
        '?',
        p.time.length <= 5 ? `00:${p.time.padStart(5, '0')}` : p.time,
        p.command,
      ]);
      const header = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
      const widths = header.map((h, i) => Math.max(17, h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('');
      x.ctx.out([line(header), ...rows.map(line)].join('\n') + '\n');
      return 0;
    },
  },
  {
    name: 'diff',
    summary: "Inspect changes to files or directories on a container's filesystem",
    usage: 'docker diff CONTAINER',
    flags: [],
    run(x) {
      const ref = containerRef(x);
      if (!ref) return fail(x.ctx, 'diff', '"docker diff" requires exactly 1 argument.', 1, 'docker: ');
      const meta = x.d.find(ref);
      if (!meta) return fail(x.ctx, 'diff', `Error response from daemon: No such container: ${ref}`);
      for (const e of x.d.rt.container(meta.id)!.diff) x.ctx.out(`${e.kind} ${e.path}\n`);
      return 0;
    },
  },
  {
    name: 'pull',
    summary: 'Download an image from a registry',
    usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
    flags: [
      f('platform', undefined, true, 'Set platform if server is multi-platform capable'),
      f('quiet', 'q', false, 'Suppress verbose output'),
    ],
    run(x) {
      const ref = x.p.args[0];
      if (!ref) return fail(x.ctx, 'pull', '"docker pull" requires exactly 1 argument.', 1, 'docker: ');
      const plat = last(x.p, 'platform');
      const arch = plat ? parsePlatform(plat) : undefined;
      if (plat && !arch)
        return fail(x.ctx, 'pull', `"${plat}": unknown operating system or architecture: invalid argument`);
      x.d.hop('docker-cli', 'dockerd', 'POST', `/images/create?fromImage=${ref}`);
      const r = x.d.pull(ref, { platform: arch });
      if (!r.ok) return fail(x.ctx, 'pull', r.error);
      if (x.p.bools.has('quiet')) x.ctx.out(r.ref.full + '\n');
      else x.ctx.out([...r.lines, r.ref.full].join('\n') + '\n');
      return 0;
    },
  },
  {
    name: 'push',
    summary: 'Upload an image to a registry',
    usage: 'docker push [OPTIONS] NAME[:TAG]',
    flags: [],
    run(x) {
      const ref = x.p.args[0];
      if (!ref) return fail(x.ctx, 'push', '"docker push" requires exactly 1 argument.', 1, 'docker: ');
      x.d.hop('docker-cli', 'dockerd', 'POST', `/images/${ref}/push`);
      const r = x.d.push(ref);
      if (!r.ok) return fail(x.ctx, 'push', r.error);
      x.ctx.out(r.lines.join('\n') + '\n');
      return 0;
    },
  },
  {
    name: 'images',
    summary: 'List images',
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    flags: [
      f('all', 'a', false, 'Show all images'),
      f('quiet', 'q', false, 'Only show image IDs'),
      f('digests', undefined, false, 'Show digests'),
      f('no-trunc', undefined, false, "Don't truncate output"),
    ],
    run(x) {
      const h = x.d.rt.host(x.d.host);
      const rows: { repo: string; tag: string; id: string; created: number; size: number; digest: string }[] =
        [];
      for (const [id, meta] of Object.entries(h.images)) {
        const img = x.d.rt.image(id);
        if (!img) continue;
        const created = x.ctx.cluster.fromIso(img.created);
        const size = x.d.rt.imageSize(img);
        const tags = meta.repoTags.length ? meta.repoTags : ['<none>:<none>'];
        for (const t of tags) {
          const i = t.lastIndexOf(':');
          const repo = t.slice(0, i);
          rows.push({
            repo,
            tag: t.slice(i + 1),
            id,
            created,
            size,
            digest: meta.repoDigests.find((d) => d.startsWith(repo + '@'))?.split('@')[1] ?? '<none>',
          });
        }
      }
      const filter = x.p.args[0];
      const shown = rows
        .filter(
          (r) =>
            !filter ||
            (r.repo === filter.split(':')[0] && (!filter.includes(':') || r.tag === filter.split(':')[1])),
        )
        .sort((a, b) => b.created - a.created || a.repo.localeCompare(b.repo) || a.tag.localeCompare(b.tag));
      if (x.p.bools.has('quiet')) {
        for (const id of [...new Set(shown.map((r) => r.id))]) x.ctx.out(id.slice(7, 19) + '\n');
        return 0;
      }
      const digests = x.p.bools.has('digests');
      const header = ['REPOSITORY', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'CREATED', 'SIZE'];
      x.ctx.out(
        table(
          header,
          shown.map((r) => [
            r.repo,
            r.tag,
            ...(digests ? [r.digest] : []),
            x.p.bools.has('no-trunc') ? r.id : r.id.slice(7, 19),
            ago(x.ctx.cluster.now - r.created),
            humanSize(r.size),
          ]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'rmi',
    summary: 'Remove one or more images',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    flags: [f('force', 'f', false, 'Force removal of the image')],
    run(x) {
      if (!x.p.args.length)
        return fail(x.ctx, 'rmi', '"docker rmi" requires at least 1 argument.', 1, 'docker: ');
      let code = 0;
      for (const ref of x.p.args) {
        const r = x.d.rmi(ref, x.p.bools.has('force'));
        if (r.ok) x.ctx.out(r.lines.join('\n') + '\n');
        else {
          x.ctx.err(r.error + '\n');
          code = 1;
        }
      }
      return code;
    },
  },
  {
    name: 'tag',
    summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    flags: [],
    run(x) {
      const [src, dst] = x.p.args;
      if (!src || !dst)
        return fail(x.ctx, 'tag', '"docker tag" requires exactly 2 arguments.', 1, 'docker: ');
      const r = x.d.tag(src, dst);
      return r.ok ? 0 : fail(x.ctx, 'tag', r.error);
    },
  },
  {
    name: 'history',
    summary: 'Show the history of an image',
    usage: 'docker history [OPTIONS] IMAGE',
    flags: [
      f('no-trunc', undefined, false, "Don't truncate output"),
      f('quiet', 'q', false, 'Only show image IDs'),
    ],
    run(x) {
      const ref = x.p.args[0];
      if (!ref) return fail(x.ctx, 'history', '"docker history" requires exactly 1 argument.', 1, 'docker: ');
      const img = x.d.rt.localImage(x.d.host, ref);
      if (!img)
        return fail(x.ctx, 'history', `Error response from daemon: No such image: ${x.d.familiar(ref)}`);
      const rows: string[][] = [];
      let li = 0;
      const entries = img.history.map((hEntry) => {
        const size = hEntry.emptyLayer ? 0 : (x.d.rt.layer(img.layers[li++] ?? '')?.size ?? 0);
        return { hEntry, size };
      });
      entries.reverse().forEach(({ hEntry, size }, i) => {
        const by = hEntry.createdBy.replace(/\n/g, ' ');
        rows.push([
          i === 0 ? img.id.slice(7, 19) : '<missing>',
          ago(x.ctx.cluster.now - x.ctx.cluster.fromIso(hEntry.created)),
          x.p.bools.has('no-trunc') || by.length <= 45 ? by : by.slice(0, 44) + '…',
          humanSize(size),
          hEntry.comment ?? '',
        ]);
      });
      x.ctx.out(table(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], rows));
      return 0;
    },
  },
  {
    name: 'build',
    summary: 'Build an image from a Dockerfile',
    usage: 'docker build [OPTIONS] PATH',
    flags: [
      f('tag', 't', true, "Name and optionally a tag in the 'name:tag' format", true),
      f('file', 'f', true, "Name of the Dockerfile (Default is 'PATH/Dockerfile')"),
      f('build-arg', undefined, true, 'Set build-time variables', true),
      f('no-cache', undefined, false, 'Do not use cache when building the image'),
      f('target', undefined, true, 'Set the target build stage to build'),
      f('progress', undefined, true, 'Set type of progress output (auto, plain, tty)'),
      f('quiet', 'q', false, 'Suppress the build output and print image ID on success'),
    ],
    run(x) {
      const dir = x.p.args[0];
      if (!dir) return fail(x.ctx, 'build', '"docker build" requires exactly 1 argument.', 1, 'ERROR: ');
      const root = dir === '.' || dir === './' ? '.' : dir.replace(/\/+$/, '').replace(/^\.\//, '');
      if (root !== '.' && !x.ctx.fs.isDir(root))
        return fail(x.ctx, 'build', `ERROR: unable to prepare context: path "${dir}" not found`);
      const context = readTree(x.ctx.fs, root);
      const fileArg = last(x.p, 'file') ?? 'Dockerfile';
      const dfPath =
        fileArg === '-'
          ? undefined
          : last(x.p, 'file')
            ? fileArg
            : root === '.'
              ? fileArg
              : `${root}/${fileArg}`;
      const dockerfile = fileArg === '-' ? x.ctx.stdin : (x.ctx.fs.read(dfPath!) ?? context[fileArg]);
      if (dockerfile === undefined) {
        return fail(
          x.ctx,
          'build',
          `ERROR: failed to solve: failed to read dockerfile: open ${fileArg}: no such file or directory`,
        );
      }
      const buildArgs: Record<string, string> = {};
      for (const a of x.p.values['build-arg'] ?? []) {
        const i = a.indexOf('=');
        if (i > 0) buildArgs[a.slice(0, i)] = a.slice(i + 1);
      }
      const r = build(x.d, {
        dockerfile,
        dockerfileName: fileArg.split('/').pop()!,
        context,
        tags: x.p.values.tag ?? [],
        buildArgs,
        noCache: x.p.bools.has('no-cache'),
        target: last(x.p, 'target'),
      });
      if (x.p.bools.has('quiet') && r.ok) x.ctx.out(r.imageId + '\n');
      else if (r.ok) x.ctx.out(r.lines.join('\n') + '\n');
      else x.ctx.err(r.lines.join('\n') + '\n');
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'network',
    summary: 'Manage networks',
    usage: 'docker network COMMAND (ls | create | connect | disconnect | rm | inspect)',
    flags: [
      f('driver', 'd', true, 'Driver to manage the Network'),
      f('quiet', 'q', false, 'Only display network IDs'),
    ],
    run(x) {
      const [sub, ...rest] = x.p.args;
      const d = x.d;
      switch (sub) {
        case 'ls':
        case 'list': {
          const nets = Object.values(d.st.networks).sort((a, b) => a.name.localeCompare(b.name));
          if (x.p.bools.has('quiet')) {
            for (const n of nets) x.ctx.out(n.id.slice(0, 12) + '\n');
            return 0;
          }
          x.ctx.out(
            table(
              ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
              nets.map((n) => [n.id.slice(0, 12), n.name, n.driver, 'local']),
            ),
          );
          return 0;
        }
        case 'create': {
          if (!rest[0])
            return fail(
              x.ctx,
              'network create',
              '"docker network create" requires exactly 1 argument.',
              1,
              'docker: ',
            );
          const r = d.networkCreate(rest[0], last(x.p, 'driver'));
          if (!r.ok) return fail(x.ctx, 'network create', r.error);
          x.ctx.out(r.id + '\n');
          return 0;
        }
        case 'connect': {
          if (rest.length < 2)
            return fail(
              x.ctx,
              'network connect',
              '"docker network connect" requires exactly 2 arguments.',
              1,
              'docker: ',
            );
          const r = d.networkConnect(rest[0]!, rest[1]!);
          return r.ok ? 0 : fail(x.ctx, 'network connect', r.error);
        }
        case 'rm':
        case 'remove': {
          let code = 0;
          for (const n of rest) {
            const r = d.networkRm(n);
            if (r.ok) x.ctx.out(n + '\n');
            else {
              x.ctx.err(r.error + '\n');
              code = 1;
            }
          }
          return code;
        }
        case 'inspect': {
          const docs = rest
            .map((n) => d.st.networks[n])
            .filter((n) => !!n)
            .map((n) => networkDoc(x.ctx.cluster, d, n!));
          emitDocs(x, docs);
          return docs.length === rest.length ? 0 : 1;
        }
        default:
          x.ctx.err(
            `Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  rm          Remove one or more networks\n`,
          );
          return sub ? 1 : 0;
      }
    },
  },
  {
    name: 'volume',
    summary: 'Manage volumes',
    usage: 'docker volume COMMAND (create | ls | rm | inspect | prune)',
    flags: [
      f('quiet', 'q', false, 'Only display volume names'),
      f('force', 'f', false, 'Do not prompt for confirmation'),
    ],
    run(x) {
      const [sub, ...rest] = x.p.args;
      const d = x.d;
      switch (sub) {
        case 'create': {
          const name = rest[0] ?? x.ctx.cluster.rng.hex(64);
          d.ensureVolume(name, !rest[0]);
          x.ctx.out(name + '\n');
          return 0;
        }
        case 'ls':
        case 'list': {
          const vols = Object.values(d.st.volumes).sort((a, b) => a.name.localeCompare(b.name));
          if (x.p.bools.has('quiet')) {
            for (const v of vols) x.ctx.out(v.name + '\n');
            return 0;
          }
          x.ctx.out(
            table(
              ['DRIVER', 'VOLUME NAME'],
              vols.map((v) => ['local', v.name]),
            ),
          );
          return 0;
        }
        case 'rm':
        case 'remove': {
          let code = 0;
          for (const n of rest) {
            const r = d.removeVolume(n);
            if (r.ok) x.ctx.out(n + '\n');
            else {
              x.ctx.err(r.error + '\n');
              code = 1;
            }
          }
          return code;
        }
        case 'inspect': {
          const docs = rest
            .map((n) => d.st.volumes[n])
            .filter((v) => !!v)
            .map((v) => volumeDoc(x.ctx.cluster, v!));
          emitDocs(x, docs);
          return docs.length === rest.length ? 0 : 1;
        }
        case 'prune': {
          const removed: string[] = [];
          let bytes = 0;
          for (const v of Object.values(d.st.volumes)) {
            if (!v.anonymous || d.volumeInUse(v.name)) continue;
            bytes += d.volumeBytes(v.name);
            d.removeVolume(v.name);
            removed.push(v.name);
          }
          if (removed.length) x.ctx.out(`Deleted Volumes:\n${removed.join('\n')}\n\n`);
          x.ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
          return 0;
        }
        default:
          x.ctx.err(
            'Usage:  docker volume COMMAND\n\nManage volumes\n\nCommands:\n  create      Create a volume\n  inspect     Display detailed information on one or more volumes\n  ls          List volumes\n  prune       Remove unused local volumes\n  rm          Remove one or more volumes\n',
          );
          return sub ? 1 : 0;
      }
    },
  },
  {
    name: 'system',
    summary: 'Manage Docker',
    usage: 'docker system COMMAND (df | prune | info)',
    flags: [
      f('all', 'a', false, 'Remove all unused images not just dangling ones'),
      f('force', 'f', false, 'Do not prompt for confirmation'),
      f('volumes', undefined, false, 'Prune anonymous volumes'),
      f('verbose', 'v', false, 'Show detailed information on space usage'),
    ],
    run(x) {
      const [sub] = x.p.args;
      if (sub === 'df') return systemDf(x);
      if (sub === 'prune') return systemPrune(x);
      if (sub === 'info') return info(x);
      x.ctx.err(
        'Usage:  docker system COMMAND\n\nManage Docker\n\nCommands:\n  df          Show docker disk usage\n  info        Display system-wide information\n  prune       Remove unused data\n',
      );
      return sub ? 1 : 0;
    },
  },
  {
    name: 'info',
    summary: 'Display system-wide information',
    usage: 'docker info',
    flags: [],
    run: (x) => info(x),
  },
  {
    name: 'version',
    summary: 'Show the Docker version information',
    usage: 'docker version',
    flags: [],
    run(x) {
      x.ctx.out(
        [
          'Client:',
          ' Version:           27.3.1',
          ' API version:       1.47',
          ' OS/Arch:           linux/amd64',
          ' Context:           default',
          '',
          'Server: Docker Engine - Community (Kubelab simulation)',
          ' Engine:',
          '  Version:          27.3.1',
          '  API version:      1.47 (minimum version 1.24)',
          `  OS/Arch:          linux/${x.d.arch}`,
          ' containerd:',
          '  Version:          1.7.22',
          ' runc:',
          '  Version:          1.1.14',
          '',
        ].join('\n'),
      );
      return 0;
    },
  },
];

function inspectOne(x: VerbContext, ref: string, type: string | undefined): unknown {
  const { d, ctx } = x;
  if (!type || type === 'container') {
    const meta = d.find(ref);
    if (meta) return containerDoc(ctx.cluster, d, meta, d.rt.record(meta.id)!);
  }
  if (!type || type === 'image') {
    const img = d.rt.localImage(d.host, ref);
    if (img) return imageDoc(ctx.cluster, d, img);
  }
  if (!type || type === 'network') {
    const n = d.st.networks[ref];
    if (n) return networkDoc(ctx.cluster, d, n);
  }
  if (!type || type === 'volume') {
    const v = d.st.volumes[ref];
    if (v) return volumeDoc(ctx.cluster, v);
  }
  return undefined;
}

function emitDocs(x: VerbContext, docs: unknown[]): void {
  const fmt = last(x.p, 'format');
  if (fmt) for (const doc of docs) x.ctx.out(goTemplate(fmt, doc) + '\n');
  else x.ctx.out(JSON.stringify(docs, null, 4) + '\n');
}

function systemDf(x: VerbContext): number {
  const { d } = x;
  const h = d.rt.host(d.host);
  const containers = d.list(true);
  const usedImages = new Set(containers.map((c) => c.rec.imageId));
  const activeLayers = new Set<string>();
  for (const id of usedImages) for (const l of d.rt.image(id)?.layers ?? []) activeLayers.add(l);
  // Each layer counts once, however many images share it.
  let total = 0;
  let reclaim = 0;
  for (const l of h.layers) {
    const size = d.rt.layer(l)?.size ?? 0;
    total += size;
    if (!activeLayers.has(l)) reclaim += size;
  }
  const images = Object.keys(h.images);
  const cBytes = containers.reduce((n, c) => n + d.rt.container(c.meta.id)!.writableBytes, 0);
  const cReclaim = containers
    .filter((c) => c.rec.state !== 'running')
    .reduce((n, c) => n + d.rt.container(c.meta.id)!.writableBytes, 0);
  const vols = Object.values(d.st.volumes);
  const vBytes = vols.reduce((n, v) => n + d.volumeBytes(v.name), 0);
  const vActive = vols.filter((v) => d.volumeInUse(v.name));
  const vReclaim = vols.filter((v) => !d.volumeInUse(v.name)).reduce((n, v) => n + d.volumeBytes(v.name), 0);
  const cache = Object.entries(d.st.buildCache).filter(([k]) => !k.startsWith('image:'));
  const cacheBytes = cache.reduce((n, [, e]) => n + e.size, 0);
  const pct = (a: number, b: number) => (b ? ` (${Math.round((a / b) * 100)}%)` : '');
  x.ctx.out(
    table(
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      [
        [
          'Images',
          String(images.length),
          String([...usedImages].filter((i) => h.images[i]).length),
          humanSize(total),
          `${humanSize(reclaim)}${pct(reclaim, total)}`,
        ],
        [
          'Containers',
          String(containers.length),
          String(containers.filter((c) => c.rec.state === 'running').length),
          humanSize(cBytes),
          `${humanSize(cReclaim)}${pct(cReclaim, cBytes)}`,
        ],
        [
          'Local Volumes',
          String(vols.length),
          String(vActive.length),
          humanSize(vBytes),
          `${humanSize(vReclaim)}${pct(vReclaim, vBytes)}`,
        ],
        ['Build Cache', String(cache.length), '0', humanSize(cacheBytes), humanSize(cacheBytes)],
      ],
    ),
  );
  return 0;
}

function systemPrune(x: VerbContext): number {
  const { d, ctx } = x;
  const all = x.p.bools.has('all');
  const vols = x.p.bools.has('volumes');
  ctx.out(
    [
      'WARNING! This will remove:',
      '  - all stopped containers',
      '  - all networks not used by at least one container',
      ...(vols ? ['  - all anonymous volumes not used by at least one container'] : []),
      all ? '  - all images without at least one container associated to them' : '  - all dangling images',
      all ? '  - all build cache' : '  - unused build cache',
      '',
    ].join('\n') + '\n',
  );
  if (!x.p.bools.has('force')) {
    ctx.out('Are you sure you want to continue? [y/N] ');
    if (!/^y/i.test((ctx.stdin ?? '').trim())) {
      ctx.out('\n');
      return 1;
    }
    ctx.out('\n');
  }
  let bytes = 0;
  const containers = d.list(true).filter((c) => c.rec.state !== 'running');
  for (const c of containers) {
    bytes += d.rt.container(c.meta.id)!.writableBytes;
    d.rm(c.meta.id);
  }
  const nets = Object.values(d.st.networks).filter(
    (n) => n.userDefined && !Object.values(d.st.containers).some((m) => n.name in m.networks),
  );
  for (const n of nets) d.networkRm(n.name);
  const deletedImages: string[] = [];
  const h = d.rt.host(d.host);
  const inUse = new Set(Object.values(d.st.containers).map((m) => d.rt.record(m.id)?.imageId));
  for (const [id, meta] of Object.entries(h.images)) {
    if (inUse.has(id)) continue;
    if (!all && meta.repoTags.length) continue;
    const img = d.rt.image(id);
    const before = h.layers.length;
    const removed = d.rt.deleteImage(d.host, id);
    for (const t of meta.repoTags) deletedImages.push(`untagged: ${t}`);
    deletedImages.push(`deleted: ${id}`);
    for (const l of removed) {
      bytes += d.rt.layer(l)?.size ?? 0;
      deletedImages.push(`deleted: ${l}`);
    }
    void img;
    void before;
  }
  const cacheKeys = Object.keys(d.st.buildCache).filter((k) => !k.startsWith('image:'));
  for (const k of cacheKeys) {
    bytes += d.st.buildCache[k]!.size;
    delete d.st.buildCache[k];
  }
  if (vols) {
    for (const v of Object.values(d.st.volumes))
      if (v.anonymous && !d.volumeInUse(v.name)) d.removeVolume(v.name);
  }
  if (containers.length) ctx.out(`Deleted Containers:\n${containers.map((c) => c.meta.id).join('\n')}\n\n`);
  if (nets.length) ctx.out(`Deleted Networks:\n${nets.map((n) => n.name).join('\n')}\n\n`);
  if (deletedImages.length) ctx.out(`Deleted Images:\n${deletedImages.join('\n')}\n\n`);
  if (cacheKeys.length)
    ctx.out(`Deleted build cache objects:\n${cacheKeys.map((k) => k.slice(0, 25)).join('\n')}\n\n`);
  ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
  return 0;
}

function info(x: VerbContext): number {
  const { d } = x;
  const list = d.list(true);
  const running = list.filter((c) => c.rec.state === 'running').length;
  x.ctx.out(
    [
      'Client: Docker Engine - Community',
      ' Version:    27.3.1',
      ' Context:    default',
      '',
      'Server:',
      ` Containers: ${list.length}`,
      `  Running: ${running}`,
      '  Paused: 0',
      `  Stopped: ${list.length - running}`,
      ` Images: ${Object.keys(d.rt.host(d.host).images).length}`,
      ' Server Version: 27.3.1',
      ' Storage Driver: overlay2',
      ' Cgroup Driver: systemd',
      ' Cgroup Version: 2',
      ' Runtimes: io.containerd.runc.v2 runc',
      ' Default Runtime: runc',
      ' Kernel Version: 6.8.0-48-generic',
      ' Operating System: Ubuntu 24.04.1 LTS',
      ' OSType: linux',
      ` Architecture: ${d.arch === 'amd64' ? 'x86_64' : 'aarch64'}`,
      ` CPUs: ${DOCKER_HOST_CPUS}`,
      ` Total Memory: ${bytesSize(DOCKER_HOST_MEMORY)}`,
      ` Name: ${d.host}`,
      ' Docker Root Dir: /var/lib/docker',
      ' Registry: https://index.docker.io/v1/',
      '',
    ].join('\n'),
  );
  return 0;
}

const GROUPS: Record<string, Record<string, string>> = {
  container: {
    ls: 'ps',
    list: 'ps',
    run: 'run',
    create: 'create',
    start: 'start',
    stop: 'stop',
    restart: 'restart',
    kill: 'kill',
    rm: 'rm',
    logs: 'logs',
    exec: 'exec',
    inspect: 'inspect',
    stats: 'stats',
    top: 'top',
    diff: 'diff',
  },
  image: {
    ls: 'images',
    list: 'images',
    pull: 'pull',
    push: 'push',
    rm: 'rmi',
    tag: 'tag',
    history: 'history',
    inspect: 'inspect',
    build: 'build',
  },
  builder: { build: 'build' },
  buildx: { build: 'build' },
};

function help(ctx: CommandContext): number {
  const lines = [
    'Usage:  docker [OPTIONS] COMMAND',
    '',
    'A self-sufficient runtime for containers (simulated by Kubelab)',
    '',
    'Commands:',
  ];
  for (const v of verbs) lines.push(`  ${v.name.padEnd(11)} ${v.summary}`);
  lines.push('', "Run 'docker COMMAND --help' for more information on a command.");
  ctx.out(lines.join('\n') + '\n');
  return 0;
}

export const docker: CommandDef = {
  name: 'docker',
  summary: {
    en: 'The Docker client: build, pull and run containers on the simulated Docker host',
    zh: 'Docker 客户端：在模拟的 Docker 宿主机上构建、拉取和运行容器',
  },
  usage: 'docker COMMAND [OPTIONS]',
  subcommands: verbs.map((v) => ({ name: v.name, summary: v.summary, flags: v.flags })),
  flags: [],
  run(ctx) {
    let argv = [...ctx.argv];
    if (!argv.length || argv[0] === '--help' || argv[0] === 'help') return help(ctx);
    if (argv[0] === '--version' || argv[0] === '-v') {
      ctx.out('Docker version 27.3.1, build ce12230\n');
      return 0;
    }
    const group = GROUPS[argv[0]!];
    if (group) {
      const mapped = argv[1] ? group[argv[1]] : undefined;
      if (!mapped) {
        ctx.err(`docker: '${argv[0]} ${argv[1] ?? ''}' is not a docker command.\nSee 'docker --help'\n`);
        return 1;
      }
      argv = [mapped, ...argv.slice(2)];
    }
    const verb = verbs.find((v) => v.name === argv[0] || v.aliases?.includes(argv[0]!));
    if (!verb) {
      ctx.err(`docker: '${argv[0]}' is not a docker command.\nSee 'docker --help'\n`);
      return 1;
    }
    const rest = argv.slice(1);
    if (rest[0] === '--help') {
      const lines = [`Usage:  ${verb.usage}`, '', verb.summary, '', 'Options:'];
      for (const fl of verb.flags)
        lines.push(
          `  ${fl.short ? `-${fl.short}, ` : '    '}--${fl.name}${fl.value ? ' string' : ''}`.padEnd(32) +
            fl.help,
        );
      ctx.out(lines.join('\n') + '\n');
      return 0;
    }
    const parsed = parseFlags(rest, verb.flags, !!verb.stop);
    if (!parsed.ok) {
      ctx.err(`${parsed.error}\nSee 'docker ${verb.name} --help'.\n`);
      return 125;
    }
    let d: DockerDaemon;
    try {
      d = dockerOf(ctx.cluster);
    } catch {
      ctx.err(
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      );
      return 1;
    }
    const image = parseImageRef;
    void image;
    return verb.run({ ctx, d, p: parsed.p, verb: verb.name });
  },
};
