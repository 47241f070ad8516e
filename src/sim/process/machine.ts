/**
 * The shell interpreter as a resumable machine. A thread's execution state is a stack of JSON frames (node
 * index + program counter + loop data); `runThread` steps it until the thread waits (sleep, a request's
 * latency, a server's accept loop) or ends. Waiting is a keyed clock timer, so a `while true` loop advances
 * with the simulation clock instead of hanging it. Synchronous mode (exec, `$(…)`, pipelines) runs the same
 * machine to completion, counting the time commands would take instead of waiting.
 */
import { interner } from '../util/memo';
import type { ProcessIO } from './processModel';
import type { StartRecording } from './startTemplates';
import type { Frame, Proc, ServerState, Sink, Thread, Wait } from './types';
import { parseShCached, ShSyntaxError, type ShAst, type ShNode, type Word, type Redir } from './shParser';
import { lookupCommand, type CmdResult } from './commands';
import { evalArith } from './arith';

/** What the machine needs from the cluster: the clock. */
export interface ProcessHost {
  readonly now: number;
  clock: {
    after(delayMs: number, type: string, payload?: unknown, key?: string): unknown;
    cancel(key: string): void;
  };
  iso(ms?: number): string;
}

/** One run of the machine (not state: built per call). */
export interface Machine {
  host: ProcessHost;
  io: ProcessIO;
  proc: Proc;
  sync: boolean;
  /** Sync mode: captured std streams. */
  cap: { out: string; err: string };
  /** Sync mode: virtual time the run took. */
  elapsed: number;
  steps: number;
  /** Hooks into the model for signals and process control. */
  ctl: MachineControl;
  /** Set while a process start is recorded for reuse (startTemplates.ts). */
  rec?: StartRecording;
}

export interface MachineControl {
  /** Sends a signal to a pid of this container; false: no such process. */
  kill(proc: Proc, pid: number, signal: 'SIGTERM' | 'SIGKILL'): boolean;
  /** Called when a thread finished (the model decides whether the container exited). */
  finished(proc: Proc, th: Thread): void;
  /** Schedules a resume of a waiting thread. */
  schedule(proc: Proc, th: Thread, delayMs: number): void;
  /** A program opened a listening port. */
  listen(proc: Proc, server: ServerState): void;
  /** The program's working set / own CPU use changed. */
  usage(proc: Proc, memoryBytes: number, baseCpuMillis?: number): void;
}

export const SYNC_STEP_LIMIT = 200_000;
const ASYNC_STEPS_PER_RUN = 20_000;
const MAX_FRAMES = 800;

export function machineNow(m: Machine): number {
  return m.host.now + (m.sync ? m.elapsed : 0);
}

/**
 * A new thread's argument list, traps, functions and a forever-wait are shared and frozen until the shell changes
 * them (most threads never do; a container's process lives as long as the container).
 */
const SH_ARGS: string[] = Object.freeze(['sh']) as unknown as string[];
const NO_TRAPS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_FUNCS: Thread['funcs'] = Object.freeze({}) as Thread['funcs'];
export const FOREVER: Wait = Object.freeze({ k: 'forever' }) as Wait;

export function newThread(
  m: Machine,
  pid: number,
  cmdline: string,
  vars: Record<string, string>,
  cwd: string,
  /** `vars` is a fresh object the thread may keep (else it is copied). */
  own = false,
): Thread {
  return {
    pid,
    cmdline,
    frames: [],
    scripts: [],
    vars: own ? vars : { ...vars },
    exported: Object.keys(vars),
    args: SH_ARGS,
    cwd,
    status: 0,
    traps: NO_TRAPS,
    funcs: NO_FUNCS,
    started: machineNow(m),
  };
}

function ast(th: Thread, s: number): ShAst {
  return parseShCached(th.scripts[s]!);
}

function nodeOf(th: Thread, f: Frame): ShNode {
  return ast(th, f.s).nodes[f.n]!;
}

/** Script texts, shared between threads (every container of an image starts with the same `exec …`). */
const sharedScript = interner(2000);

