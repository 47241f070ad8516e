/**
 * What a command sees of the shell it runs in: its arguments, its streams, the files, the cluster and a narrow
 * handle on the shell itself (the other commands' names for `help`, a cluster reset for `sim reset`). Commands
 * never import the session: the session receives the command table, and hands each run this context.
 */
import type { Cluster, ClusterOptions } from '../sim/cluster';
import type { ShellLang } from './messages';

/** Files visible to commands: the script's folder in the headless runner, the editor's files in the studio. */
export interface VirtualFs {
  /** Contents of a file, or undefined. Paths are relative to the working folder; `/` separates. */
  read(path: string): string | undefined;
  /** Whether `path` is a folder. */
  isDir(path: string): boolean;
  /** Files directly inside a folder (names, not paths), sorted. */
  list(dir: string): string[];
  /** Writes a file (for `kubectl create … > file` style helpers); optional. */
  write?(path: string, content: string): void;
}

/** A command as `help` lists it. */
export interface CommandInfo {
  readonly name: string;
  readonly summary: { readonly en: string; readonly zh: string };
  readonly usage: string;
}

/** The shell as a command may reach it. */
export interface ShellControl {
  /** Every top-level command, in table order. */
  readonly commands: readonly CommandInfo[];
  /** Language of the shell's own messages (kubectl and docker output stays English). */
  readonly lang: ShellLang;
  /** Replaces the cluster (`sim reset`) and returns the new one. */
  reset(options: ClusterOptions): Cluster;
  /** `jobs`: the running background jobs, as bash lists them. */
  jobs(): string;
  /** `kill %N` (or `kill PID` with `byPid`): stops a background job; false when there is none. */
  killJob(n: number, byPid?: boolean): boolean;
}

/** What a command receives. */
export interface CommandContext {
  cluster: Cluster;
  /** Arguments after the command's own words, e.g. for `kubectl get pods -A`: `['get', 'pods', '-A']`. */
  argv: string[];
  /** Text fed through a heredoc or a pipe. */
  stdin?: string;
  fs: VirtualFs;
  /** `script`: headless runner (watches advance the clock then end). `interactive`: the studio terminal. */
  mode: 'script' | 'interactive';
  /** Write to standard output / error. In interactive mode a running watch may keep writing. */
  out(text: string): void;
  err(text: string): void;
  /** Interactive mode only: register a stop function for a command that keeps running (`kubectl get -w`). */
  keepAlive?(stop: () => void): void;
  /** The shell running the command (absent when a test runs one command alone). */
  shell?: ShellControl;
}
