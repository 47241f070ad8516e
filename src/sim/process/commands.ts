/**
 * The container's commands: a busybox-like set with busybox's wording, plus the modelled programs of known
 * images (images.ts). A command runs at once and returns how long it takes in virtual time; the machine waits.
 */
import type { Frame, Proc, Thread } from './types';
import type { Machine } from './machine';
import { genericProgram, imageCommand, imageLacks, isModelledImage } from './images';
import { netCommands } from './netCommands';
import { textCommands } from './textCommands';
import { parseArgv, type FlagSpec } from '../util/flags';

export type Ctl =
  | { k: 'exit'; status: number }
  | { k: 'return'; status: number }
  | { k: 'break' | 'continue'; n: number }
  | { k: 'jobs'; pids: number[] }
  | { k: 'push'; frames: Frame[] }
  | {
      k: 'script';
      src: string;
      isolate: boolean;
      args?: string[];
      errexit?: boolean;
      /** A new process: its variables are exactly this environment. */
      env?: Record<string, string>;
    };

export interface CmdResult {
  /** Exit status. */
  status: number;
  /** Virtual time the command takes (ms). */
  delay?: number;
  /** Output written when the delay ends (the `pi` job prints its digits when done). */
  out?: string;
  /** The command keeps running until killed (servers, `sleep infinity`, `tail -f`). */
  forever?: boolean;
  ctl?: Ctl;
  /** Set by `exec`: the shell is replaced. */
  exec?: boolean;
  /** `ps` text of the child while it runs. */
  child?: string;
}

export interface CmdCtx {
  m: Machine;
  th: Thread;
  argv: string[];
  env: Record<string, string>;
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** Resolves a path against the working directory. */
  path(p: string): string;
}

export type CmdFn = (c: CmdCtx) => CmdResult;

/**
 * Reads an applet's flags getopt-style (busybox) through the one parser of src/sim/util/flags.ts: `withValue`
 * letters take the rest of the word or the next word, `long` maps long options to their letter, and other
 * letters are taken as booleans (applets accept options they ignore). Flags are keyed by letter.
 */
export function parseFlags(
  argv: string[],
  withValue = '',
  long: Record<string, string> = {},
): { flags: Record<string, string | true>; args: string[]; bad?: string } {
  const specs: FlagSpec[] = [...withValue].map((ch) => ({
    name: ch,
    short: ch,
    value: true,
    aliases: Object.keys(long).filter((l) => long[l] === ch),
  }));
  for (const ch of Object.values(long))
    if (!withValue.includes(ch) && !specs.some((sp) => sp.name === ch))
      specs.push({
        name: ch,
        short: ch,
        value: false,
        aliases: Object.keys(long).filter((x) => long[x] === ch),
      });
  const r = parseArgv(argv.slice(1), specs, { style: 'getopt', lenient: true });
  // getopt style with lenient never refuses.
  if (!r.ok) return { flags: {}, args: [] };
  const flags: Record<string, string | true> = {};
  for (const [name, vs] of r.p.values) {
    const v = vs[vs.length - 1]!;
    flags[name] = withValue.includes(name) || v !== 'true' ? v : true;
  }
  return { flags, args: [...r.p.args, ...r.p.rest] };
}

/** Reads files named in args, or stdin when none; reports busybox-style errors. */
export function readInputs(c: CmdCtx, files: string[], tool: string): { text: string; ok: boolean } {
  if (!files.length || (files.length === 1 && files[0] === '-')) return { text: c.stdin, ok: true };
  let text = '';
  let ok = true;
  for (const f of files) {
    if (f === '-') {
      text += c.stdin;
      continue;
    }
    const p = c.path(f);
    if (c.m.io.isDir(c.m.proc.cid, p)) {
      c.err(`${tool}: read error: Is a directory\n`);
      ok = false;
      continue;
    }
    const t = c.m.io.readFile(c.m.proc.cid, p);
    if (t === undefined) {
      c.err(`${tool}: can't open '${f}': No such file or directory\n`);
      ok = false;
      continue;
    }
    text += t;
  }
  return { text, ok };
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15, USR1: 10, USR2: 12 };

