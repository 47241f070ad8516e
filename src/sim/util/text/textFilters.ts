/**
 * The text filters of pipelines, one implementation for the learner's terminal and the shell inside
 * containers: `grep`, `head`, `tail`, `wc`, `sort`, `uniq`, `cut`, `tr`, `sed`, `seq`, `tee`, `base64` — the
 * options tutorials' one-liners use, each filter reading its flags from its own table.
 */
import { getoptFlags } from '../flags';
import { decodeBase64, encodeBase64, isBase64 } from '../base64';
import { join, lines, num, readInputs, type TextFilter } from './filterIo';
import { grep } from './grep';
import { sed } from './sed';

export type { FileRead, FilterIo, FilterResult, TextFilter } from './filterIo';

/** `head -5` / `tail -5` → `-n 5`. */
function normalizeCount(argv: string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

function parseCharList(spec: string): (i: number) => boolean {
  const ranges = spec.split(',').map((r) => {
    const [a, b] = r.split('-');
    const lo = a ? Number(a) : 1;
    const hi = b === undefined ? lo : b === '' ? Infinity : Number(b);
    return [lo, hi] as const;
  });
  return (i) => ranges.some(([lo, hi]) => i >= lo && i <= hi);
}

function expandTrSet(s: string): string {
  let out = '';
  const classes: Record<string, string> = {
    '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v',
  };
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      const a = s.charCodeAt(i);
      const b = s.charCodeAt(i + 2);
      for (let ch = a; ch <= b; ch++) out += String.fromCharCode(ch);
      i += 2;
    } else out += s[i];
  }
  return out;
}

