/**
 * `sed` for one-liners: `s/re/rep/[g]` (any delimiter, `&` and `\1` in the replacement), `/re/d`, `Nd`,
 * several commands by `;` or `-e`.
 */
import { getoptFlags } from '../flags';
import { join, lines, makeRe, readInputs, type FilterIo, type FilterResult } from './filterIo';

function sedScript(io: FilterIo, script: string): ((line: string) => string | null) | undefined {
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
        io.err(`sed: unmatched '${d}'\n`);
        return undefined;
      }
      const [pat, rep, fl] = parts as [string, string, string];
      const re = makeRe(io, pat, false, fl.includes('g') ? 'g' : '');
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
      const re = makeRe(io, dm[1]!, false, '');
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
    io.err(`sed: unsupported command ${cmd}\n`);
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

export function sed(io: FilterIo): FilterResult {
  const { flags, args } = getoptFlags(io.argv, 'e');
  const script = typeof flags.e === 'string' ? flags.e : args.shift();
  if (script === undefined) {
    io.err('sed: no script specified\n');
    return { status: 1 };
  }
  const fn = sedScript(io, script);
  if (!fn) return { status: 1 };
  const r = readInputs(io, args, 'sed');
  const out: string[] = [];
  for (const l of lines(r.text)) {
    const x = fn(l);
    if (x !== null) out.push(x);
  }
  io.out(join(out));
  return { status: r.ok ? 0 : 1 };
}
