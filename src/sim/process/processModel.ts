/**
 * The container process model (DESIGN.md "Processes"). A container's main process is a small deterministic
 * program: a known image's modelled server (ports, logs, memory, CPU per request) or a shell script run by a
 * resumable interpreter on the simulation clock. All state is JSON in `cluster.state.ext.process`; waiting is
 * a keyed clock timer (`process.resume`), so snapshots resume mid-`sleep` and a `while true` loop can never
 * hang the engine. The runtime supplies the container's files, logs, network and limits through
 * {@link ProcessIO}; the kubelet runs exec probes through {@link ProcessModelApi.exec}.
 */
import { appended, deepFreeze } from '../util/shapes';
import { cloneJson } from '../util/cloneJson';
import {
  keepTemplate,
  replayEffects,
  startKey,
  StartRecording,
  templateApplies,
  templateFor,
  templateVars,
} from './startTemplates';
import { lookupCommand, psRows } from './commands';
import { answerHttp, gracefulStop, imageHasShell } from './images';
import { imageRepoTag } from '../util/imageRef';
import { endThread, exitShell, pushScript, quoteArgv, runThread } from './machine';
import type { Machine, MachineControl, ProcessHost, ProcessIO, ScriptRunner } from './machineTypes';
import { emit, logText } from './machineOutput';
import { findScript, isShell } from './shellBuiltins';
import { FOREVER, newThread } from './thread';
import type { Proc, ProcessState, Thread } from './types';

export type { ProcessIO } from './machineTypes';

