/**
 * Container verbs: run, create, ps, start, stop, restart, kill, rm, logs, exec, inspect, stats, top, diff.
 */
import { DOCKER_HOST_CPUS, DOCKER_HOST_MEMORY, type RunOptions } from '../../sim/docker/dockerTypes';
import { last, type VerbFlag } from './flags';
import { table } from './format';
import { bytesSize, humanSize, parseRam } from '../../sim/util/units';
import { containerDoc, imageDoc, networkDoc, volumeDoc } from './inspect';
import { emitDocs, f, fail, readTree, type Verb, type VerbContext } from './verb';
import { psVerb } from './psVerb';

const RUN_FLAGS: VerbFlag[] = [
  f('detach', 'd', false, 'Run container in background and print container ID'),
  f('name', undefined, true, 'Assign a name to the container'),
  f('publish', 'p', true, "Publish a container's port(s) to the host", true),
  f('label', 'l', true, 'Set meta data on a container', true),
  f('publish-all', 'P', false, 'Publish all exposed ports to random ports'),
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
    publishAll: p.bools.has('publish-all'),
    labels: Object.fromEntries(
      (p.values.label ?? []).map((l) => [
        l.split('=')[0]!,
        l.includes('=') ? l.slice(l.indexOf('=') + 1) : '',
      ]),
    ),
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

function containerRef(x: VerbContext): string | undefined {
  return x.p.args[0];
}

function printRunOutput(x: VerbContext, id: string): number {
  const { d, ctx } = x;
  // Without -d the client attaches: a short-lived command runs to its end; a server keeps running (the terminal
  // shows its first lines and returns, as it cannot stay attached).
  // Bounded: a script may wait up to 2 minutes of virtual time; the studio's terminal detaches sooner, so one
  // command does not move the whole cluster's clock far.
  const deadline = ctx.cluster.now + (ctx.mode === 'script' ? 120_000 : 10_000);
  let shown = 0;
  const flush = () => {
    const logs = d.logsOf(id);
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
  // Kubelab's own notes (not docker's output) come in both languages.
  if (meta?.tty && rec?.state === 'exited' && !ctx.stdin) {
    const prog = rec.argv[0] ?? 'sh';
    ctx.err(
      `(Kubelab: the terminal cannot attach to a container, so ${prog} found no input and exited. ` +
        `Keep one running with "docker run -d --name c ${meta.image} sleep infinity", then use "docker exec c <command>".)\n` +
        `（Kubelab：终端无法附加到容器，${prog} 没有读到输入就退出了。` +
        `可先用 "docker run -d --name c ${meta.image} sleep infinity" 让容器保持运行，再用 "docker exec c <命令>"。）\n`,
    );
  }
  if (!rec) return d.lastExit(id) ?? 0;
  if (rec.state === 'running') {
    const name = d.st.containers[id]?.name ?? id.slice(0, 12);
    ctx.err(
      `(Kubelab: container ${name} keeps running; the terminal detached from it — see docker ps, docker logs ${name})\n` +
        `（Kubelab：容器 ${name} 仍在运行，终端已与它分离——请用 docker ps、docker logs ${name} 查看）\n`,
    );
    return 0;
  }
  return rec.exitCode ?? 0;
}

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

export const containerVerbs: Verb[] = [
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
      if (!r.ok && r.created) {
        // The CLI created the container, printed its ID (detached), then the start failed: reportError
        // without the help line, the message ending in a period (cli/command/container/run.go).
        for (const l of r.created.lines) x.ctx.err(l + '\n');
        if (o.detach) x.ctx.out(r.created.id + '\n');
        x.ctx.err(`docker: ${r.error.replace(/\.$/, '')}.\n`);
        return r.exitCode ?? 125;
      }
      if (!r.ok) return fail(x.ctx, 'run', `${r.error.replace(/\.$/, '')}.`, r.exitCode ?? 125, 'docker: ');
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
      if (!r.ok) return fail(x.ctx, 'create', `${r.error.replace(/\.$/, '')}.`, 125, 'docker: ');
      for (const l of r.lines) x.ctx.err(l + '\n');
      x.ctx.out(r.id + '\n');
      return 0;
    },
  },
  psVerb,
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
      const all = rec.logs;
      const tail = last(x.p, 'tail');
      const from = tail !== undefined && tail !== 'all' ? Math.max(0, all.lines.length - Number(tail)) : 0;
      const ts = x.p.bools.has('timestamps');
      const line = (log: typeof all, i: number) =>
        `${ts ? x.ctx.cluster.iso(log.times[i]).replace('Z', '.000000000Z') + ' ' : ''}${log.lines[i]}\n`;
      for (let i = from; i < all.lines.length; i++) x.ctx.out(line(all, i));
      if (x.p.bools.has('follow') && x.ctx.mode === 'interactive' && x.ctx.keepAlive) {
        // Follow: print lines as the container writes them, until Ctrl+C.
        let seen = rec.logs.lines.length;
        const stop = x.ctx.cluster.onChange(() => {
          const cur = x.d.rt.record(meta.id);
          if (!cur) return;
          // (once the log is trimmed to its newest 5000 lines, lines written in between may be skipped)
          for (let i = Math.min(seen, cur.logs.lines.length); i < cur.logs.lines.length; i++)
            x.ctx.out(line(cur.logs, i));
          seen = cur.logs.lines.length;
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
      if (
        x.p.bools.has('tty') &&
        !x.ctx.stdin &&
        argv.length === 1 &&
        /(^|\/)(sh|bash|ash)$/.test(argv[0]!)
      ) {
        x.ctx.err(
          `(Kubelab: the terminal cannot open an interactive shell in a container; run each command directly, e.g. "docker exec ${ref} ls /".)\n` +
            `（Kubelab：终端无法在容器中打开交互式 shell；请直接运行每条命令，例如 "docker exec ${ref} ls /"。）\n`,
        );
      }
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
      if (!emitDocs(x, docs)) return 1;
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
    name: 'port',
    summary: 'List port mappings or a specific mapping for the container',
    usage: 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]',
    flags: [],
    run(x) {
      const ref = containerRef(x);
      if (!ref) return fail(x.ctx, 'port', '"docker port" requires at least 1 argument.', 1, 'docker: ');
      const meta = x.d.find(ref);
      if (!meta) return fail(x.ctx, 'port', `Error response from daemon: No such container: ${ref}`);
      const want = x.p.args[1];
      const running = x.d.rt.record(meta.id)?.state === 'running';
      const maps = running
        ? meta.ports.filter(
            (b) => !want || `${b.containerPort}/${b.proto}` === (want.includes('/') ? want : `${want}/tcp`),
          )
        : [];
      if (want && !maps.length)
        return fail(
          x.ctx,
          'port',
          `Error: No public port '${want.includes('/') ? want : `${want}/tcp`}' published for ${ref}`,
        );
      for (const b of maps) {
        const head = want ? '' : `${b.containerPort}/${b.proto} -> `;
        x.ctx.out(`${head}${b.hostIp || '0.0.0.0'}:${b.hostPort}\n`);
        // published without an address: bound on IPv6 too, which docker port lists as [::]
        if (!b.hostIp) x.ctx.out(`${head}[::]:${b.hostPort}\n`);
      }
      return 0;
    },
  },
  {
    name: 'container-prune',
    hidden: true,
    summary: 'Remove all stopped containers',
    usage: 'docker container prune [OPTIONS]',
    flags: [f('force', 'f', false, 'Do not prompt for confirmation')],
    run(x) {
      x.ctx.out('WARNING! This will remove all stopped containers.\n');
      if (!x.p.bools.has('force')) {
        x.ctx.out('Are you sure you want to continue? [y/N] ');
        if (!/^y/i.test((x.ctx.stdin ?? '').trim())) {
          x.ctx.out('\n');
          return 1;
        }
        x.ctx.out('\n');
      }
      const stopped = x.d.list(true).filter((c) => c.rec.state !== 'running');
      let bytes = 0;
      for (const c of stopped) {
        bytes += x.d.rt.container(c.meta.id)!.writableBytes;
        x.d.rm(c.meta.id);
      }
      if (stopped.length) x.ctx.out(`Deleted Containers:\n${stopped.map((c) => c.meta.id).join('\n')}\n\n`);
      x.ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
      return 0;
    },
  },
];
