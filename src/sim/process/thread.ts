/** A new shell thread of the machine, and the virtual time a machine run is at. */
import type { Machine } from './machineTypes';
import type { Thread, Wait } from './types';

/** Virtual time of a run: the clock, plus (in synchronous mode) what the run has counted so far. */
export function machineNow(m: Machine): number {
  return m.host.now + (m.sync ? m.elapsed : 0);
}

/**
 * A new thread's argument list, traps, functions and a forever-wait are shared and frozen until the shell changes
 * them (most threads never do; a container's process lives as long as the container).
 */
const SH_ARGS: string[] = Object.freeze(['sh']) as unknown as string[];
export const NO_TRAPS: Record<string, string> = Object.freeze({}) as Record<string, string>;
export const NO_FUNCS: Thread['funcs'] = Object.freeze({}) as Thread['funcs'];
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

/** The positional parameters in scope: the innermost frame's (a function's, a script's), else the thread's. */
export function positional(th: Thread): string[] {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const a = th.frames[i]!.args;
    if (a) return a;
  }
  return th.args;
}
