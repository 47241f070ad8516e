/**
 * The verb table's contract and the flag parser (pflag semantics: `--name value`, `--name=value`, `-n value`,
 * `-nvalue`, `-it`, `--` ends flags). Each verb file exports one {@link VerbDef}.
 */
import type { Bilingual, CommandContext, FlagDef } from '../types';
import type { Cluster } from '../../sim/cluster';
import { fail, KubectlError } from './errors';

export interface Parsed {
  /** Positional arguments (before `--`). */
  args: string[];
  /** Arguments after `--` (exec's command). */
  rest: string[];
  /** Flag values by long name; booleans are 'true'/'false'; repeatable flags keep every value in `all`. */
  flags: Map<string, string>;
  all: Map<string, string[]>;
  /** Whether `--` appeared. */
  dashdash: boolean;
}

export interface KubectlContext extends CommandContext {
  cluster: Cluster;
  /** The verb path, e.g. `rollout status`. */
  path: string;
  /** The namespace from `-n` or the context default. */
  namespace: string;
  /** Whether `-n` was given explicitly. */
  namespaceSet: boolean;
}

export interface VerbDef {
  name: string;
  aliases?: string[];
  summary: Bilingual;
  /** Usage line as `kubectl <verb> --help` prints it. */
  usage: string;
  /** Long description (English, as kubectl's help). */
  long?: string;
  examples?: string;
  flags: FlagDef[];
  /** Sub-verbs (`rollout status`, `config view`, `create deployment`). */
  subcommands?: VerbDef[];
  /** When a verb has sub-verbs and no run, `kubectl <verb>` alone prints help. */
  run?(k: KubectlContext, p: Parsed): number;
}

/** Flags every verb accepts (kubectl's global flags, the few that matter here). */
export const GLOBAL_FLAGS: FlagDef[] = [
  {
    name: 'namespace',
    short: 'n',
    value: true,
    complete: 'namespace',
    help: 'If present, the namespace scope for this CLI request',
  },
  { name: 'help', short: 'h', value: false, help: 'help for this command' },
  { name: 'context', value: true, help: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', value: true, help: 'Path to the kubeconfig file to use for CLI requests.' },
  {
    name: 'request-timeout',
    value: true,
    help: 'The length of time to wait before giving up on a single server request.',
  },
  { name: 'v', short: 'v', value: true, help: 'number for the log level verbosity' },
];

export function flag(name: string, help: string, opts: Partial<FlagDef> = {}): FlagDef {
  return { name, value: true, help, ...opts };
}
export function boolFlag(name: string, help: string, opts: Partial<FlagDef> = {}): FlagDef {
  return { name, value: false, help, ...opts };
}

export function parseFlags(argv: string[], defs: FlagDef[], cmdPath: string): Parsed {
  const all = [...defs, ...GLOBAL_FLAGS];
  const byLong = new Map(all.map((d) => [d.name, d]));
  const byShort = new Map(all.filter((d) => d.short).map((d) => [d.short!, d]));
  const p: Parsed = { args: [], rest: [], flags: new Map(), all: new Map(), dashdash: false };
  const set = (d: FlagDef, v: string): void => {
    p.flags.set(d.name, v);
    p.all.set(d.name, [...(p.all.get(d.name) ?? []), v]);
  };
  const usageHint = `\nSee 'kubectl ${cmdPath} --help' for usage.`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      p.dashdash = true;
      p.rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const d = byLong.get(name);
      if (!d) throw new KubectlError(`error: unknown flag: --${name}${usageHint}`);
      if (d.value) {
        if (eq >= 0) set(d, a.slice(eq + 1));
        else if (i + 1 < argv.length) set(d, argv[++i]!);
        else throw new KubectlError(`error: flag needs an argument: --${name}${usageHint}`);
      } else {
        const v = eq >= 0 ? a.slice(eq + 1) : 'true';
        if (v !== 'true' && v !== 'false')
          throw new KubectlError(
            `error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax${usageHint}`,
          );
        set(d, v);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const d = byShort.get(ch);
        if (!d) throw new KubectlError(`error: unknown shorthand flag: '${ch}' in ${a}${usageHint}`);
        if (d.value) {
          let v = a.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (!v) {
            if (i + 1 < argv.length) v = argv[++i]!;
            else throw new KubectlError(`error: flag needs an argument: '${ch}' in -${ch}${usageHint}`);
          }
          set(d, v);
          break;
        }
        set(d, 'true');
      }
      continue;
    }
    p.args.push(a);
  }
  return p;
}

export const has = (p: Parsed, name: string): boolean => p.flags.get(name) === 'true';
export const str = (p: Parsed, name: string): string | undefined => p.flags.get(name);

export function intFlag(p: Parsed, name: string): number | undefined {
  const v = p.flags.get(name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v))
    fail(`invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

/** `--dry-run` value: none | client | server. */
export function dryRun(p: Parsed): 'none' | 'client' | 'server' {
  const v = p.flags.get('dry-run');
  if (v === undefined || v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'true' || v === '') return 'client';
  if (v === 'server') return 'server';
  fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export const DRY_RUN_FLAG: FlagDef = {
  name: 'dry-run',
  value: true,
  complete: ['none', 'client', 'server'],
  help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};
export const OUTPUT_FLAG: FlagDef = {
  name: 'output',
  short: 'o',
  value: true,
  complete: ['json', 'yaml', 'name', 'wide', 'jsonpath=', 'custom-columns='],
  help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).',
};
export const FILENAME_FLAG: FlagDef = {
  name: 'filename',
  short: 'f',
  value: true,
  complete: 'file',
  help: 'Filename, directory, or URL to files to use.',
};
export const RECURSIVE_FLAG: FlagDef = {
  name: 'recursive',
  short: 'R',
  value: false,
  help: 'Process the directory used in -f, --filename recursively.',
};
export const SELECTOR_FLAG: FlagDef = {
  name: 'selector',
  short: 'l',
  value: true,
  help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};
export const ALL_NS_FLAG: FlagDef = {
  name: 'all-namespaces',
  short: 'A',
  value: false,
  help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};
