/**
 * Flag parsing as the docker CLI (spf13/pflag) does it: `--name web`, `--name=web`, `-p 8080:80`, combined
 * shorthands (`-it`, `-dp 80:80`), repeatable flags, and the first positional ending flag parsing for verbs that
 * take a command (`docker run IMAGE [COMMAND] [ARG...]`).
 */
import type { FlagDef } from '../types';

export interface VerbFlag extends FlagDef {
  /** Repeatable (`-e A=1 -e B=2`). */
  multi?: boolean;
}

export interface ParsedFlags {
  values: Record<string, string[]>;
  bools: Set<string>;
  args: string[];
}

export type FlagParse = { ok: true; p: ParsedFlags } | { ok: false; error: string };

export function parseFlags(argv: string[], defs: VerbFlag[], stopAtPositional: boolean): FlagParse {
  const byLong = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const p: ParsedFlags = { values: {}, bools: new Set(), args: [] };
  const set = (d: VerbFlag, v: string) => {
    (p.values[d.name] ??= []).push(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      p.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const d = byLong.get(name);
      if (!d) return { ok: false, error: `unknown flag: --${name}` };
      if (d.value) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
        set(d, v);
      } else if (eq > 0 && a.slice(eq + 1) === 'false') p.bools.delete(d.name);
      else p.bools.add(d.name);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const d = byShort.get(ch);
        if (!d) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${a}` };
        if (d.value) {
          let v = a.slice(j + 1).replace(/^=/, '');
          if (!v) {
            v = argv[++i] ?? '';
            if (i >= argv.length) return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
          }
          set(d, v);
          break;
        }
        p.bools.add(d.name);
      }
      continue;
    }
    p.args.push(a);
    if (stopAtPositional) {
      p.args.push(...argv.slice(i + 1));
      break;
    }
  }
  return { ok: true, p };
}

export function last(p: ParsedFlags, name: string): string | undefined {
  const v = p.values[name];
  return v ? v[v.length - 1] : undefined;
}
