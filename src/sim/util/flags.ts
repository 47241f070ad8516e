/**
 * The one command-line flag parser. Every command declares a table of its flags; this reads an argv against
 * the table in one of three conventions, and each tool words the errors as the real tool prints them:
 *
 * - `pflag` (kubectl, docker: spf13/pflag): `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`,
 *   combined shorthands (`-it`, `-dp 80:80`), booleans take `=true|false` (strconv.ParseBool), `--` ends flags.
 * - `go` (our `sim` command, Go's standard `flag` package): one or two dashes alike, a name is looked up as long
 *   name or letter, `=value` or the next word.
 * - `getopt` (the busybox applets inside containers): combined letters, a value flag takes the rest of the word
 *   or the next word, long options map to their letter; flags missing from the table are taken as booleans
 *   (busybox applets accept options they ignore) when `lenient`.
 *
 * Pure: no simulation state, so the shell (src/shell) and the in-container commands (src/sim/process) share it.
 */

/** One entry of a command's flag table. */
export interface FlagSpec {
  /** Long name without dashes (`namespace`), or the letter for letter-only applet flags. */
  readonly name: string;
  /** One-letter alias (`n`). */
  readonly short?: string;
  /** Takes a value; false for booleans. */
  readonly value: boolean;
  /**
   * A boolean-looking flag with pflag's NoOptDefVal (kubectl's `--validate`): alone it reads `true`, with `=x` it
   * takes any x (the command checks it), and it never takes the next word.
   */
  readonly optionalValue?: boolean;
  /** Further long names (`ignore-case` for grep's `i`). */
  readonly aliases?: readonly string[];
}

export type FlagStyle = 'pflag' | 'go' | 'getopt';

export interface ParseOptions {
  /** The convention; `pflag` when absent. */
  style?: FlagStyle;
  /** Stop at the first positional: it and the words after it are arguments (`docker run IMAGE CMD…`). */
  stopAtPositional?: boolean;
  /** Accept flags missing from the table (recorded under the name or letter given) instead of an error. */
  lenient?: boolean;
}

/** The words of an argv sorted into flags and arguments. */
export interface ParsedArgv {
  /** Positional arguments before `--`. */
  args: string[];
  /** Words after `--`. */
  rest: string[];
  /** Whether `--` appeared. */
  dashdash: boolean;
  /** Every value of each flag by its table name, in order; booleans are `'true'` / `'false'`. */
  values: Map<string, string[]>;
}

/** Why an argv was refused; each tool words it (see {@link pflagMessage}). */
export type FlagError =
  | { k: 'unknown'; name: string; word: string }
  | { k: 'unknown-short'; ch: string; word: string }
  | { k: 'needs-value'; name: string; word: string }
  | { k: 'needs-value-short'; ch: string; word: string }
  | { k: 'bad-bool'; name: string; value: string };

export type ParseResult = { ok: true; p: ParsedArgv } | { ok: false; error: FlagError };

/** Go's strconv.ParseBool, which pflag applies to `--flag=value` of a boolean. */
function parseBool(v: string): 'true' | 'false' | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return 'true';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return 'false';
  return undefined;
}

/** A word that is a flag: starts with `-`, is not `-` alone and not a negative number. */
function isFlagWord(a: string): boolean {
  return a.length > 1 && a.startsWith('-') && !/^-\d/.test(a);
}