function exists(c: CmdCtx, p: string): boolean {
  return c.m.io.readFile(c.m.proc.cid, p) !== undefined || c.m.io.isDir(c.m.proc.cid, p);
}

function testExpr(c: CmdCtx, args: string[]): number {
  const io = c.m.io;
  const cid = c.m.proc.cid;
  const num = (s: string): number | undefined => {
    if (!/^\s*-?\d+\s*$/.test(s)) {
      c.err(`sh: invalid number '${s}'\n`);
      return undefined;
    }
    return Number(s);
  };
  let bad = false;
  const prim = (a: string[]): boolean => {
    if (a.length === 0) return false;
    if (a[0] === '!') return !prim(a.slice(1));
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, x] = a as [string, string];
      const p = c.path(x);
      switch (op) {
        case '-z':
          return x === '';
        case '-n':
          return x !== '';
        case '-f':
          return io.readFile(cid, p) !== undefined && !io.isDir(cid, p);
        case '-d':
          return io.isDir(cid, p);
        case '-e':
        case '-r':
        case '-w':
        case '-x':
        case '-L':
        case '-h':
          return exists(c, p);
        case '-s':
          return (io.readFile(cid, p) ?? '').length > 0 || io.isDir(cid, p);
      }
      c.err(`sh: ${op}: unknown operand\n`);
      bad = true;
      return false;
    }
    if (a.length === 3) {
      const [x, op, y] = a as [string, string, string];
      switch (op) {
        case '=':
        case '==':
          return x === y;
        case '!=':
          return x !== y;
        case '<':
          return x < y;
        case '>':
          return x > y;
      }
      const ops: Record<string, (p: number, q: number) => boolean> = {
        '-eq': (p, q) => p === q,
        '-ne': (p, q) => p !== q,
        '-lt': (p, q) => p < q,
        '-le': (p, q) => p <= q,
        '-gt': (p, q) => p > q,
        '-ge': (p, q) => p >= q,
      };
      const f = ops[op];
      if (f) {
        const p = num(x);
        const q = num(y);
        if (p === undefined || q === undefined) {
          bad = true;
          return false;
        }
        return f(p, q);
      }
    }
    c.err(`sh: syntax error: ${a[1] ?? ''}: unexpected operator\n`);
    bad = true;
    return false;
  };
  const orParts: string[][] = [[]];
  for (const a of args) {
    if (a === '-o') orParts.push([]);
    else orParts[orParts.length - 1]!.push(a);
  }
  const result = orParts.some((part) => {
    const ands: string[][] = [[]];
    for (const a of part) {
      if (a === '-a') ands.push([]);
      else ands[ands.length - 1]!.push(a);
    }
    return ands.every(prim);
  });
  if (bad) return 2;
  return result ? 0 : 1;
}

/** The last text per format: log lines of one second repeat it (formats without %N change once a second). */
const lastDates = new Map<string, { sec: number; text: string }>();
function fmtDate(ms: number, fmt: string): string {
  if (fmt.includes('%N')) return fmtDateNow(ms, fmt);
  const sec = Math.floor(ms / 1000);
  const hit = lastDates.get(fmt);
  if (hit && hit.sec === sec) return hit.text;
  const text = fmtDateNow(ms, fmt);
  if (lastDates.size > 100) lastDates.clear();
  lastDates.set(fmt, { sec, text });
  return text;
}

function fmtDateNow(ms: number, fmt: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return fmt.replace(/%([a-zA-Z%])/g, (_, ch: string) => {
    switch (ch) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'H':
        return p2(d.getUTCHours());
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'a':
        return days[d.getUTCDay()]!;
      case 'b':
        return months[d.getUTCMonth()]!;
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case '%':
        return '%';
    }
    return `%${ch}`;
  });
}

