/**
 * The verb table's contract and kubectl's reading of a verb's flag table (pflag semantics, through the one
 * parser of src/sim/util/flags.ts). Each verb file exports one {@link VerbDef} declaring its flags.
 */
import type { Bilingual, CommandContext, FlagDef } from '../types';
import type { Cluster } from '../../sim/cluster';
import { fail, KubectlError } from './errors';
import { parseArgv, pflagMessage } from '../../sim/util/flags';

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
  const r = parseArgv(argv, [...defs, ...GLOBAL_FLAGS]);
  if (!r.ok)
    throw new KubectlError(`error: ${pflagMessage(r.error)}\nSee 'kubectl ${cmdPath} --help' for usage.`);
  const flags = new Map<string, string>();
  for (const [name, vs] of r.p.values) flags.set(name, vs[vs.length - 1]!);
  return { args: r.p.args, rest: r.p.rest, flags, all: r.p.values, dashdash: r.p.dashdash };
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

/** kubectl's `--validate` (NoOptDefVal `strict`): strict (or true), warn, ignore (or false). */
export const VALIDATE_FLAG: FlagDef = {
  name: 'validate',
  value: false,
  optionalValue: true,
  complete: ['strict', 'warn', 'ignore'],
  help: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. "warn" will warn about unknown or duplicate fields without blocking the request, and "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

/** The server's fieldValidation directive from `--validate` (kubectl cmdutil GetValidationDirective). */
export function fieldValidation(p: Parsed): 'Strict' | 'Warn' | 'Ignore' {
  const v = p.flags.get('validate') ?? 'strict';
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  fail(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
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