/** Pushes a whole script as a nested program. Syntax errors are reported like ash (`sh: -c: line 1: …`). */
export function pushScript(
  m: Machine,
  th: Thread,
  src: string,
  opts: { args?: string[]; isolate?: boolean; stdin?: string; name?: string } = {},
): boolean {
  let tree: ShAst;
  try {
    tree = parseShCached(src);
  } catch (e) {
    if (e instanceof ShSyntaxError) {
      write(m, th, 2, `${opts.name ?? 'sh'}: ${e.message}\n`);
      th.status = 2;
      return false;
    }
    throw e;
  }
  m.rec?.script(src);
  let s = th.scripts.indexOf(src);
  if (s < 0) {
    th.scripts.push(sharedScript(src));
    s = th.scripts.length - 1;
  }
  const f: Frame = { s, n: tree.root, pc: 0 };
  if (opts.args) f.args = opts.args;
  if (opts.stdin !== undefined) f.stdin = opts.stdin;
  if (opts.isolate)
    f.saved = {
      vars: { ...th.vars },
      cwd: th.cwd,
      exported: [...th.exported],
      args: th.args,
      errexit: !!th.errexit,
    };
  th.frames.push(f);
  return true;
}

/** Quotes argv back into shell words, so a plain argv runs through the same machine. */
export function quoteArgv(argv: string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

function popFrame(th: Thread): Frame | undefined {
  const f = th.frames.pop();
  if (f?.saved) {
    th.vars = f.saved.vars;
    th.cwd = f.saved.cwd;
    th.exported = f.saved.exported;
    th.errexit = f.saved.errexit;
  }
  return f;
}

// ---------------------------------------------------------------------------------------------- output

function findSink(th: Thread, fd: 1 | 2): Sink {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const f = th.frames[i]!;
    const s = fd === 1 ? f.out : f.err;
    if (s) return s;
  }
  return { k: 'std', fd };
}

export function emit(m: Machine, sink: Sink, text: string): void {
  if (!text) return;
  switch (sink.k) {
    case 'null':
      return;
    case 'file': {
      const prev = m.io.readFile(m.proc.cid, sink.path) ?? '';
      m.io.writeFile(m.proc.cid, sink.path, prev + text);
      return;
    }
    case 'std':
      if (m.sync) {
        if (sink.fd === 1) m.cap.out += text;
        else m.cap.err += text;
        return;
      }
      logText(m, text);
  }
}

/** Container log: complete lines go to the runtime, a trailing partial line waits for its newline. */
export function logText(m: Machine, text: string): void {
  const p = m.proc;
  if (!text.includes('\n')) {
    p.partial += text;
  } else {
    const lines = (p.partial + text).split('\n');
    p.partial = lines.pop() ?? '';
    for (const l of lines) {
      p.lines++;
      m.io.stdout(p.cid, internLine(l));
    }
  }
  // container runtimes cut log lines at 16 KiB (the rest follows as another entry)
  while (p.partial.length >= MAX_LOG_LINE) {
    p.lines++;
    m.io.stdout(p.cid, p.partial.slice(0, MAX_LOG_LINE));
    p.partial = p.partial.slice(MAX_LOG_LINE);
  }
}

const MAX_LOG_LINE = 16_384;

/**
 * Log lines, shared: many containers of one image write the same lines (an entrypoint's banner, a server's
 * start-up lines of the same second), and a container's log lives as long as the container. Bounded.
 */
const lines = new Map<string, string>();
function internLine(l: string): string {
  if (l.length > 200) return l;
  const hit = lines.get(l);
  if (hit !== undefined) return hit;
  if (lines.size >= 20_000) lines.clear();
  // A copy: `l` is a slice of the whole chunk and would keep all of it alive.
  const own = (' ' + l).slice(1);
  lines.set(own, own);
  return own;
}

export function write(m: Machine, th: Thread, fd: 1 | 2, text: string): void {
  emit(m, findSink(th, fd), text);
}

