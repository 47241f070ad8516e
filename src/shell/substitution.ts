/**
 * Command substitution and parameter expansion as bash does them on the learner's machine: `$(command)` outside
 * single quotes runs the command and puts its standard output in its place, trailing newlines removed; `$NAME`,
 * `${NAME}` and `$?` put the shell variable's value (empty when unset). Unquoted, the result splits into words
 * (`kubectl logs $(kubectl get pods -o name | head -1)`); inside double quotes, and as the value of an assignment
 * (`POD=$(kubectl get pods -o name)`), it stays one word. The text is escaped for the line's tokenizer, so quotes
 * and `|` in it stay plain text.
 */
import { ParseError } from './parse';

/** What running a substitution gives back: the standard output and what went to standard error. */
export type Capture = (command: string) => { stdout: string; stderr: string };

/** Backslash-escapes every character the tokenizer would read as syntax. */
function escapeWord(w: string): string {
  return w.replace(/[^A-Za-z0-9_./:=,@%+-]/g, '\\$&');
}

/** `$NAME`, `${NAME}` or `$?` after the `$`. */
const PARAM = /^(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}|\?)/;
/** The line so far ends in `NAME=` at the start of a word: an assignment's value, which bash does not split. */
const ASSIGNING = /(?:^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=$/;

/** Index of the `)` closing a `$(` whose body starts at `from`, or -1. */
function closing(line: string, from: number): number {
  let depth = 1;
  let q: string | null = null;
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (q === "'") {
      if (c === "'") q = null;
    } else if (c === '\\') i++;
    else if (q === '"') {
      if (c === '"') q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Replaces each `$(…)` of a command line by its command's output. Returns the new line and the standard
 * error of the substituted commands (a terminal shows it before the command's own output).
 */
export function substitute(
  line: string,
  run: Capture,
  vars: (name: string) => string | undefined = () => undefined,
): { line: string; stderr: string } {
  if (!line.includes('$')) return { line, stderr: '' };
  let out = '';
  let stderr = '';
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q === "'") {
      out += c;
      if (c === "'") q = null;
      continue;
    }
    if (c === '\\') {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && q === null)) {
      q = q === c ? null : c;
      out += c;
      continue;
    }
    const put = (value: string): void => {
      out +=
        q === '"'
          ? value.replace(/["\\$`]/g, '\\$&')
          : ASSIGNING.test(out)
            ? escapeWord(value)
            : value.split(/\s+/).filter(Boolean).map(escapeWord).join(' ');
    };
    if (c === '$' && line[i + 1] === '(' && line[i + 2] !== '(') {
      const end = closing(line, i + 2);
      if (end < 0) throw new ParseError("unexpected EOF while looking for matching `)'");
      const r = run(line.slice(i + 2, end));
      stderr += r.stderr;
      put(r.stdout.replace(/\n+$/, ''));
      i = end;
      continue;
    }
    const param = c === '$' ? PARAM.exec(line.slice(i + 1)) : null;
    if (param) {
      const name = param[1] ?? param[2] ?? '?';
      put(vars(name) ?? '');
      i += param[0].length;
      continue;
    }
    out += c;
  }
  return { line: out, stderr };
}
