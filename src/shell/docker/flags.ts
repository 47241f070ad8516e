/**
 * The docker CLI's reading of a verb's flags (spf13/pflag, through the one parser of src/sim/util/flags.ts):
 * repeatable flags keep every value, and verbs that take a command (`docker run IMAGE [COMMAND] [ARG...]`) stop
 * flag parsing at the first positional.
 */
import type { FlagDef } from '../types';
import { parseArgv, pflagMessage } from '../../sim/util/flags';

export interface VerbFlag extends FlagDef {
  /** Repeatable (`-e A=1 -e B=2`). */
  multi?: boolean;
}

export interface ParsedFlags {
  values: Record<string, string[]>;
  bools: Set<string>;
  /** Booleans set to false explicitly (`--human=false`), for flags whose default is true. */
  off: Set<string>;
  args: string[];
}

export type FlagParse = { ok: true; p: ParsedFlags } | { ok: false; error: string };

export function parseFlags(argv: string[], defs: VerbFlag[], stopAtPositional: boolean): FlagParse {
  const r = parseArgv(argv, defs, { stopAtPositional });
  if (!r.ok) return { ok: false, error: pflagMessage(r.error) };
  const p: ParsedFlags = { values: {}, bools: new Set(), off: new Set(), args: [...r.p.args, ...r.p.rest] };
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const [name, vs] of r.p.values) {
    if (byName.get(name)?.value) p.values[name] = vs;
    else if (vs[vs.length - 1] === 'true') p.bools.add(name);
    else p.off.add(name);
  }
  return { ok: true, p };
}

export function last(p: ParsedFlags, name: string): string | undefined {
  const v = p.values[name];
  return v ? v[v.length - 1] : undefined;
}