/** Every text filter by name. */
export const TEXT_FILTERS: Record<string, TextFilter> = {
  grep,
  sed,
  head: (io) => {
    const { flags, args } = getoptFlags(normalizeCount(io.argv), 'nc');
    const n = num(io, flags.n, 10);
    if (n === undefined) return { status: 1 };
    const r = readInputs(io, args, 'head');
    if (typeof flags.c === 'string') io.out(r.text.slice(0, Number(flags.c)));
    else io.out(join(lines(r.text).slice(0, n)));
    return { status: r.ok ? 0 : 1 };
  },
  tail: (io) => {
    const { flags, args } = getoptFlags(normalizeCount(io.argv), 'nc');
    const n = num(io, flags.n, 10);
    if (n === undefined) return { status: 1 };
    const r = readInputs(io, args, 'tail');
    const ls = lines(r.text);
    const fromStart = typeof flags.n === 'string' && flags.n.startsWith('+');
    io.out(join(fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)));
    // `tail -f` follows forever: the idiomatic keep-alive `tail -f /dev/null`
    if (flags.f || flags.F) return { status: 0, forever: true };
    return { status: r.ok ? 0 : 1 };
  },
  wc: (io) => {
    const { flags, args } = getoptFlags(io.argv);
    const r = readInputs(io, args, 'wc');
    const text = r.text;
    const counts: number[] = [];
    const all = !flags.l && !flags.w && !flags.c && !flags.m;
    if (flags.l || all) counts.push((text.match(/\n/g) ?? []).length);
    if (flags.w || all) counts.push(text.split(/\s+/).filter(Boolean).length);
    if (flags.c || flags.m || all) counts.push(text.length);
    const cols = counts.length === 1 ? counts.map(String) : counts.map((n) => String(n).padStart(7));
    const name = args.length === 1 ? ` ${args[0]}` : '';
    io.out(cols.join(' ') + name + '\n');
    return { status: r.ok ? 0 : 1 };
  },
  sort: (io) => {
    const { flags, args } = getoptFlags(io.argv, 'tk');
    const r = readInputs(io, args, 'sort');
    let ls = lines(r.text);
    if (flags.n)
      ls.sort((a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0));
    else ls.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (flags.r) ls.reverse();
    if (flags.u) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
    io.out(join(ls));
    return { status: r.ok ? 0 : 1 };
  },
  uniq: (io) => {
    const { flags, args } = getoptFlags(io.argv);
    const r = readInputs(io, args, 'uniq');
    const out: string[] = [];
    const counts: number[] = [];
    for (const l of lines(r.text)) {
      if (out.length && out[out.length - 1] === l) counts[counts.length - 1]!++;
      else {
        out.push(l);
        counts.push(1);
      }
    }
    io.out(join(flags.c ? out.map((l, i) => `${String(counts[i]).padStart(7)} ${l}`) : out));
    return { status: r.ok ? 0 : 1 };
  },
  cut: (io) => {
    const { flags, args } = getoptFlags(io.argv, 'dfc');
    const r = readInputs(io, args, 'cut');
    if (typeof flags.f === 'string') {
      const d = typeof flags.d === 'string' ? flags.d : '\t';
      const sel = parseCharList(flags.f);
      io.out(
        join(
          lines(r.text).map((l) =>
            l.includes(d)
              ? l
                  .split(d)
                  .filter((_, i) => sel(i + 1))
                  .join(d)
              : l,
          ),
        ),
      );
    } else if (typeof flags.c === 'string') {
      const sel = parseCharList(flags.c);
      io.out(join(lines(r.text).map((l) => [...l].filter((_, i) => sel(i + 1)).join(''))));
    } else {
      io.err('cut: expected a list of bytes, characters, or fields\n');
      return { status: 1 };
    }
    return { status: r.ok ? 0 : 1 };
  },
  tr: (io) => {
    const { flags, args } = getoptFlags(io.argv);
    const a = expandTrSet(args[0] ?? '');
    if (flags.d) {
      io.out([...io.stdin].filter((ch) => !a.includes(ch)).join(''));
      return { status: 0 };
    }
    const b = expandTrSet(args[1] ?? '');
    let out = [...io.stdin].map((ch) => {
      const i = a.indexOf(ch);
      return i < 0 ? ch : (b[Math.min(i, b.length - 1)] ?? ch);
    });
    if (flags.s) out = out.filter((ch, i) => i === 0 || ch !== out[i - 1] || !b.includes(ch));
    io.out(out.join(''));
    return { status: 0 };
  },
  seq: (io) => {
    const nums = io.argv.slice(1).map(Number);
    if (!nums.length || nums.some((n) => !Number.isFinite(n))) {
      io.err(`seq: invalid number '${io.argv.slice(1).find((a) => !Number.isFinite(Number(a))) ?? ''}'\n`);
      return { status: 1 };
    }
    const [first, inc, last] =
      nums.length === 1
        ? [1, 1, nums[0]!]
        : nums.length === 2
          ? [nums[0]!, 1, nums[1]!]
          : [nums[0]!, nums[1]!, nums[2]!];
    const out: string[] = [];
    if (inc !== 0)
      for (let v = first; inc > 0 ? v <= last : v >= last; v += inc) if (out.push(String(v)) > 100_000) break;
    io.out(join(out));
    return { status: 0 };
  },
  tee: (io) => {
    const { flags, args } = getoptFlags(io.argv);
    let st = 0;
    for (const f of args) {
      if (!io.writeFile(f, io.stdin, !!flags.a)) {
        io.err(`tee: can't open '${f}': No such file or directory\n`);
        st = 1;
      }
    }
    io.out(io.stdin);
    return { status: st };
  },
  base64: (io) => {
    const { flags, args } = getoptFlags(io.argv, '', { decode: 'd' });
    const r = readInputs(io, args, 'base64');
    if (!r.ok) return { status: 1 };
    if (flags.d) {
      if (!isBase64(r.text.trim())) {
        io.err('base64: invalid input\n');
        return { status: 1 };
      }
      io.out(decodeBase64(r.text.trim()));
      return { status: 0 };
    }
    io.out(encodeBase64(r.text) + '\n');
    return { status: 0 };
  },
};