function stdinOf(th: Thread): string {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const s = th.frames[i]!.stdin;
    if (s !== undefined) return s;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------- paths

export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

// ---------------------------------------------------------------------------------------------- expansion

function positional(th: Thread): string[] {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const a = th.frames[i]!.args;
    if (a) return a;
  }
  return th.args;
}

function lookupVar(m: Machine, th: Thread, name: string): string | undefined {
  const args = positional(th);
  switch (name) {
    case '?':
      return String(th.status);
    case '$':
      return String(th.pid === 1 || !m.sync ? 1 : th.pid);
    case '#':
      return String(Math.max(0, args.length - 1));
    case '@':
    case '*':
      return args.slice(1).join(' ');
    case '!':
      return th.vars['!'];
    case '-':
      return th.errexit ? 'e' : '';
  }
  if (/^[0-9]+$/.test(name)) return args[Number(name)];
  return th.vars[name];
}

/** Runs `src` to completion in a fresh synchronous machine sharing this thread's variables. */
export function runCapture(
  m: Machine,
  th: Thread,
  src: string,
  stdin?: string,
): { out: string; err: string; status: number; elapsed: number } {
  const sub: Machine = { ...m, sync: true, cap: { out: '', err: '' }, elapsed: 0, steps: 0 };
  const t: Thread = {
    ...th,
    frames: [],
    scripts: [],
    vars: { ...th.vars },
    exported: [...th.exported],
    args: positional(th),
    wait: undefined,
    traps: {},
    funcs: { ...th.funcs },
  };
  t.scripts = [...th.scripts];
  if (pushScript(sub, t, src, { stdin: stdin ?? stdinOf(th) })) runThread(sub, t);
  return { out: sub.cap.out, err: sub.cap.err, status: t.status, elapsed: sub.elapsed };
}

interface Expanded {
  fields: string[];
  /** Virtual time spent in command substitutions. */
  delay: number;
  /** Status of the last command substitution, if any. */
  subStatus?: number;
}

function partValue(m: Machine, th: Thread, p: Exclude<Word[number], { k: 'lit' }>, acc: Expanded): string {
  if (p.k === 'cmd') {
    const r = runCapture(m, th, p.src);
    if (r.err) write(m, th, 2, r.err);
    acc.delay += r.elapsed;
    acc.subStatus = r.status;
    return r.out.replace(/\n+$/, '');
  }
  if (p.k === 'arith') {
    const r = evalArith(expandString(m, th, [{ k: 'lit', v: p.src, q: 2 }], acc, true), th.vars);
    if ('error' in r) {
      write(m, th, 2, `sh: arithmetic syntax error\n`);
      return '0';
    }
    return String(r.value);
  }
  const v = lookupVar(m, th, p.name);
  switch (p.op) {
    case undefined:
      return v ?? '';
    case '#len':
      return String((v ?? '').length);
    case ':-':
      return v ? v : expandString(m, th, p.arg ?? [], acc);
    case '-':
      return v !== undefined ? v : expandString(m, th, p.arg ?? [], acc);
    case ':=':
    case '=': {
      if (p.op === ':=' ? !v : v === undefined) {
        const d = expandString(m, th, p.arg ?? [], acc);
        th.vars[p.name] = d;
        return d;
      }
      return v ?? '';
    }
    case ':+':
      return v ? expandString(m, th, p.arg ?? [], acc) : '';
    case '+':
      return v !== undefined ? expandString(m, th, p.arg ?? [], acc) : '';
    case ':?':
    case '?':
      return v ?? '';
    case '#': {
      const pat = globToRegex(expandString(m, th, p.arg ?? [], acc), false);
      const val = v ?? '';
      for (let i = 0; i <= val.length; i++)
        if (new RegExp(`^${pat}$`).test(val.slice(0, i))) return val.slice(i);
      return val;
    }
    case '%': {
      const pat = globToRegex(expandString(m, th, p.arg ?? [], acc), false);
      const val = v ?? '';
      for (let i = val.length; i >= 0; i--)
        if (new RegExp(`^${pat}$`).test(val.slice(i))) return val.slice(0, i);
      return val;
    }
  }
  return v ?? '';
}

