/**
 * The interfaces of the shell machine (split from machine.ts so its parts can name them without importing the
 * interpreter): the host clock, one run of the machine and the model's hooks into it.
 */
import type { ProcessIO } from './processIO';
import type { StartRecording } from './startTemplates';
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
