/** The shell's built-in commands (`cd`, `export`, `trap`, `read`, `exec` …), `sh -c` and scripts found on PATH. */
import type { Machine } from './machineTypes';
import type { Frame, Thread } from './types';
import { lookupCommand, type CmdResult } from './commands';
import { resolvePath, stdinOf, write } from './machineOutput';
import { NO_TRAPS, positional } from './thread';

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

export function isShell(name: string): boolean {
  return SHELLS.has(name.slice(name.lastIndexOf('/') + 1));
}

/** Runs one command: functions, shell built-ins, then the container's commands. */
export function dispatch(
  m: Machine,
  th: Thread,
  f: Frame,
  argv: string[],
  assigns: Record<string, string>,
): CmdResult {
  const name = argv[0]!;
  const fn = th.funcs[name];
  if (fn) {
    const body: Frame = { s: fn.s, n: fn.n, pc: 0, args: [name, ...argv.slice(1)] };
    return { status: 0, ctl: { k: 'push', frames: [{ s: -1, n: 0, pc: 0, mark: 'fn' }, body] } };
  }
  switch (name) {
    case 'exit': {
      const n = argv[1] !== undefined ? Number(argv[1]) : th.status;
      if (!Number.isInteger(n)) {
        write(m, th, 2, `sh: exit: Illegal number: ${argv[1]}\n`);
        return { status: 2, ctl: { k: 'exit', status: 2 } };
      }
      return { status: n & 255, ctl: { k: 'exit', status: n & 255 } };
    }
    case 'return':
      return { status: 0, ctl: { k: 'return', status: argv[1] ? Number(argv[1]) & 255 : th.status } };
    case 'break':
    case 'continue':
      return { status: 0, ctl: { k: name, n: argv[1] ? Math.max(1, Number(argv[1]) || 1) : 1 } };
    case 'wait':
      return {
        status: 0,
        ctl: {
          k: 'jobs',
          pids: argv
            .slice(1)
            .map(Number)
            .filter((x) => x > 0),
        },
      };
    case 'cd': {
      const target = argv[1] ?? th.vars.HOME ?? '/';
      const p = resolvePath(th.cwd, target);
      if (!m.io.isDir(m.proc.cid, p)) {
        write(m, th, 2, `sh: cd: can't cd to ${target}: No such file or directory\n`);
        return { status: 2 };
      }
      th.cwd = p;
      th.vars.PWD = p;
      return { status: 0 };
    }
    case 'export': {
      for (const a of argv.slice(1)) {
        if (a === '-p') continue;
        const eq = a.indexOf('=');
        const k = eq >= 0 ? a.slice(0, eq) : a;
        if (eq >= 0) th.vars[k] = a.slice(eq + 1);
        if (!th.exported.includes(k)) th.exported.push(k);
      }
      Object.assign(th.vars, assigns);
      return { status: 0 };
    }
    case 'unset':
      for (const a of argv.slice(1)) {
        if (a.startsWith('-')) continue;
        delete th.vars[a];
        th.exported = th.exported.filter((e) => e !== a);
      }
      return { status: 0 };
    case 'set': {
      for (const a of argv.slice(1)) {
        if (/^-[a-z]*e/.test(a)) th.errexit = true;
        else if (/^\+[a-z]*e/.test(a)) th.errexit = false;
      }
      if (argv[1] === '--') th.args = [th.args[0] ?? 'sh', ...argv.slice(2)];
      return { status: 0 };
    }
    case 'shift': {
      const args = positional(th);
      const k = Number(argv[1] ?? 1);
      if (k > args.length - 1) return { status: 1 };
      const target = th.frames.findLast((fr) => fr.args);
      const next = [args[0] ?? 'sh', ...args.slice(1 + k)];
      if (target) target.args = next;
      else th.args = next;
      return { status: 0 };
    }
    case 'trap': {
      if (argv.length >= 3) {
        if (th.traps === NO_TRAPS) th.traps = {};
        for (const sig of argv.slice(2)) th.traps[sig.replace(/^SIG/, '').toUpperCase()] = argv[1]!;
      }
      return { status: 0 };
    }
    case 'read': {
      // consumes one line of the nearest stdin
      const owner = th.frames.findLast((fr) => fr.stdin !== undefined);
      const input = owner?.stdin ?? '';
      if (!input) return { status: 1 };
      const nl = input.indexOf('\n');
      const line = nl >= 0 ? input.slice(0, nl) : input;
      if (owner) owner.stdin = nl >= 0 ? input.slice(nl + 1) : '';
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (!names.length) names.push('REPLY');
      const fields = line.trim().split(/[ \t]+/);
      names.forEach((n, i) => {
        th.vars[n] = i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '');
      });
      return { status: 0 };
    }
    case 'eval':
      return { status: 0, ctl: { k: 'script', src: argv.slice(1).join(' '), isolate: false } };
    case '.':
    case 'source': {
      const path = argv[1];
      const src = path ? m.io.readFile(m.proc.cid, resolvePath(th.cwd, path)) : undefined;
      if (src === undefined) {
        write(m, th, 2, `sh: .: can't open '${path ?? ''}'\n`);
        return { status: 2 };
      }
      return { status: 0, ctl: { k: 'script', src, isolate: false } };
    }
    case 'exec': {
      if (argv.length === 1) return { status: 0 };
      // Replaces the shell: when the command ends, so does the thread.
      th.cmdline = argv.slice(1).join(' ');
      const inner = dispatch(m, th, f, argv.slice(1), assigns);
      return { ...inner, exec: true };
    }
  }
  const env: Record<string, string> = {};
  for (const k of th.exported) if (th.vars[k] !== undefined) env[k] = th.vars[k]!;
  Object.assign(env, assigns);
  if (isShell(name)) {
    const r = shellCommand(m, th, argv);
    // a new shell process sees only the environment, not the parent's unexported variables
    if (r.ctl?.k === 'script') r.ctl.env = env;
    return r;
  }
  const cmd = lookupCommand(m.proc, name);
  if (!cmd) {
    const script = findScript(m, th.cwd, name, env.PATH);
    if (script) {
      return {
        status: 0,
        ctl: { k: 'script', src: script.src, isolate: true, args: [script.path, ...argv.slice(1)], env },
      };
    }
    write(m, th, 2, `sh: ${name}: not found\n`);
    return { status: 127 };
  }
  return cmd({
    m,
    th,
    argv,
    env: m.rec ? m.rec.env(env) : env,
    stdin: stdinOf(th),
    out: (t) => write(m, th, 1, t),
    err: (t) => write(m, th, 2, t),
    path: (p) => resolvePath(th.cwd, p),
  });
}