/** Reads `argv` (the words after the command's own name) against the flag table `specs`. */
export function parseArgv(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  opts: ParseOptions = {},
): ParseResult {
  const style = opts.style ?? 'pflag';
  const byLong = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byLong.set(s.name, s);
    for (const al of s.aliases ?? []) byLong.set(al, s);
    if (s.short) byShort.set(s.short, s);
  }
  const p: ParsedArgv = { args: [], rest: [], dashdash: false, values: new Map() };
  const set = (name: string, v: string): void => {
    const list = p.values.get(name);
    if (list) list.push(v);
    else p.values.set(name, [v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      p.dashdash = true;
      p.rest = argv.slice(i + 1);
      break;
    }
    if (!isFlagWord(a)) {
      p.args.push(a);
      if (opts.stopAtPositional) {
        p.args.push(...argv.slice(i + 1));
        break;
      }
      continue;
    }
    const long = a.startsWith('--');
    if (long || style === 'go') {
      const body = a.slice(long ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
      const spec = byLong.get(name) ?? (style === 'go' ? byShort.get(name) : undefined);
      if (!spec) {
        if (!opts.lenient) return { ok: false, error: { k: 'unknown', name, word: a } };
        set(name, inline ?? 'true');
        continue;
      }
      if (spec.value) {
        if (inline !== undefined) set(spec.name, inline);
        else if (i + 1 < argv.length) set(spec.name, argv[++i]!);
        else if (style === 'getopt') set(spec.name, '');
        else return { ok: false, error: { k: 'needs-value', name, word: a } };
      } else if (inline === undefined) set(spec.name, 'true');
      else if (style === 'getopt' || spec.optionalValue) set(spec.name, inline);
      else {
        const b = parseBool(inline);
        if (!b) return { ok: false, error: { k: 'bad-bool', name, value: inline } };
        set(spec.name, b);
      }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const ch = a[j]!;
      const spec = byShort.get(ch);
      if (!spec) {
        if (!opts.lenient) return { ok: false, error: { k: 'unknown-short', ch, word: a } };
        set(ch, 'true');
        continue;
      }
      if (!spec.value) {
        set(spec.name, 'true');
        continue;
      }
      let v = a.slice(j + 1);
      if (style === 'pflag' && v.startsWith('=')) v = v.slice(1);
      if (!v) {
        if (i + 1 < argv.length) v = argv[++i]!;
        else if (style !== 'getopt') return { ok: false, error: { k: 'needs-value-short', ch, word: a } };
      }
      set(spec.name, v);
      break;
    }
  }
  return { ok: true, p };
}

/** pflag's wording of a refusal (kubectl prefixes `error: `, docker prints it as is). */
export function pflagMessage(e: FlagError): string {
  switch (e.k) {
    case 'unknown':
      return `unknown flag: --${e.name}`;
    case 'unknown-short':
      return `unknown shorthand flag: '${e.ch}' in ${e.word}`;
    case 'needs-value':
      return `flag needs an argument: --${e.name}`;
    case 'needs-value-short':
      return `flag needs an argument: '${e.ch}' in -${e.ch}`;
    case 'bad-bool':
      return `invalid argument "${e.value}" for "--${e.name}" flag: strconv.ParseBool: parsing "${e.value}": invalid syntax`;
  }
}

/** The last value of a flag, or undefined. */
export function lastValue(p: ParsedArgv, name: string): string | undefined {
  const v = p.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

/** Whether a boolean flag is on (its last value is `true`). */
export function isOn(p: ParsedArgv, name: string): boolean {
  return lastValue(p, name) === 'true';
}

/** A table of letter-only flags for getopt-style applets: `letters('lar')`, `letters('', 'nc')` for values. */
export function letters(bools: string, withValue = ''): FlagSpec[] {
  return [
    ...[...bools].map((ch) => ({ name: ch, short: ch, value: false })),
    ...[...withValue].map((ch) => ({ name: ch, short: ch, value: true })),
  ];
}

/**
 * Reads a busybox applet's flags getopt-style (its table given compactly): `withValue`
 * letters take the rest of the word or the next word, `long` maps long options to their letter, and other
 * letters are taken as booleans (applets accept options they ignore). Flags are keyed by letter; `argv[0]` is the applet's name.
 */
export function getoptFlags(
  argv: string[],
  withValue = '',
  long: Record<string, string> = {},
): { flags: Record<string, string | true>; args: string[]; bad?: string } {
  const specs: FlagSpec[] = [...withValue].map((ch) => ({
    name: ch,
    short: ch,
    value: true,
    aliases: Object.keys(long).filter((l) => long[l] === ch),
  }));
  for (const ch of Object.values(long))
    if (!withValue.includes(ch) && !specs.some((sp) => sp.name === ch))
      specs.push({
        name: ch,
        short: ch,
        value: false,
        aliases: Object.keys(long).filter((x) => long[x] === ch),
      });
  const r = parseArgv(argv.slice(1), specs, { style: 'getopt', lenient: true });
  // getopt style with lenient never refuses.
  if (!r.ok) return { flags: {}, args: [] };
  const flags: Record<string, string | true> = {};
  for (const [name, vs] of r.p.values) {
    const v = vs[vs.length - 1]!;
    flags[name] = withValue.includes(name) || v !== 'true' ? v : true;
  }
  return { flags, args: [...r.p.args, ...r.p.rest] };
}
