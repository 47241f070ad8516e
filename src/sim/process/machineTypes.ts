/**
 * The interfaces of the shell machine (split from machine.ts so its parts can name them without importing the
 * interpreter): the host clock, one run of the machine and the model's hooks into it.
 */
import type { Proc, ServerState, Thread } from './types';

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
  rec?: StartRecorder;
  /** The interpreter, handed in so expansion (`$(…)`) can run a nested script without importing machine.ts. */
  run: ScriptRunner;
}

/** The interpreter's entry points (implemented by machine.ts, passed in by the process model). */
export interface ScriptRunner {
  /** Pushes a whole script as a nested program; false: it did not parse (the error is already written). */
  pushScript(
    m: Machine,
    th: Thread,
    src: string,
    opts?: { args?: string[]; isolate?: boolean; stdin?: string; name?: string },
  ): boolean;
  /** Steps the thread until it waits or ends. */
  runThread(m: Machine, th: Thread): void;
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

/** Implemented by the runtime, per container id `cid`. */
export interface ProcessIO {
  readFile(cid: string, path: string): string | undefined;
  /** false: read-only / no such directory. */
  writeFile(cid: string, path: string, content: string): boolean;
  removeFile(cid: string, path: string, recursive?: boolean): boolean;
  isDir(cid: string, path: string): boolean;
  listDir(cid: string, path: string): string[] | undefined;
  mkdir(cid: string, path: string): boolean;
  /** A log line (without trailing newline), for kubectl/docker logs. */
  stdout(cid: string, text: string): void;
  /** The main process ended. */
  exited(cid: string, exitCode: number, reason?: string): void;
  /** Working set; the runtime OOM-kills over the limit. */
  setMemory(cid: string, bytes: number): void;
  /** Current CPU use (for stats/top/HPA). */
  setCpu(cid: string, millicores: number): void;
  /** The process opened a listening TCP port. */
  listen(cid: string, port: number): void;
  /**
   * An outbound HTTP request. Errors are worded `bad address` (no DNS answer), `connection refused`,
   * `timed out` or `no route to host`; clients print them as busybox wget / curl do. Hosts outside the cluster
   * should answer a small fixed page (see `externalPage` in netCommands.ts).
   */
  http(
    cid: string,
    url: string,
    timeoutMs: number,
  ): { status: number; body: string; latencyMs: number } | { error: string; latencyMs: number };
  resolve(cid: string, name: string): { name: string; addresses: string[]; server: string } | undefined;
  tcp(cid: string, host: string, port: number): boolean;
  env(cid: string): Record<string, string>;
  hostname(cid: string): string;
}

/** What the machine tells a start being recorded for reuse (startTemplates.ts's StartRecording). */
export interface StartRecorder {
  /** A script the start ran. */
  script(src: string): void;
  /** The environment a command saw (recorded as depending on the container's own variables). */
  env(env: Record<string, string>): Record<string, string>;
}
