/**
 * The shell interpreter as a resumable machine. A thread's execution state is a stack of JSON frames (node
 * index + program counter + loop data); `runThread` steps it until the thread waits (sleep, a request's
 * latency, a server's accept loop) or ends. Waiting is a keyed clock timer, so a `while true` loop advances
 * with the simulation clock instead of hanging it. Synchronous mode (exec, `$(…)`, pipelines) runs the same
 * machine to completion, counting the time commands would take instead of waiting.
 */
import { interner } from '../util/memo';
import type { Frame, Sink, Thread, Wait } from './types';
import { parseShCached, ShSyntaxError, type ShAst, type ShNode } from './shParser';
import type { CmdResult } from './applet';
import type { Machine } from './machineTypes';
import { FOREVER, machineNow, newThread, NO_FUNCS, positional } from './thread';
import { applyRedirs, expandString, expandWords, type Expanded } from './expansion';
import { emit, findSink, stdinOf, write } from './machineOutput';
import { dispatch } from './shellBuiltins';

export type { Machine, MachineControl, ProcessHost } from './machineTypes';

export const SYNC_STEP_LIMIT = 200_000;
const ASYNC_STEPS_PER_RUN = 20_000;
const MAX_FRAMES = 800;

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