/** Wall-clock milliseconds of the simulation (the cluster's epoch plus virtual time). */
let epochIso = '';
let epochMs = 0;
export function wallMs(m: Machine): number {
  const iso = m.host.iso(0);
  if (iso !== epochIso) {
    epochIso = iso;
    epochMs = Date.parse(iso);
  }
  const base = epochMs;
  return base + m.host.now + (m.sync ? m.elapsed : 0);
}

export function dateText(m: Machine, fmt = '%a %b %e %H:%M:%S %Z %Y'): string {
  return fmtDate(wallMs(m), fmt);
}

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

function echoEscapes(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|[abcefnrtv\\])/g, (_, e: string) => {
    switch (e) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'e':
        return '\x1b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '\\':
        return '\\';
      case 'c':
        stop = true;
        return '\u0000';
    }
    return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
  });
  if (stop) return { text: text.slice(0, text.indexOf('\u0000')), stop };
  return { text, stop };
}

function printfFormat(fmt: string, args: string[]): string {
  let out = '';
  let i = 0;
  do {
    let used = 0;
    out += fmt.replace(
      /%(-?\d*)([sdixXc%])|\\(n|t|\\|r)/g,
      (whole, width: string, conv: string, esc: string) => {
        if (esc) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : '\\';
        if (conv === '%') return '%';
        const a = args[i++] ?? '';
        used++;
        let v = a;
        if (conv === 'd' || conv === 'i') v = String(Math.trunc(Number(a) || 0));
        if (conv === 'x') v = (Math.trunc(Number(a)) || 0).toString(16);
        if (conv === 'X') v = (Math.trunc(Number(a)) || 0).toString(16).toUpperCase();
        if (conv === 'c') v = a.slice(0, 1);
        const w = Number(width);
        if (width && w) v = w < 0 || width.startsWith('-') ? v.padEnd(Math.abs(w)) : v.padStart(w);
        void whole;
        return v;
      },
    );
    if (!used) break;
  } while (i < args.length);
  return out;
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

function lsLong(c: CmdCtx, p: string, name: string): string {
  const io = c.m.io;
  const dir = io.isDir(c.m.proc.cid, p);
  const size = dir ? 4096 : (io.readFile(c.m.proc.cid, p) ?? '').length;
  const when = dateText(c.m, '%b %e %H:%M');
  return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${when} ${name}`;
}

/** The busybox applets every shell image has. */
export const BUILTIN_COMMANDS: Record<string, CmdFn> = {
  true: () => ({ status: 0 }),
  false: () => ({ status: 1 }),
  ':': () => ({ status: 0 }),
  echo: (c) => {
    let i = 1;
    let nl = true;
    let esc = false;
    while (i < c.argv.length && /^-[neE]+$/.test(c.argv[i]!)) {
      const f = c.argv[i]!;
      if (f.includes('n')) nl = false;
      if (f.includes('e')) esc = true;
      if (f.includes('E')) esc = false;
      i++;
    }
    let text = c.argv.slice(i).join(' ');
    if (esc) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) nl = false;
    }
    c.out(text + (nl ? '\n' : ''));
    return { status: 0 };
  },
  printf: (c) => {
    if (c.argv.length < 2) {
      c.err('printf: usage: printf FORMAT [ARGUMENT...]\n');
      return { status: 1 };
    }
    c.out(printfFormat(c.argv[1]!, c.argv.slice(2)));
    return { status: 0 };
  },
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
  touch: (c) => {
    const io = c.m.io;
    let st = 0;
    for (const a of parseFlags(c.argv).args) {
      const p = c.path(a);
      if (io.isDir(c.m.proc.cid, p)) continue;
      const prev = io.readFile(c.m.proc.cid, p);
      if (!io.writeFile(c.m.proc.cid, p, prev ?? '')) {
        c.err(
          `touch: ${a}: ${io.isDir(c.m.proc.cid, parentOf(p)) ? 'Read-only file system' : 'No such file or directory'}\n`,
        );
        st = 1;
      }
    }
    return { status: st };
  },
  rm: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const force = !!flags.f;
    const rec = !!(flags.r || flags.R);
    const io = c.m.io;
    let st = 0;
    if (!args.length && !force) {
      c.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n');
      return { status: 1 };
    }
    for (const a of args) {
      const p = c.path(a);
      const dir = io.isDir(c.m.proc.cid, p);
      if (dir && !rec) {
        c.err(`rm: can't remove '${a}': Is a directory\n`);
        st = 1;
        continue;
      }
      if (!dir && io.readFile(c.m.proc.cid, p) === undefined) {
        if (!force) {
          c.err(`rm: can't remove '${a}': No such file or directory\n`);
          st = 1;
        }
        continue;
      }
      if (!io.removeFile(c.m.proc.cid, p, rec)) {
        c.err(`rm: can't remove '${a}': Read-only file system\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  cat: (c) => {
    const { args } = parseFlags(c.argv);
    const r = readInputs(c, args, 'cat');
    c.out(r.text);
    return { status: r.ok ? 0 : 1 };
  },
  mkdir: (c) => {
    const { flags, args } = parseFlags(c.argv, 'm');
    const io = c.m.io;
    const cid = c.m.proc.cid;
    let st = 0;
    for (const a of args) {
      const p = c.path(a);
      if (io.isDir(cid, p) || io.readFile(cid, p) !== undefined) {
        if (!flags.p) {
          c.err(`mkdir: can't create directory '${a}': File exists\n`);
          st = 1;
        }
        continue;
      }
      if (flags.p) {
        const segs = p.split('/').filter(Boolean);
        let cur = '';
        for (const s of segs) {
          cur += '/' + s;
          if (!io.isDir(cid, cur) && !io.mkdir(cid, cur)) {
            c.err(`mkdir: can't create directory '${a}': Read-only file system\n`);
            st = 1;
            break;
          }
        }
        continue;
      }
      if (!io.isDir(cid, parentOf(p))) {
        c.err(`mkdir: can't create directory '${a}': No such file or directory\n`);
        st = 1;
      } else if (!io.mkdir(cid, p)) {
        c.err(`mkdir: can't create directory '${a}': Read-only file system\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  test: (c) => ({ status: testExpr(c, c.argv.slice(1)) }),
  '[': (c) => {
    if (c.argv[c.argv.length - 1] !== ']') {
      c.err('sh: missing ]\n');
      return { status: 2 };
    }
    return { status: testExpr(c, c.argv.slice(1, -1)) };
  },
  '[[': (c) => {
    if (c.argv[c.argv.length - 1] !== ']]') {
      c.err('sh: missing ]]\n');
      return { status: 2 };
    }
    return { status: testExpr(c, c.argv.slice(1, -1)) };
  },
  ls: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const targets = args.length ? args : ['.'];
    let st = 0;
    const lines: string[] = [];
    const many = targets.length > 1;
    for (const [k, a] of targets.entries()) {
      const p = c.path(a);
      if (io.isDir(cid, p)) {
        let names = [...(io.listDir(cid, p) ?? [])].sort();
        if (!flags.a && !flags.A) names = names.filter((n) => !n.startsWith('.'));
        if (many) lines.push(`${k ? '\n' : ''}${a}:`);
        for (const n of names) lines.push(flags.l ? lsLong(c, `${p.replace(/\/$/, '')}/${n}`, n) : n);
      } else if (io.readFile(cid, p) !== undefined) {
        lines.push(flags.l ? lsLong(c, p, a) : a);
      } else {
        c.err(`ls: ${a}: No such file or directory\n`);
        st = 1;
      }
    }
    if (lines.length) c.out(lines.join('\n') + '\n');
    return { status: st };
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
  date: (c) => {
    const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
    if (c.argv.includes('-I')) c.out(dateText(c.m, '%F') + '\n');
    else if (c.argv.includes('-R')) c.out(dateText(c.m, '%a, %d %b %Y %H:%M:%S +0000') + '\n');
    else c.out(dateText(c.m, fmt ? fmt.slice(1) : undefined) + '\n');
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
  which: (c) => {
    let st = 0;
    for (const n of c.argv.slice(1)) {
      if (lookupCommand(c.m.proc, n)) c.out(`/bin/${n}\n`);
      else st = 1;
    }
    return { status: st };
  },
  nproc: (c) => {
    c.out('2\n');
    return { status: 0 };
  },
  basename: (c) => {
    const a = c.argv[1] ?? '';
    let b = a.replace(/\/+$/, '');
    b = b.slice(b.lastIndexOf('/') + 1) || '/';
    if (c.argv[2] && b.endsWith(c.argv[2]) && b !== c.argv[2]) b = b.slice(0, -c.argv[2].length);
    c.out(b + '\n');
    return { status: 0 };
  },
  dirname: (c) => {
    const a = (c.argv[1] ?? '').replace(/\/+$/, '');
    const i = a.lastIndexOf('/');
    c.out((i < 0 ? '.' : i === 0 ? '/' : a.slice(0, i)) + '\n');
    return { status: 0 };
  },
  cp: (c) => {
    const { args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const dest = args.pop();
    if (!dest || !args.length) {
      c.err('cp: missing destination file operand\n');
      return { status: 1 };
    }
    let st = 0;
    for (const s of args) {
      const content = io.readFile(cid, c.path(s));
      if (content === undefined) {
        c.err(`cp: can't stat '${s}': No such file or directory\n`);
        st = 1;
        continue;
      }
      const dp = c.path(dest);
      const target = io.isDir(cid, dp) ? `${dp}/${s.slice(s.lastIndexOf('/') + 1)}` : dp;
      if (!io.writeFile(cid, target, content)) {
        c.err(`cp: can't create '${dest}': No such file or directory\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  mv: (c) => {
    const { args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const [src, dest] = args;
    if (!src || !dest) {
      c.err('mv: missing destination file operand\n');
      return { status: 1 };
    }
    const content = io.readFile(cid, c.path(src));
    if (content === undefined) {
      c.err(`mv: can't rename '${src}': No such file or directory\n`);
      return { status: 1 };
    }
    const dp = c.path(dest);
    const target = io.isDir(cid, dp) ? `${dp}/${src.slice(src.lastIndexOf('/') + 1)}` : dp;
    if (!io.writeFile(cid, target, content)) {
      c.err(`mv: can't rename '${src}': No such file or directory\n`);
      return { status: 1 };
    }
    io.removeFile(cid, c.path(src));
    return { status: 0 };
  },
  nohup: (c) => runRest(c, 1),
  nice: (c) => runRest(c, c.argv[1] === '-n' ? 3 : 1),
  timeout: (c) => runRest(c, 2),
  ...netCommands,
  ...textCommands,
};

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function runRest(c: CmdCtx, from: number): CmdResult {
  const rest = c.argv.slice(from);
  if (!rest.length) return { status: 0 };
  return { status: 0, ctl: { k: 'script', src: `exec ${rest.map(q).join(' ')}`, isolate: true } };
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Finds a command in the container: the image's programs first, then the busybox applets it ships. */
export function lookupCommand(proc: Proc, name: string): CmdFn | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const img = imageCommand(proc, name, base);
  if (img) return img;
  if (imageLacks(proc, base)) return undefined;
  return BUILTIN_COMMANDS[base] ?? (isModelledImage(proc) ? undefined : genericProgram(base, name));
}
