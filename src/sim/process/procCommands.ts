/**
 * Process and environment applets: sleep, ps, kill, env, printenv, nohup, nice, timeout, hostname, id, whoami,
 * uname, nproc, pwd.
 */
import type { Proc } from './types';
import { parseFlags, type CmdCtx, type CmdFn, type CmdResult } from './applet';

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15, USR1: 10, USR2: 12 };

/** `ps` rows: PID 1 first, then background jobs, their foreground children and helper processes. */
export function psRows(proc: Proc): { pid: number; user: string; time: string; command: string }[] {
  if (!proc.running) return [];
  const rows: { pid: number; user: string; time: string; command: string }[] = [];
  for (const t of proc.threads) {
    if (t.done) continue;
    rows.push({ pid: t.pid, user: 'root', time: '0:00', command: t.cmdline });
    if (t.child) rows.push({ pid: t.child.pid, user: 'root', time: '0:00', command: t.child.cmd });
  }
  for (const e of proc.extra) rows.push({ pid: e.pid, user: e.user ?? 'root', time: '0:00', command: e.cmd });
  return rows.sort((a, b) => a.pid - b.pid);
}

function parseSleep(s: string): number | undefined {
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as '' | 's' | 'm' | 'h' | 'd'
  ];
  return Math.round(Number(m[1]) * mult);
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function runRest(c: CmdCtx, from: number): CmdResult {
  const rest = c.argv.slice(from);
  if (!rest.length) return { status: 0 };
  return { status: 0, ctl: { k: 'script', src: `exec ${rest.map(q).join(' ')}`, isolate: true } };
}

export const procCommands: Record<string, CmdFn> = {
  sleep: (c) => {
    if (c.argv.length < 2) {
      c.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
      return { status: 1 };
    }
    let total = 0;
    for (const a of c.argv.slice(1)) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        c.err(`sleep: invalid number '${a}'\n`);
        return { status: 1 };
      }
      total += ms;
    }
    if (total === Infinity) return { status: 0, forever: true };
    return { status: 0, delay: total };
  },
  env: (c) => {
    const rest = c.argv.slice(1);
    let i = 0;
    const extra: string[] = [];
    while (i < rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i]!)) extra.push(rest[i++]!);
    if (i < rest.length) {
      const words = [
        ...extra.map((e) => `'${e.replace(/'/g, `'\\''`)}'`.replace(/^'([^=]*)=/, "$1='")),
        ...rest.slice(i).map(q),
      ];
      return { status: 0, ctl: { k: 'script', src: `exec ${words.join(' ')}`, isolate: true } };
    }
    const env = { ...c.env };
    for (const e of extra) env[e.slice(0, e.indexOf('='))] = e.slice(e.indexOf('=') + 1);
    c.out(
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return { status: 0 };
  },
  printenv: (c) => {
    const names = c.argv.slice(1);
    if (!names.length) {
      c.out(
        Object.entries(c.env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      return { status: 0 };
    }
    let st = 0;
    for (const n of names) {
      const v = c.env[n];
      if (v === undefined) st = 1;
      else c.out(v + '\n');
    }
    return { status: st };
  },
  hostname: (c) => {
    const h = c.m.io.hostname(c.m.proc.cid);
    if (c.argv[1] === '-i') {
      const r = c.m.io.resolve(c.m.proc.cid, h);
      c.out((r?.addresses[0] ?? '127.0.0.1') + '\n');
    } else c.out(h + '\n');
    return { status: 0 };
  },
  pwd: (c) => {
    c.out(c.th.cwd + '\n');
    return { status: 0 };
  },
  ps: (c) => {
    const rows = psRows(c.m.proc);
    const lines = ['PID   USER     TIME  COMMAND'];
    for (const r of rows)
      lines.push(`${String(r.pid).padStart(5)} ${r.user.padEnd(8)} ${r.time.padStart(5)} ${r.command}`);
    c.out(lines.join('\n') + '\n');
    return { status: 0 };
  },
  id: (c) => {
    c.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    return { status: 0 };
  },
  whoami: (c) => {
    c.out('root\n');
    return { status: 0 };
  },
  uname: (c) => {
    const { flags } = parseFlags(c.argv);
    const host = c.m.io.hostname(c.m.proc.cid);
    const parts: string[] = [];
    if (flags.a) parts.push('Linux', host, '6.1.0-kubelab', '#1 SMP PREEMPT_DYNAMIC', 'x86_64', 'GNU/Linux');
    else {
      if (flags.s || Object.keys(flags).length === 0) parts.push('Linux');
      if (flags.n) parts.push(host);
      if (flags.r) parts.push('6.1.0-kubelab');
      if (flags.m) parts.push('x86_64');
    }
    c.out(parts.join(' ') + '\n');
    return { status: 0 };
  },
  kill: (c) => {
    let sig: 'SIGTERM' | 'SIGKILL' = 'SIGTERM';
    const targets: string[] = [];
    for (let i = 1; i < c.argv.length; i++) {
      const a = c.argv[i]!;
      if (a === '-s') {
        const s = (c.argv[++i] ?? '').replace(/^SIG/, '');
        if (SIGNALS[s] === 9) sig = 'SIGKILL';
      } else if (a === '-l') {
        c.out('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n');
        return { status: 0 };
      } else if (/^-/.test(a)) {
        const s = a.slice(1).replace(/^SIG/, '');
        const n = /^\d+$/.test(s) ? Number(s) : SIGNALS[s];
        if (n === 9) sig = 'SIGKILL';
      } else targets.push(a);
    }
    let st = 0;
    for (const t of targets) {
      const pid = t.startsWith('%') ? Number(c.th.vars['!'] ?? NaN) : Number(t);
      if (!Number.isInteger(pid) || !c.m.ctl.kill(c.m.proc, pid, sig)) {
        c.err(`sh: can't kill pid ${t}: No such process\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  nproc: (c) => {
    c.out('2\n');
    return { status: 0 };
  },
  nohup: (c) => runRest(c, 1),
  nice: (c) => runRest(c, c.argv[1] === '-n' ? 3 : 1),
  timeout: (c) => runRest(c, 2),
};
