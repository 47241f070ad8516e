/**
 * The command language's contracts. Commands are a table of `{ name, usage, flags, run }` entries, so help,
 * completion and docs come from one place (learnGitBranching's command table).
 */
import type { CommandContext } from './commandContext';

export type { CommandContext, CommandInfo, ShellControl, VirtualFs } from './commandContext';

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
  /** pflag's NoOptDefVal: `--name` alone is `true`, `--name=x` any x, never the next word. */
  optionalValue?: boolean;
  /** For completion: the kind of value (`resource`, `namespace`, `node`, `file`, or fixed choices). */
  complete?: 'resource' | 'namespace' | 'node' | 'file' | string[];
  help: string;
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
