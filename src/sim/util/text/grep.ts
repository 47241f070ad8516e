/**
 * `grep` for pipes and files, GNU's and busybox's shared options: `-i -v -c -q -l -n -o -w -F -E -h -H -s`,
 * `-e PATTERN`, `-m NUM`, and context (`-A`, `-B`, `-C NUM`): lines around each match, groups that do not touch
 * parted by a `--` line, context lines marked with `-` where matches have `:` (`3-…`, `file-…`).
 */
import { getoptFlags } from '../flags';
import { join, lines, makeRe, readOne, type FilterIo, type FilterResult } from './filterIo';

const USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n';
const GNU_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

function count(io: FilterIo, v: string | true | undefined): number | undefined {
  if (v === undefined) return 0;
  if (v === true || !/^\d+$/.test(v)) {
    io.err(`grep: ${String(v === true ? '' : v)}: invalid context length argument\n`);
    return undefined;
  }
  return Number(v);
}

export function grep(io: FilterIo): FilterResult {
  const { flags, args } = getoptFlags(io.argv, 'eABCm', {
    'ignore-case': 'i',
    'invert-match': 'v',
    count: 'c',
    quiet: 'q',
    silent: 'q',
    'files-with-matches': 'l',
    'line-number': 'n',
    'only-matching': 'o',
    'word-regexp': 'w',
    'fixed-strings': 'F',
    'extended-regexp': 'E',
    'no-filename': 'h',
    'with-filename': 'H',
    'no-messages': 's',
    regexp: 'e',
    'after-context': 'A',
    'before-context': 'B',
    context: 'C',
    'max-count': 'm',
  });
  const pattern = typeof flags.e === 'string' ? flags.e : args.shift();
  if (pattern === undefined) {
    io.err(io.flavour === 'gnu' ? GNU_USAGE : USAGE);
    return { status: 2 };
  }
  const both = count(io, flags.C);
  const after = flags.A !== undefined ? count(io, flags.A) : both;
  const before = flags.B !== undefined ? count(io, flags.B) : both;
  if (after === undefined || before === undefined) return { status: 2 };
  const max = typeof flags.m === 'string' ? Number(flags.m) : Infinity;
  let re: RegExp | undefined;
  if (flags.F) re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.i ? 'i' : '');
  else re = makeRe(io, flags.w ? `\\b(?:${pattern})\\b` : pattern, !!flags.E, flags.i ? 'i' : '');
  if (!re) return { status: 2 };
  const files = args.length ? args : ['-'];
  const named = flags.h ? false : flags.H ? true : files.length > 1;
  const listing = !!(flags.q || flags.c || flags.l);
  const context = !listing && !flags.o && (after > 0 || before > 0);
  let matched = 0;
  let bad = false;
  const out: string[] = [];
  // Whether anything was printed yet (a later group starts with `--`), across files as GNU grep does.
  let printedAny = false;
  for (const f of files) {
    const text = readOne(io, f, 'grep');
    if (text === undefined) {
      bad = true;
      continue;
    }
    const ls = lines(text);
    const label = f === '-' ? '(standard input)' : f;
    const line = (i: number, sep: ':' | '-'): string =>
      (named ? `${label}${sep}` : '') + (flags.n ? `${i + 1}${sep}` : '') + ls[i]!;
    let fileMatches = 0;
    /** Index of the last line printed in this file, -1 before any. */
    let last = -1;
    let afterLeft = 0;
    const emit = (i: number, sep: ':' | '-'): void => {
      if (context && printedAny && (last < 0 || i > last + 1)) out.push('--');
      out.push(line(i, sep));
      last = i;
      printedAny = true;
    };
    for (let i = 0; i < ls.length; i++) {
      const hit = fileMatches < max && re.test(ls[i]!) !== !!flags.v;
      if (!hit) {
        if (afterLeft > 0 && context) {
          emit(i, '-');
          afterLeft--;
        }
        if (fileMatches >= max && afterLeft === 0) break;
        continue;
      }
      matched++;
      fileMatches++;
      if (listing) continue;
      if (flags.o && !flags.v) {
        const prefix = (named ? `${label}:` : '') + (flags.n ? `${i + 1}:` : '');
        for (const m of ls[i]!.matchAll(new RegExp(re.source, re.flags + 'g'))) out.push(prefix + m[0]);
        continue;
      }
      if (context) for (let b = Math.max(last + 1, i - before); b < i; b++) emit(b, '-');
      emit(i, ':');
      afterLeft = after;
    }
    if (flags.c) out.push((named ? `${label}:` : '') + String(fileMatches));
    if (flags.l && fileMatches) out.push(label);
  }
  if (!flags.q) io.out(join(out));
  if (bad && !flags.s && !(flags.q && matched)) return { status: 2 };
  return { status: matched ? 0 : 1 };
}
