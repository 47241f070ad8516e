/**
 * What a text filter sees: its argv, its standard input, named files and its two streams. The terminal's pipes
 * (src/shell) and the shell inside a container (src/sim/process) each give the filters one, over their own
 * files, so one implementation serves both.
 */

/** A named input: its text, or why it cannot be read. */
export type FileRead = { text: string } | { error: 'missing' | 'dir' };

export interface FilterIo {
  /** The words of the command, `argv[0]` being the tool's name. */
  argv: string[];
  stdin: string;
  readFile(name: string): FileRead;
  /** Writes (or appends to) a file; false when it cannot be written. */
  writeFile(name: string, text: string, append: boolean): boolean;
  out(text: string): void;
  err(text: string): void;
  /** Whose wording the file errors take: busybox (in containers) or GNU coreutils (the learner's terminal). */
  flavour: 'busybox' | 'gnu';
}

export interface FilterResult {
  status: number;
  /** Keeps running until killed (`tail -f`). */
  forever?: boolean;
}

export type TextFilter = (io: FilterIo) => FilterResult;

/** Lines of a text, a final newline not opening another line. */
export function lines(text: string): string[] {
  if (!text) return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

/** Lines back to text, each ended by a newline. */
export function join(ls: string[]): string {
  return ls.length ? ls.join('\n') + '\n' : '';
}

function cannotOpen(io: FilterIo, tool: string, f: string, why: 'missing' | 'dir'): string {
  const reason = why === 'dir' ? 'Is a directory' : 'No such file or directory';
  if (io.flavour === 'busybox')
    return why === 'dir' ? `${tool}: read error: ${reason}\n` : `${tool}: can't open '${f}': ${reason}\n`;
  if (tool === 'head' || tool === 'tail') return `${tool}: cannot open '${f}' for reading: ${reason}\n`;
  if (tool === 'sort') return `sort: cannot read: ${f}: ${reason}\n`;
  return `${tool}: ${f}: ${reason}\n`;
}

/** Reads one named input (`-` is standard input), reporting an error in the tool's wording. */
export function readOne(io: FilterIo, f: string, tool: string): string | undefined {
  if (f === '-') return io.stdin;
  const r = io.readFile(f);
  if ('text' in r) return r.text;
  io.err(cannotOpen(io, tool, f, r.error));
  return undefined;
}

/** Reads the files named in args, or standard input when none. */
export function readInputs(io: FilterIo, files: string[], tool: string): { text: string; ok: boolean } {
  if (!files.length) return { text: io.stdin, ok: true };
  let text = '';
  let ok = true;
  for (const f of files) {
    const t = readOne(io, f, tool);
    if (t === undefined) ok = false;
    else text += t;
  }
  return { text, ok };
}

/** Basic/extended regular expression → JS RegExp source (BRE's `\|`, `\(`, `\)`, `\+` become ERE). */
function reSource(p: string, extended: boolean): string {
  if (extended) return p;
  return p.replace(/\\([|()+?{}])|([|()+?{}])/g, (_, esc: string | undefined, plain: string | undefined) =>
    esc ? esc : `\\${plain}`,
  );
}

/** A regular expression from a pattern, or undefined after reporting it as bad. */
export function makeRe(io: FilterIo, p: string, extended: boolean, flags: string): RegExp | undefined {
  try {
    return new RegExp(reSource(p, extended), flags);
  } catch {
    io.err(`${io.argv[0]}: bad regex '${p}'\n`);
    return undefined;
  }
}

/** A count argument (`-n 5`, `+2`), `def` when absent, undefined after reporting it as invalid. */
export function num(io: FilterIo, s: string | true | undefined, def: number): number | undefined {
  if (s === undefined || s === true) return def;
  const n = Number(s.replace(/^\+/, ''));
  if (!Number.isFinite(n)) {
    io.err(`${io.argv[0]}: invalid number '${s}'\n`);
    return undefined;
  }
  return n;
}
