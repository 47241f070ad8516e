/**
 * The contract of a command inside a container (a busybox applet or an image's program) and what applets
 * share: reading their inputs, reading their flags.
 */
import type { Frame, Thread } from './types';
import type { Machine } from './machineTypes';

export { getoptFlags as parseFlags } from '../util/flags';

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
