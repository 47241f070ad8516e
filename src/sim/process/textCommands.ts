/**
 * Text filters for pipelines (`grep`, `head`, `tail`, `wc`, `sort`, `cut`, `tr`, `sed s///`, `seq`, `tee`,
 * `uniq`): a small subset of busybox's options, enough for the one-liners in tutorials.
 */
import { parseFlags, readInputs, type CmdCtx, type CmdFn, type CmdResult } from './applet';

function lines(text: string): string[] {
  if (!text) return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function join(ls: string[]): string {
  return ls.length ? ls.join('\n') + '\n' : '';
}

/** Basic/extended regular expression → JS RegExp source (BRE's `\|`, `\(`, `\)`, `\+` become ERE). */
function reSource(p: string, extended: boolean): string {
  if (extended) return p;
  return p.replace(/\\([|()+?{}])|([|()+?{}])/g, (_, esc: string | undefined, plain: string | undefined) =>
    esc ? esc : `\\${plain}`,
  );
}

function makeRe(c: CmdCtx, p: string, extended: boolean, flags: string): RegExp | undefined {
  try {
    return new RegExp(reSource(p, extended), flags);
  } catch {
    c.err(`${c.argv[0]}: bad regex '${p}'\n`);
    return undefined;
  }
}

function num(c: CmdCtx, s: string | true | undefined, def: number): number | undefined {
  if (s === undefined || s === true) return def;
  const n = Number(s.replace(/^\+/, ''));
  if (!Number.isFinite(n)) {
    c.err(`${c.argv[0]}: invalid number '${s}'\n`);
    return undefined;
  }
  return n;
}

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

function sedScript(c: CmdCtx, script: string): ((line: string) => string | null) | undefined {
  const cmds = script
    .split(/;|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const fns: ((line: string) => string | null)[] = [];
  for (const cmd of cmds) {
    if (cmd.startsWith('s') && cmd.length > 1) {
      const d = cmd[1]!;
      const parts: string[] = [];
      let cur = '';
      for (let i = 2; i < cmd.length; i++) {
        const ch = cmd[i]!;
        if (ch === '\\' && cmd[i + 1] === d) {
          cur += d;
          i++;
        } else if (ch === d) {
          parts.push(cur);
          cur = '';
        } else cur += ch;
      }
      parts.push(cur);
      if (parts.length < 3) {
        c.err(`sed: unmatched '${d}'\n`);
        return undefined;
      }
      const [pat, rep, fl] = parts as [string, string, string];
      const re = makeRe(c, pat, false, fl.includes('g') ? 'g' : '');
      if (!re) return undefined;
      const jsRep = rep
        .replace(/\$/g, '$$$$')
        .replace(/\\(\d)/g, '$$$1')
        .replace(/(^|[^\\])&/g, '$1$$&')
        .replace(/\\&/g, '&');
      fns.push((l) => l.replace(re, jsRep));
      continue;
    }
    const dm = /^\/(.*)\/d$/.exec(cmd);
    if (dm) {
      const re = makeRe(c, dm[1]!, false, '');
      if (!re) return undefined;
      fns.push((l) => (re.test(l) ? null : l));
      continue;
    }
    if (/^\d+d$/.test(cmd)) {
      const n = Number(cmd.slice(0, -1));
      let k = 0;
      fns.push((l) => (++k === n ? null : l));
      continue;
    }
    c.err(`sed: unsupported command ${cmd}\n`);
    return undefined;
  }
  return (line) => {
    let l: string | null = line;
    for (const f of fns) {
      if (l === null) break;
      l = f(l);
    }
    return l;
  };
}

export const textCommands: Record<string, CmdFn> = {
  grep: (c): CmdResult => {
    const { flags, args } = parseFlags(c.argv, 'eAB', {
      'ignore-case': 'i',
      'invert-match': 'v',
      count: 'c',
      quiet: 'q',
    });
    const pattern = typeof flags.e === 'string' ? flags.e : args.shift();
    if (pattern === undefined) {
      c.err(
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n',
      );
      return { status: 2 };
    }
    let re: RegExp | undefined;
    if (flags.F) re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.i ? 'i' : '');
    else re = makeRe(c, flags.w ? `\\b(?:${pattern})\\b` : pattern, !!flags.E, flags.i ? 'i' : '');
    if (!re) return { status: 2 };
    const files = args.length ? args : ['-'];
    let matched = 0;
    let bad = false;
    const out: string[] = [];
    for (const f of files) {
      const r = readInputs(c, [f], 'grep');
      if (!r.ok) {
        bad = true;
        continue;
      }
      lines(r.text).forEach((l, i) => {
        const hit = re.test(l) !== !!flags.v;
        if (!hit) return;
        matched++;
        if (flags.q || flags.c || flags.l) return;
        const prefix = (files.length > 1 ? `${f}:` : '') + (flags.n ? `${i + 1}:` : '');
        if (flags.o && !flags.v) {
          for (const m of l.matchAll(new RegExp(re.source, re.flags + 'g'))) out.push(prefix + m[0]);
        } else out.push(prefix + l);
      });
    }
    if (flags.c) out.push(String(matched));
    if (!flags.q) c.out(join(out));
    if (bad && !flags.s) return { status: 2 };
    return { status: matched ? 0 : 1 };
  },
  head: (c) => {
    const { flags, args } = parseFlags(normalizeCount(c.argv), 'nc');
    const n = num(c, flags.n, 10);
    if (n === undefined) return { status: 1 };
    const r = readInputs(c, args, 'head');
    if (typeof flags.c === 'string') c.out(r.text.slice(0, Number(flags.c)));
    else c.out(join(lines(r.text).slice(0, n)));
    return { status: r.ok ? 0 : 1 };
  },
  tail: (c) => {
    const { flags, args } = parseFlags(normalizeCount(c.argv), 'nc');
    const n = num(c, flags.n, 10);
    if (n === undefined) return { status: 1 };
    const r = readInputs(c, args, 'tail');
    const ls = lines(r.text);
    const fromStart = typeof flags.n === 'string' && flags.n.startsWith('+');
    c.out(join(fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)));
    // `tail -f` follows forever: the idiomatic keep-alive `tail -f /dev/null`
    if (flags.f || flags.F) return { status: 0, forever: true };
    return { status: r.ok ? 0 : 1 };
  },
  wc: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const r = readInputs(c, args, 'wc');
    const text = r.text;
    const counts: number[] = [];
    const all = !flags.l && !flags.w && !flags.c && !flags.m;
    if (flags.l || all) counts.push((text.match(/\n/g) ?? []).length);
    if (flags.w || all) counts.push(text.split(/\s+/).filter(Boolean).length);
    if (flags.c || flags.m || all) counts.push(text.length);
    const cols = counts.length === 1 ? counts.map(String) : counts.map((n) => String(n).padStart(7));
    const name = args.length === 1 ? ` ${args[0]}` : '';
    c.out(cols.join(' ') + name + '\n');
    return { status: r.ok ? 0 : 1 };
  },
  sort: (c) => {
    const { flags, args } = parseFlags(c.argv, 'tk');
    const r = readInputs(c, args, 'sort');
    let ls = lines(r.text);
    if (flags.n)
      ls.sort((a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0));
    else ls.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (flags.r) ls.reverse();
    if (flags.u) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
    c.out(join(ls));
    return { status: r.ok ? 0 : 1 };
  },
  uniq: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const r = readInputs(c, args, 'uniq');
    const out: string[] = [];
    const counts: number[] = [];
    for (const l of lines(r.text)) {
      if (out.length && out[out.length - 1] === l) counts[counts.length - 1]!++;
      else {
        out.push(l);
        counts.push(1);
      }
    }
    c.out(join(flags.c ? out.map((l, i) => `${String(counts[i]).padStart(7)} ${l}`) : out));
    return { status: r.ok ? 0 : 1 };
  },
  cut: (c) => {
    const { flags, args } = parseFlags(c.argv, 'dfc');
    const r = readInputs(c, args, 'cut');
    if (typeof flags.f === 'string') {
      const d = typeof flags.d === 'string' ? flags.d : '\t';
      const sel = parseCharList(flags.f);
      c.out(
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
      c.out(join(lines(r.text).map((l) => [...l].filter((_, i) => sel(i + 1)).join(''))));
    } else {
      c.err('cut: expected a list of bytes, characters, or fields\n');
      return { status: 1 };
    }
    return { status: r.ok ? 0 : 1 };
  },
  tr: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const a = expandTrSet(args[0] ?? '');
    if (flags.d) {
      c.out([...c.stdin].filter((ch) => !a.includes(ch)).join(''));
      return { status: 0 };
    }
    const b = expandTrSet(args[1] ?? '');
    let out = [...c.stdin].map((ch) => {
      const i = a.indexOf(ch);
      return i < 0 ? ch : (b[Math.min(i, b.length - 1)] ?? ch);
    });
    if (flags.s) out = out.filter((ch, i) => i === 0 || ch !== out[i - 1] || !b.includes(ch));
    c.out(out.join(''));
    return { status: 0 };
  },
  sed: (c) => {
    const { flags, args } = parseFlags(c.argv, 'e');
    const script = typeof flags.e === 'string' ? flags.e : args.shift();
    if (script === undefined) {
      c.err('sed: no script specified\n');
      return { status: 1 };
    }
    const fn = sedScript(c, script);
    if (!fn) return { status: 1 };
    const r = readInputs(c, args, 'sed');
    const out: string[] = [];
    for (const l of lines(r.text)) {
      const x = fn(l);
      if (x !== null) out.push(x);
    }
    c.out(join(out));
    return { status: r.ok ? 0 : 1 };
  },
  seq: (c) => {
    const nums = c.argv.slice(1).map(Number);
    if (!nums.length || nums.some((n) => !Number.isFinite(n))) {
      c.err(`seq: invalid number '${c.argv.slice(1).find((a) => !Number.isFinite(Number(a))) ?? ''}'\n`);
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
    c.out(join(out));
    return { status: 0 };
  },
  tee: (c) => {
    const { flags, args } = parseFlags(c.argv);
    let st = 0;
    for (const f of args) {
      const p = c.path(f);
      const prev = flags.a ? (c.m.io.readFile(c.m.proc.cid, p) ?? '') : '';
      if (!c.m.io.writeFile(c.m.proc.cid, p, prev + c.stdin)) {
        c.err(`tee: can't open '${f}': No such file or directory\n`);
        st = 1;
      }
    }
    c.out(c.stdin);
    return { status: st };
  },
};
