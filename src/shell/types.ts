/**
 * The command language's contracts. Commands are a table of `{ name, usage, flags, run }` entries, so help,
 * completion and docs come from one place (learnGitBranching's command table).
 */
import type { Cluster } from '../sim/cluster';

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

export interface Bilingual {
  en: string;
  zh: string;
}

export interface FlagDef {
  /** Long name without dashes, e.g. `namespace`. */
  name: string;
  /** One-letter alias, e.g. `n`. */
  short?: string;
  /** Takes a value (`--name value` / `--name=value`); false for booleans. */
  value: boolean;
  /** For completion: the kind of value (`resource`, `namespace`, `node`, `file`, or fixed choices). */
  complete?: 'resource' | 'namespace' | 'node' | 'file' | string[];
  help: string;
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
}

/** A top-level command: `kubectl`, `docker`, `sim`, `help`, `clear`, … */
export interface CommandDef {
  name: string;
  summary: Bilingual;
  usage: string;
  /** Sub-commands for help and completion (e.g. kubectl's verbs). */
  subcommands?: { name: string; summary: string; flags?: FlagDef[] }[];
  flags?: FlagDef[];
  /** Returns the exit status. */
  run(ctx: CommandContext): number;
}