/**
 * An executable shell script in the container's filesystem (a ConfigMap-mounted `run.sh`, a learner's
 * entrypoint): a file whose first line is a `#!` for sh/bash/ash. Bare names are searched on PATH.
 */
export function findScript(
  m: Pick<Machine, 'io' | 'proc'>,
  cwd: string,
  name: string,
  pathVar = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
): { path: string; src: string } | undefined {
  const candidates = name.includes('/')
    ? [resolvePath(cwd, name)]
    : pathVar
        .split(':')
        .filter(Boolean)
        .map((d) => `${d}/${name}`);
  for (const path of candidates) {
    const src = m.io.readFile(m.proc.cid, path);
    if (src === undefined) continue;
    if (/^#!\s*(\/usr\/bin\/env\s+)?(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash)\b/.test(src))
      return { path, src };
    return undefined;
  }
  return undefined;
}

/** `sh -c 'script' [$0 [args…]]`, `sh script.sh`, or `sh` reading stdin. */
function shellCommand(m: Machine, th: Thread, argv: string[]): CmdResult {
  const base = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  let i = 1;
  let errexit = false;
  let dashC = false;
  while (i < argv.length && /^-[a-z]+$/.test(argv[i]!)) {
    if (argv[i]!.includes('e')) errexit = true;
    dashC = argv[i]!.includes('c');
    i++;
    if (dashC) break;
  }
  if (dashC) i--;
  if (dashC) {
    const src = argv[i + 1];
    if (src === undefined) {
      write(m, th, 2, `${base}: -c requires an argument\n`);
      return { status: 2 };
    }
    const rest = argv.slice(i + 2);
    return {
      status: 0,
      ctl: { k: 'script', src, isolate: true, args: [rest[0] ?? base, ...rest.slice(1)], errexit },
    };
  }
  if (argv[i] !== undefined) {
    const file = argv[i]!;
    const src = m.io.readFile(m.proc.cid, resolvePath(th.cwd, file));
    if (src === undefined) {
      write(m, th, 2, `${base}: can't open '${file}': No such file or directory\n`);
      return { status: 2 };
    }
    return { status: 0, ctl: { k: 'script', src, isolate: true, args: argv.slice(i), errexit } };
  }
  const input = stdinOf(th);
  if (!input) return { status: 0 };
  return { status: 0, ctl: { k: 'script', src: input, isolate: true, args: [base], errexit } };
}