/** Expands a word to one string (assignments, redirect targets): no field splitting, no globbing. */
export function expandString(m: Machine, th: Thread, w: Word, acc?: Expanded, rawLit = false): string {
  const a = acc ?? { fields: [], delay: 0 };
  let s = '';
  for (const p of w) {
    if (p.k === 'lit') s += p.v;
    else if (rawLit) s += p.k === 'var' ? '' : '';
    else s += partValue(m, th, p, a);
  }
  if (rawLit) {
    // arithmetic source: expand $var / $(…) inside it
    return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?#$])\}?/g, (_, n: string) => lookupVar(m, th, n) ?? '0');
  }
  return s;
}

function globToRegex(pat: string, anchored = true): string {
  let r = '';
  for (const c of pat) {
    if (c === '*') r += '.*';
    else if (c === '?') r += '.';
    else r += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return anchored ? `^${r}$` : r;
}

function glob(m: Machine, th: Thread, pattern: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = slash >= 0 ? pattern.slice(0, slash) || '/' : '.';
  const base = pattern.slice(slash + 1);
  if (/[*?]/.test(dir)) return [pattern];
  const entries = m.io.listDir(m.proc.cid, resolvePath(th.cwd, dir));
  if (!entries) return [pattern];
  const re = new RegExp(globToRegex(base));
  const hits = entries.filter((e) => re.test(e) && (base.startsWith('.') || !e.startsWith('.'))).sort();
  if (!hits.length) return [pattern];
  return hits.map((h) => (slash >= 0 ? `${pattern.slice(0, slash)}/${h}` : h));
}

/** Expands words to fields: parameter and command substitution, field splitting, pathname globbing. */
export function expandWords(m: Machine, th: Thread, words: Word[]): Expanded {
  const acc: Expanded = { fields: [], delay: 0 };
  for (const w of words) {
    let cur = '';
    let has = false;
    let globbable = false;
    const flush = () => {
      if (has) {
        if (globbable) acc.fields.push(...glob(m, th, cur));
        else acc.fields.push(cur);
      }
      cur = '';
      has = false;
      globbable = false;
    };
    for (const p of w) {
      if (p.k === 'lit') {
        cur += p.v;
        has = true;
        if (p.q === 0 && /[*?]/.test(p.v)) globbable = true;
        continue;
      }
      if (p.k === 'var' && p.name === '@' && p.q === 2 && !p.op) {
        const args = positional(th).slice(1);
        args.forEach((a, i) => {
          cur += a;
          has = true;
          if (i < args.length - 1) flush();
        });
        continue;
      }
      const v = partValue(m, th, p, acc);
      if (p.q === 2) {
        cur += v;
        has = true;
        continue;
      }
      const pieces = v.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        if (piece) {
          cur += piece;
          has = true;
        }
      });
    }
    flush();
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------- redirects

/** Applies redirections to a frame; false (and an ash error) when a file cannot be opened. */
function applyRedirs(m: Machine, th: Thread, f: Frame, redirs: Redir[]): boolean {
  for (const r of redirs) {
    const target = expandString(m, th, r.target);
    if (r.op === '>&') {
      const sink =
        target === '2' ? findSinkFrom(th, f, 2) : target === '1' ? findSinkFrom(th, f, 1) : undefined;
      if (target === '-') {
        if (r.fd === 1) f.out = { k: 'null' };
        else f.err = { k: 'null' };
        continue;
      }
      if (!sink) {
        write(m, th, 2, `sh: ${target}: bad file descriptor\n`);
        return false;
      }
      if (r.fd === 1) f.out = sink;
      else if (r.fd === 2) f.err = sink;
      continue;
    }
    if (target === '/dev/null') {
      if (r.op === '<') f.stdin = '';
      else if (r.op === '&>') f.out = f.err = { k: 'null' };
      else if (r.fd === 1) f.out = { k: 'null' };
      else if (r.fd === 2) f.err = { k: 'null' };
      continue;
    }
    if ((target === '/dev/stdout' || target === '/dev/stderr') && r.op !== '<') {
      const s = findSinkFrom(th, f, target === '/dev/stdout' ? 1 : 2);
      if (r.fd === 2) f.err = s;
      else f.out = s;
      continue;
    }
    const path = resolvePath(th.cwd, target);
    if (r.op === '<') {
      const c = m.io.readFile(m.proc.cid, path);
      if (c === undefined) {
        write(m, th, 2, `sh: can't open '${target}': No such file or directory\n`);
        return false;
      }
      f.stdin = c;
      continue;
    }
    if (m.io.isDir(m.proc.cid, path)) {
      write(m, th, 2, `sh: can't create ${target}: Is a directory\n`);
      return false;
    }
    const prev = m.io.readFile(m.proc.cid, path);
    const ok = m.io.writeFile(
      m.proc.cid,
      path,
      r.op === '>>' ? (prev ?? '') : r.op === '>' || r.op === '&>' ? '' : '',
    );
    if (!ok) {
      const why =
        prev === undefined && !m.io.isDir(m.proc.cid, parentDir(path))
          ? 'nonexistent directory'
          : 'Read-only file system';
      write(m, th, 2, `sh: can't create ${target}: ${why}\n`);
      return false;
    }
    const sink: Sink = { k: 'file', path };
    if (r.op === '&>') f.out = f.err = sink;
    else if (r.fd === 2) f.err = sink;
    else f.out = sink;
  }
  return true;
}

function findSinkFrom(th: Thread, f: Frame, fd: 1 | 2): Sink {
  const own = fd === 1 ? f.out : f.err;
  return own ?? findSink(th, fd);
}

export function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

// ---------------------------------------------------------------------------------------------- running

/** Steps a thread until it waits or ends. */
export function runThread(m: Machine, th: Thread): void {
  let steps = 0;
  while (!th.wait && !th.done) {
    if (!th.frames.length) {
      endThread(m, th, th.status);
      break;
    }
    if (th.frames.length > MAX_FRAMES) {
      write(m, th, 2, 'sh: out of stack space\n');
      endThread(m, th, 2);
      break;
    }
    step(m, th);
    steps++;
    m.steps++;
    if (m.sync && m.steps > SYNC_STEP_LIMIT) {
      endThread(m, th, th.status);
      break;
    }
    if (!m.sync && steps >= ASYNC_STEPS_PER_RUN && !th.wait && !th.done) waitDelay(m, th, 1, th.status);
  }
}

export function endThread(m: Machine, th: Thread, status: number): void {
  if (th.done) return;
  th.status = status;
  th.done = true;
  th.frames = [];
  th.wait = undefined;
  th.child = undefined;
  if (!m.sync) m.ctl.finished(m.proc, th);
}

/** The thread waits `ms` of virtual time, then continues with `status` as `$?`. */
export function waitDelay(
  m: Machine,
  th: Thread,
  ms: number,
  status: number,
  extra: Partial<Wait> = {},
): void {
  const d = Math.max(0, ms);
  if (m.sync) {
    m.elapsed += d;
    th.status = status;
    const w = extra as { out?: string; sink?: Sink };
    if (w.out) emit(m, w.sink ?? { k: 'std', fd: 1 }, w.out);
    return;
  }
  th.wait = { k: 'delay', until: machineNow(m) + d, status, ...(extra as object) } as Wait;
  m.ctl.schedule(m.proc, th, d);
}

function pushNode(m: Machine, th: Thread, s: number, n: number, cond: boolean | undefined): void {
  const f: Frame = { s, n, pc: 0 };
  if (cond) f.cond = true;
  const node = ast(th, s).nodes[n]!;
  if ('redirs' in node && node.t !== 'cmd' && node.redirs.length) {
    if (!applyRedirs(m, th, f, node.redirs)) {
      th.status = 1;
      return;
    }
  }
  if (node.t === 'group' && node.sub) {
    f.saved = {
      vars: { ...th.vars },
      cwd: th.cwd,
      exported: [...th.exported],
      args: th.args,
      errexit: !!th.errexit,
    };
  }
  th.frames.push(f);
}

/** Loops yield one virtual millisecond when an iteration took no time, so `while true` cannot hang. */
function loopYield(m: Machine, th: Thread, f: Frame): boolean {
  if (m.sync) {
    if ((f.i ?? 0) > 10_000) {
      popFrame(th);
      return true;
    }
    return false;
  }
  if ((f.i ?? 0) > 0 && f.t0 === machineNow(m)) {
    f.t0 = -1;
    waitDelay(m, th, 1, th.status);
    return true;
  }
  f.t0 = machineNow(m);
  return false;
}

function step(m: Machine, th: Thread): void {
  const f = th.frames[th.frames.length - 1]!;
  if (f.mark === 'exit') {
    endThread(m, th, th.status);
    return;
  }
  if (f.mark === 'fn') {
    popFrame(th);
    return;
  }
  const node = nodeOf(th, f);
  switch (node.t) {
    case 'list': {
      if (f.pc >= node.items.length) {
        popFrame(th);
        return;
      }
      const it = node.items[f.pc++]!;
      if (it.bg) {
        spawnBackground(m, th, f.s, it.n);
        th.status = 0;
        return;
      }
      pushNode(m, th, f.s, it.n, f.cond);
      return;
    }
    case 'andor': {
      if (f.pc === 0) {
        f.pc = 1;
        pushNode(m, th, f.s, node.items[0]!.n, true);
        return;
      }
      while (f.pc < node.items.length) {
        const it = node.items[f.pc++]!;
        const last = f.pc === node.items.length;
        if ((it.op === '&&') === (th.status === 0)) {
          pushNode(m, th, f.s, it.n, last ? f.cond : true);
          return;
        }
      }
      popFrame(th);
      return;
    }
    case 'pipe':
      runPipe(m, th, f, node);
      return;
    case 'cmd':
      runCmd(m, th, f, node);
      return;
    case 'if': {
      if (f.pc === -1) {
        popFrame(th);
        return;
      }
      const k = f.pc >> 1;
      if (k >= node.clauses.length) {
        if (node.else >= 0) {
          f.pc = -1;
          pushNode(m, th, f.s, node.else, f.cond);
        } else {
          th.status = 0;
          popFrame(th);
        }
        return;
      }
      if (f.pc % 2 === 0) {
        f.pc++;
        pushNode(m, th, f.s, node.clauses[k]!.c, true);
        return;
      }
      if (th.status === 0) {
        f.pc = -1;
        pushNode(m, th, f.s, node.clauses[k]!.b, f.cond);
      } else f.pc++;
      return;
    }
    case 'loop': {
      if (f.pc === 0) {
        if (loopYield(m, th, f)) return;
        f.pc = 1;
        pushNode(m, th, f.s, node.c, true);
        return;
      }
      if (f.pc === 1) {
        const ok = node.until ? th.status !== 0 : th.status === 0;
        if (!ok) {
          th.status = f.last ?? 0;
          popFrame(th);
          return;
        }
        f.pc = 2;
        pushNode(m, th, f.s, node.b, f.cond);
        return;
      }
      f.last = th.status;
      f.i = (f.i ?? 0) + 1;
      f.pc = 0;
      return;
    }
    case 'for': {
      if (f.pc === 0) {
        f.items = node.words ? expandWords(m, th, node.words).fields : positional(th).slice(1);
        f.i = 0;
        f.pc = 1;
        return;
      }
      if (f.pc === 2) {
        f.last = th.status;
        f.pc = 1;
      }
      const items = f.items ?? [];
      if ((f.i ?? 0) >= items.length) {
        th.status = f.last ?? 0;
        popFrame(th);
        return;
      }
      if (loopYield(m, th, f)) return;
      th.vars[node.v] = items[f.i ?? 0]!;
      f.i = (f.i ?? 0) + 1;
      f.pc = 2;
      pushNode(m, th, f.s, node.b, f.cond);
      return;
    }
    case 'group': {
      if (f.pc === 0) {
        f.pc = 1;
        pushNode(m, th, f.s, node.b, f.cond);
        return;
      }
      popFrame(th);
      return;
    }
    case 'func': {
      if (th.funcs === NO_FUNCS) th.funcs = {};
      th.funcs[node.name] = { s: f.s, n: node.b };
      th.status = 0;
      popFrame(th);
      return;
    }
  }
}

function spawnBackground(m: Machine, th: Thread, s: number, n: number): void {
  const src = th.scripts[s]!;
  if (m.sync) {
    // a background job of an exec'd command: run it through now, without counting its time
    const sub: Machine = { ...m, cap: { out: '', err: '' }, elapsed: 0, steps: 0 };
    const t: Thread = {
      ...th,
      frames: [{ s, n, pc: 0 }],
      vars: { ...th.vars },
      wait: undefined,
      scripts: [...th.scripts],
    };
    runThread(sub, t);
    write(m, th, 1, sub.cap.out);
    write(m, th, 2, sub.cap.err);
    m.steps += sub.steps;
    return;
  }
  const pid = m.proc.nextPid++;
  const bg = newThread(m, pid, th.cmdline, th.vars, th.cwd);
  bg.exported = [...th.exported];
  bg.args = positional(th);
  bg.funcs = { ...th.funcs };
  bg.scripts = [...th.scripts];
  bg.frames.push({ s: bg.scripts.indexOf(src), n, pc: 0 });
  // inherit the current redirections
  const out = findSink(th, 1);
  const err = findSink(th, 2);
  bg.frames[0]!.out = out;
  bg.frames[0]!.err = err;
  th.vars['!'] = String(pid);
  m.proc.threads.push(bg);
  m.ctl.schedule(m.proc, bg, 0);
}

function runPipe(m: Machine, th: Thread, f: Frame, node: Extract<ShNode, { t: 'pipe' }>): void {
  if (f.pc === 1) {
    if (node.neg) th.status = th.status === 0 ? 1 : 0;
    popFrame(th);
    return;
  }
  if (node.cmds.length === 1) {
    f.pc = 1;
    pushNode(m, th, f.s, node.cmds[0]!, f.cond || node.neg);
    return;
  }
  // Stages run one after another on captured text; the pipeline takes the sum of their times.
  let input = stdinOf(th);
  let delay = 0;
  let status = 0;
  const tree = ast(th, f.s);
  for (const c of node.cmds) {
    const sub: Machine = { ...m, sync: true, cap: { out: '', err: '' }, elapsed: 0, steps: 0 };
    const t: Thread = { ...th, frames: [], vars: { ...th.vars }, wait: undefined, scripts: [...th.scripts] };
    t.frames.push({ s: f.s, n: c, pc: 0, stdin: input });
    void tree;
    runThread(sub, t);
    if (sub.cap.err) write(m, th, 2, sub.cap.err);
    input = sub.cap.out;
    delay += sub.elapsed;
    status = t.status;
  }
  write(m, th, 1, input);
  if (node.neg) status = status === 0 ? 1 : 0;
  const chk = !f.cond && !node.neg;
  popFrame(th);
  if (delay > 0) waitDelay(m, th, delay, status, { chk });
  else {
    th.status = status;
    if (chk && status !== 0 && th.errexit) exitShell(m, th, status);
  }
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

export function isShell(name: string): boolean {
  return SHELLS.has(name.slice(name.lastIndexOf('/') + 1));
}

function runCmd(m: Machine, th: Thread, f: Frame, node: Extract<ShNode, { t: 'cmd' }>): void {
  const exp = expandWords(m, th, node.words);
  const assigns: Record<string, string> = {};
  const acc: Expanded = { fields: [], delay: 0 };
  for (const a of node.assigns) assigns[a.name] = expandString(m, th, a.value, acc);
  const delay = exp.delay + acc.delay;
  const cond = f.cond;
  if (!applyRedirs(m, th, f, node.redirs)) {
    popFrame(th);
    th.status = 1;
    return;
  }
  const argv = exp.fields;
  if (!argv.length) {
    Object.assign(th.vars, assigns);
    const st = exp.subStatus ?? acc.subStatus ?? 0;
    popFrame(th);
    finishCmd(m, th, { status: st, delay }, cond);
    return;
  }
  const res = dispatch(m, th, f, argv, assigns);
  if (delay) res.delay = (res.delay ?? 0) + delay;
  const sink = res.out !== undefined ? findSink(th, 1) : undefined;
  popFrame(th);
  if (res.delay && !m.sync && !res.forever)
    th.child = { pid: m.proc.nextPid++, cmd: res.child ?? argv.join(' ') };
  finishCmd(m, th, res, cond, sink);
}

function finishCmd(m: Machine, th: Thread, res: CmdResult, cond: boolean | undefined, sink?: Sink): void {
  const ctl = res.ctl;
  if (res.exec && ctl?.k !== 'exit') th.frames.push({ s: -1, n: 0, pc: 0, mark: 'exit' });
  if (ctl) {
    switch (ctl.k) {
      case 'push':
        th.frames.push(...ctl.frames);
        th.status = 0;
        return;
      case 'script':
        if (pushScript(m, th, ctl.src, { ...(ctl.args ? { args: ctl.args } : {}), isolate: ctl.isolate })) {
          if (ctl.env) {
            th.vars = { ...ctl.env };
            th.exported = Object.keys(ctl.env);
          }
          if (ctl.isolate) th.errexit = !!ctl.errexit;
        }
        return;
      case 'exit':
        exitShell(m, th, ctl.status);
        return;
      case 'jobs': {
        const live = m.proc.threads.filter(
          (t) => !t.done && t.pid !== th.pid && (!ctl.pids.length || ctl.pids.includes(t.pid)),
        );
        if (m.sync || !live.length) {
          th.status = 0;
          return;
        }
        th.wait = { k: 'jobs', pids: live.map((t) => t.pid) };
        return;
      }
      case 'break':
      case 'continue': {
        let n = ctl.n;
        while (th.frames.length) {
          const top = th.frames[th.frames.length - 1]!;
          const tn = top.mark ? undefined : nodeOf(th, top);
          if (tn && (tn.t === 'loop' || tn.t === 'for')) {
            if (--n <= 0) {
              if (ctl.k === 'break') {
                popFrame(th);
                th.status = 0;
              } else if (tn.t === 'loop') {
                top.pc = 0;
                top.i = (top.i ?? 0) + 1;
              } else top.pc = 1;
              return;
            }
            popFrame(th);
          } else if (top.mark === 'fn' || top.saved) break;
          else popFrame(th);
        }
        th.status = 0;
        return;
      }
      case 'return': {
        while (th.frames.length) {
          const top = popFrame(th)!;
          if (top.mark === 'fn') break;
        }
        th.status = ctl.status;
        return;
      }
    }
  }
  if (res.forever) {
    th.status = 0;
    if (m.sync) return;
    th.wait = FOREVER;
    return;
  }
  if (res.delay && res.delay > 0) {
    const chk = !cond;
    waitDelay(
      m,
      th,
      res.delay,
      res.status,
      res.out !== undefined ? { out: res.out, sink: sink!, chk } : { chk },
    );
    return;
  }
  if (res.out) emit(m, sink ?? findSink(th, 1), res.out);
  th.status = res.status;
  if (!cond && res.status !== 0 && th.errexit) exitShell(m, th, res.status);
}

/** `exit`: ends the innermost subshell / nested shell, or the thread. */
export function exitShell(m: Machine, th: Thread, status: number): void {
  while (th.frames.length) {
    const f = popFrame(th)!;
    if (f.saved) {
      th.status = status;
      return;
    }
  }
  endThread(m, th, status);
}

/** Runs one command: functions, shell built-ins, then the container's commands. */
function dispatch(
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