export interface ProcessModelApi {
  /** Starts the main process (PID 1) of a container; argv is ENTRYPOINT+CMD resolved by the runtime. */
  start(cid: string, spec: { image: string; argv: string[]; workingDir?: string }): void;
  /** Signals the main process. SIGTERM lets known servers exit 0 after a short graceful stop (nginx: quit) and runs
   *  a shell's trap; a PID 1 without a handler (sleep, a shell, nc) ignores it. SIGKILL ends at once with 137. */
  kill(cid: string, signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Forgets a container's process state (container removed). */
  remove(cid: string): void;
  /** Runs a command inside the container synchronously (kubectl exec, docker exec, exec probes):
   *  completes immediately (commands that would sleep return after their work; `sleep` in exec may return at once).
   *  `durationMs` is the virtual time the command would have taken (an exec probe longer than its timeout fails). */
  exec(
    cid: string,
    argv: string[],
    stdin?: string,
  ): { exitCode: number; stdout: string; stderr: string; durationMs?: number };
  /** An inbound HTTP request to the container on a port (probes, Services, port-forward); undefined: connection refused. */
  httpRequest(
    cid: string,
    port: number,
    path: string,
    fromIp?: string,
  ): { status: number; body: string; cpuMillis?: number } | undefined;
  /** Whether something listens on the port (tcpSocket probes). */
  listening(cid: string, port: number): boolean;
  /** Processes for `ps` / `docker top`: PID 1 is the main process. */
  ps(cid: string): { pid: number; user: string; time: string; command: string }[];
  /** Whether the main process is running. */
  running(cid: string): boolean;
}

/** The cluster surface the model uses (the Cluster satisfies it; the model needs no more of it). */
export type ProcessCluster = ProcessHost & {
  state: { ext: Record<string, unknown> };
  clock: ProcessHost['clock'] & { on<P>(type: string, fn: (payload: P) => void): void };
};

const SHELL_MEMORY = 400 * 1024;
/** Exit status of a process killed by a signal: 128 + signal number. */
const SIGTERM_EXIT = 143;
const SIGKILL_EXIT = 137;

function timerKey(cid: string, pid: number): string {
  return pid === 1 ? `proc:${cid}` : `proc:${cid}:${pid}`;
}

/** Installs the model on a cluster: registers its timer handlers and returns the API the runtime calls. */
export function installProcessModel(c: ProcessCluster, io: ProcessIO): ProcessModelApi {
  const state = (): ProcessState => {
    let s = c.state.ext.process as ProcessState | undefined;
    if (!s) {
      s = { procs: {} };
      c.state.ext.process = s;
    }
    return s;
  };

  /** The start being recorded (startTemplates.ts): its process talks to the recording IO. */
  let active: { rec: StartRecording; io: ProcessIO } | undefined;
  const pio = (proc: Proc): ProcessIO => (active && active.rec.proc === proc ? active.io : io);
  const unreplayable = (proc: Proc) => {
    if (active && active.rec.proc === proc) active.rec.fail();
  };

  const ctl: MachineControl = {
    kill: (proc, pid, signal) => {
      unreplayable(proc);
      if (!proc.running) return false;
      if (pid === 1) {
        api.kill(proc.cid, signal);
        return true;
      }
      const code = signal === 'SIGKILL' ? SIGKILL_EXIT : SIGTERM_EXIT;
      for (const t of proc.threads) {
        if (t.done) continue;
        if (t.pid === pid) {
          c.clock.cancel(timerKey(proc.cid, t.pid));
          endThread(machine(proc, false), t, code);
          return true;
        }
        if (t.child?.pid === pid) {
          // the foreground child dies: its shell continues with 128+signal as `$?`
          t.child = undefined;
          t.wait = { k: 'delay', until: c.now, status: code };
          ctl.schedule(proc, t, 0);
          return true;
        }
      }
      const extra = proc.extra.findIndex((e) => e.pid === pid);
      if (extra >= 0) {
        proc.extra.splice(extra, 1);
        return true;
      }
      return false;
    },
    finished: (proc, th) => {
      unreplayable(proc);
      if (!proc.running) return;
      c.clock.cancel(timerKey(proc.cid, th.pid));
      if (th.pid === 1) {
        exitProc(proc, th.status);
        return;
      }
      for (const t of proc.threads) {
        if (t.done || t.wait?.k !== 'jobs') continue;
        t.wait.pids = t.wait.pids.filter((p) => p !== th.pid);
        if (!t.wait.pids.length) ctl.schedule(proc, t, 0);
      }
      proc.threads = proc.threads.filter((t) => !t.done || t.pid === 1);
    },
    schedule: (proc, th, delayMs) => {
      unreplayable(proc);
      c.clock.after(delayMs, 'process.resume', { cid: proc.cid, pid: th.pid }, timerKey(proc.cid, th.pid));
    },
    listen: (proc, server) => {
      if (!proc.running) return;
      proc.servers = appended(
        proc.servers.filter((s) => s.port !== server.port),
        server,
      );
      pio(proc).listen(proc.cid, server.port);
    },
    usage: (proc, memoryBytes, baseCpu) => {
      if (!proc.running) return;
      if (baseCpu !== undefined) proc.baseCpu = baseCpu;
      if (proc.memory !== memoryBytes) {
        proc.memory = memoryBytes;
        pio(proc).setMemory(proc.cid, memoryBytes);
      }
      updateCpu(proc);
    },
  };

  const runner: ScriptRunner = { pushScript, runThread };

  function machine(proc: Proc, sync: boolean): Machine {
    return { host: c, io, proc, sync, cap: { out: '', err: '' }, elapsed: 0, steps: 0, ctl, run: runner };
  }

  function updateCpu(proc: Proc): void {
    if (!proc.running) return;
    // a shell looping on short waits (a wget load generator) burns a little CPU of its own
    const busy = proc.threads.some((t) => !t.done && t.wait?.k === 'delay' && t.wait.until - c.now <= 50);
    const cpu = proc.baseCpu + (busy ? 5 : 0);
    if (cpu !== proc.cpu) {
      proc.cpu = cpu;
      pio(proc).setCpu(proc.cid, cpu);
    }
  }

  function cancelTimers(proc: Proc): void {
    for (const t of proc.threads) c.clock.cancel(timerKey(proc.cid, t.pid));
    c.clock.cancel(`proc:${proc.cid}:stop`);
  }

  function exitProc(proc: Proc, code: number, reason?: string): void {
    if (!proc.running) return;
    if (proc.partial) {
      const line = proc.partial;
      proc.partial = '';
      pio(proc).stdout(proc.cid, line);
    }
    cancelTimers(proc);
    proc.running = false;
    proc.exitCode = code;
    proc.stopping = false;
    for (const t of proc.threads) {
      t.done = true;
      t.frames = [];
      t.wait = undefined;
      t.child = undefined;
    }
    proc.servers = [];
    proc.extra = [];
    if (proc.cpu !== 0) {
      proc.cpu = 0;
      pio(proc).setCpu(proc.cid, 0);
    }
    pio(proc).exited(proc.cid, code, reason);
  }

  /** A new shell's variables (a fresh object the thread may keep): PATH and HOSTNAME, the environment, HOME. */
  function baseVars(cid: string): Record<string, string> {
    const env = io.env(cid);
    // assigned one by one: a literal with a spread and a field after it gets a hidden class of its own
    const vars: Record<string, string> = {};
    vars.PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    vars.HOSTNAME = io.hostname(cid);
    for (const k in env) vars[k] = env[k]!;
    vars.HOME = env.HOME ?? '/root';
    return vars;
  }

  /** Whether argv[0] names a program the container has (else: the runtime's StartError / exec failure). */
  function runnable(proc: Proc, name: string): boolean {
    if (isShell(name))
      return (
        imageHasShell(proc) &&
        (name.endsWith('bash')
          ? lookupCommand(proc, 'bash') !== undefined || !['busybox', 'alpine'].includes(proc.repo)
          : true)
      );
    return (
      lookupCommand(proc, name) !== undefined ||
      findScript({ io, proc }, proc.workingDir, name, io.env(proc.cid).PATH) !== undefined
    );
  }

  c.clock.on<{ cid: string; pid: number }>('process.resume', ({ cid, pid }) => {
    const proc = state().procs[cid];
    if (!proc || !proc.running) return;
    const th = proc.threads.find((t) => t.pid === pid);
    if (!th || th.done) return;
    const m = machine(proc, false);
    const w = th.wait;
    if (w?.k === 'delay') {
      th.wait = undefined;
      th.child = undefined;
      th.status = w.status;
      if (w.out) emit(m, w.sink ?? { k: 'std', fd: 1 }, w.out);
      if (w.chk && w.status !== 0 && th.errexit) exitShell(m, th, w.status);
    } else if (w?.k === 'jobs') {
      const live = w.pids.filter((p) => proc.threads.some((t) => t.pid === p && !t.done));
      if (live.length) {
        w.pids = live;
        return;
      }
      th.wait = undefined;
      th.status = 0;
    } else if (w?.k === 'forever') return;
    runThread(m, th);
    updateCpu(proc);
  });

  c.clock.on<{ cid: string; code: number }>('process.stop', ({ cid, code }) => {
    const proc = state().procs[cid];
    if (proc?.running) exitProc(proc, code);
  });

  const api: ProcessModelApi = {
    start(cid, spec) {
      const s = state();
      const old = s.procs[cid];
      if (old) cancelTimers(old);
      const { family, tag } = imageRepoTag(spec.image);
      const proc: Proc = {
        cid,
        repo: family,
        tag,
        image: spec.image,
        argv: spec.argv, // (never changed in place: shared with the container record)
        workingDir: spec.workingDir || '/',
        running: true,
        threads: [],
        nextPid: 7,
        servers: [],
        extra: [],
        partial: '',
        memory: 0,
        cpu: 0,
        baseCpu: 0,
        lines: 0,
      };
      s.procs[cid] = proc;
      const argv = spec.argv;
      if (!argv.length || !runnable(proc, argv[0]!)) {
        proc.running = false;
        proc.exitCode = 128;
        io.exited(cid, 128, 'StartError');
        return;
      }
      const m = machine(proc, false);
      const th = newThread(m, 1, argv.join(' '), baseVars(cid), proc.workingDir, true);
      proc.threads = [th];
      ctl.usage(proc, SHELL_MEMORY);
      const key = startKey(spec.image, proc.workingDir, argv);
      const tpl = templateFor(key, th.vars);
      if (tpl && templateApplies(tpl, io, cid, c.now)) {
        // Started the same way before (startTemplates.ts): the interpreter would end up here again.
        const { frames, scripts, ...rest } = tpl.thread;
        const t = cloneJson(rest);
        // A thread that waits forever never runs its frames again (a signal ends it or runs a trap on a copy):
        // it can hold the template's frozen frames and scripts.
        const forever = t.wait?.k === 'forever';
        Object.assign(th, t, {
          frames: forever ? frames : cloneJson(frames),
          scripts: forever ? scripts : cloneJson(scripts),
          vars: th.vars,
          exported: th.exported,
          started: th.started,
          // the shared frozen defaults of a new thread stay shared
          args: t.args.length === 1 && t.args[0] === th.args[0] ? th.args : t.args,
          traps: Object.keys(t.traps).length ? t.traps : th.traps,
          funcs: Object.keys(t.funcs).length ? t.funcs : th.funcs,
          wait: forever ? FOREVER : t.wait,
        });
        Object.assign(proc, cloneJson(tpl.proc));
        replayEffects(tpl, io, proc);
        return;
      }
      const rec = new StartRecording(io, proc);
      const varsBefore = JSON.stringify(th.vars);
      const exportedBefore = th.exported.join('\0');
      active = { rec, io: rec.recordingIo() };
      try {
        const rm: Machine = { ...m, io: active.io, host: rec.host(c), rec };
        pushScript(rm, th, `exec ${quoteArgv(argv)}`);
        runThread(rm, th);
        updateCpu(proc);
      } finally {
        active = undefined;
      }
      if (
        rec.ok &&
        proc.running &&
        !proc.stopping &&
        proc.threads.length === 1 &&
        proc.threads[0] === th &&
        !th.done &&
        !th.child &&
        JSON.stringify(th.vars) === varsBefore &&
        th.exported.join('\0') === exportedBefore
      ) {
        const { vars: _v, exported: _e, started: _s, ...thread } = th;
        keepTemplate(key, {
          vars: templateVars(th.vars),
          ...(rec.timeRead ? { now: c.now } : {}),
          reads: rec.reads,
          effects: rec.effects,
          thread: deepFreeze(cloneJson(thread)),
          proc: cloneJson({
            nextPid: proc.nextPid,
            servers: proc.servers,
            extra: proc.extra,
            partial: proc.partial,
            memory: proc.memory,
            cpu: proc.cpu,
            baseCpu: proc.baseCpu,
            lines: proc.lines,
          }),
        });
      }
    },

    kill(cid, signal) {
      const proc = state().procs[cid];
      if (!proc || !proc.running) return;
      if (signal === 'SIGKILL') {
        exitProc(proc, SIGKILL_EXIT);
        return;
      }
      if (proc.stopping) return;
      const main = proc.threads.find((t) => t.pid === 1);
      const trap = main?.traps.TERM ?? main?.traps['15'];
      if (main && trap !== undefined) {
        if (trap === '' || trap === '-') return;
        // run the handler now; the shell exits only if the handler does
        const m = machine(proc, true);
        const t: Thread = {
          ...main,
          frames: [],
          scripts: [...main.scripts],
          vars: { ...main.vars },
          wait: undefined,
          done: false,
        };
        pushScript(m, t, trap);
        runThread(m, t);
        const lm = machine(proc, false);
        logText(lm, m.cap.out + m.cap.err);
        if (/\bexit\b/.test(trap)) exitProc(proc, t.status);
        return;
      }
      const m = machine(proc, false);
      const g = gracefulStop(m, proc);
      if (g) {
        proc.stopping = true;
        if (g.lines) logText(m, g.lines);
        if (g.ms <= 0) exitProc(proc, 0);
        else c.clock.after(g.ms, 'process.stop', { cid, code: 0 }, `proc:${cid}:stop`);
        return;
      }
      // No handler: the kernel does not deliver a signal whose action is the default to the init of a PID
      // namespace (pid_namespaces(7)), so a `sleep` or a shell as PID 1 ignores SIGTERM and runs on until the
      // SIGKILL after the grace period (exit 137).
    },

    remove(cid) {
      const s = state();
      const proc = s.procs[cid];
      if (!proc) return;
      cancelTimers(proc);
      delete s.procs[cid];
    },

    exec(cid, argv, stdin) {
      const proc = state().procs[cid];
      if (!proc || !proc.running) {
        return { exitCode: 1, stdout: '', stderr: `error: container ${cid} is not running\n` };
      }
      const name = argv[0];
      if (!name || !runnable(proc, name)) {
        return {
          exitCode: 126,
          stdout: '',
          stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name ?? ''}": executable file not found in $PATH: unknown\n`,
        };
      }
      const m = machine(proc, true);
      const th = newThread(m, proc.nextPid++, argv.join(' '), baseVars(cid), proc.workingDir, true);
      pushScript(m, th, `exec ${quoteArgv(argv)}`, { stdin: stdin ?? '' });
      runThread(m, th);
      const r = { exitCode: th.status, stdout: m.cap.out, stderr: m.cap.err };
      return m.elapsed > 0 ? { ...r, durationMs: m.elapsed } : r;
    },

    httpRequest(cid, port, path, fromIp) {
      const proc = state().procs[cid];
      if (!proc || !proc.running || proc.stopping) return undefined;
      const server = proc.servers.find((s) => s.port === port);
      if (!server) return undefined;
      return answerHttp(
        machine(proc, false),
        server,
        path.startsWith('/') ? path : `/${path}`,
        fromIp ?? '10.244.0.1',
      );
    },

    listening(cid, port) {
      const proc = state().procs[cid];
      return !!proc && proc.running && !proc.stopping && proc.servers.some((s) => s.port === port);
    },

    ps(cid) {
      const proc = state().procs[cid];
      return proc ? psRows(proc) : [];
    },

    running(cid) {
      return state().procs[cid]?.running ?? false;
    },
  };
  return api;
}
