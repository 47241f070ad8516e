/**
 * Word expansion (parameters, `$(…)`, arithmetic, field splitting, globbing) and redirections of the shell
 * machine. Command substitution runs a nested synchronous machine (runCapture).
 */
import type { Machine } from './machineTypes';
import type { Frame, Sink, Thread } from './types';
import type { Word, Redir } from './shParser';
import { evalArith } from './arith';
import { positional } from './thread';
import { findSinkFrom, parentDir, resolvePath, stdinOf, write } from './machineOutput';

// ---------------------------------------------------------------------------------------------- expansion

function lookupVar(m: Machine, th: Thread, name: string): string | undefined {
  const args = positional(th);
  switch (name) {
    case '?':
      return String(th.status);
    case '$':
      return String(th.pid === 1 || !m.sync ? 1 : th.pid);
    case '#':
      return String(Math.max(0, args.length - 1));
    case '@':
    case '*':
      return args.slice(1).join(' ');
    case '!':
      return th.vars['!'];
    case '-':
      return th.errexit ? 'e' : '';
  }
  if (/^[0-9]+$/.test(name)) return args[Number(name)];
  return th.vars[name];
}

/** Runs `src` to completion in a fresh synchronous machine sharing this thread's variables. */
export function runCapture(
  m: Machine,
  th: Thread,
  src: string,
  stdin?: string,
): { out: string; err: string; status: number; elapsed: number } {
  const sub: Machine = { ...m, sync: true, cap: { out: '', err: '' }, elapsed: 0, steps: 0 };
  const t: Thread = {
    ...th,
    frames: [],
    scripts: [],
    vars: { ...th.vars },
    exported: [...th.exported],
    args: positional(th),
    wait: undefined,
    traps: {},
    funcs: { ...th.funcs },
  };
  t.scripts = [...th.scripts];
  if (m.run.pushScript(sub, t, src, { stdin: stdin ?? stdinOf(th) })) m.run.runThread(sub, t);
  return { out: sub.cap.out, err: sub.cap.err, status: t.status, elapsed: sub.elapsed };
}

export interface Expanded {
  fields: string[];
  /** Virtual time spent in command substitutions. */
  delay: number;
  /** Status of the last command substitution, if any. */
  subStatus?: number;
}

function partValue(m: Machine, th: Thread, p: Exclude<Word[number], { k: 'lit' }>, acc: Expanded): string {
  if (p.k === 'cmd') {
    const r = runCapture(m, th, p.src);
    if (r.err) write(m, th, 2, r.err);
    acc.delay += r.elapsed;
    acc.subStatus = r.status;
    return r.out.replace(/\n+$/, '');
  }
  if (p.k === 'arith') {
    const r = evalArith(expandString(m, th, [{ k: 'lit', v: p.src, q: 2 }], acc, true), th.vars);
    if ('error' in r) {
      write(m, th, 2, `sh: arithmetic syntax error\n`);
      return '0';
    }
    return String(r.value);
  }
  const v = lookupVar(m, th, p.name);
  switch (p.op) {
    case undefined:
      return v ?? '';
    case '#len':
      return String((v ?? '').length);
    case ':-':
      return v ? v : expandString(m, th, p.arg ?? [], acc);
    case '-':
      return v !== undefined ? v : expandString(m, th, p.arg ?? [], acc);
    case ':=':
    case '=': {
      if (p.op === ':=' ? !v : v === undefined) {
        const d = expandString(m, th, p.arg ?? [], acc);
        th.vars[p.name] = d;
        return d;
      }
      return v ?? '';
    }
    case ':+':
      return v ? expandString(m, th, p.arg ?? [], acc) : '';
    case '+':
      return v !== undefined ? expandString(m, th, p.arg ?? [], acc) : '';
    case ':?':
    case '?':
      return v ?? '';
    case '#': {
      const pat = globToRegex(expandString(m, th, p.arg ?? [], acc), false);
      const val = v ?? '';
      for (let i = 0; i <= val.length; i++)
        if (new RegExp(`^${pat}$`).test(val.slice(0, i))) return val.slice(i);
      return val;
    }
    case '%': {
      const pat = globToRegex(expandString(m, th, p.arg ?? [], acc), false);
      const val = v ?? '';
      for (let i = val.length; i >= 0; i--)
        if (new RegExp(`^${pat}$`).test(val.slice(i))) return val.slice(0, i);
      return val;
    }
  }
  return v ?? '';
}

/** Expands a word to one string (assignments, redirect targets): no field splitting, no globbing. */
export function expandString(m: Machine, th: Thread, w: Word, acc?: Expanded, rawLit = false): string {
  const a = acc ?? { fields: [], delay: 0 };
  let s = '';
  for (const p of w) {
    if (p.k === 'lit') s += p.v;
    else if (rawLit) s += p.k === 'var' ? '' : '';
    else s += partValue(m, th, p, a);
  }
  if (rawLit) {
    // arithmetic source: expand $var / $(…) inside it
    return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?#$])\}?/g, (_, n: string) => lookupVar(m, th, n) ?? '0');
  }
  return s;
}

function globToRegex(pat: string, anchored = true): string {
  let r = '';
  for (const c of pat) {
    if (c === '*') r += '.*';
    else if (c === '?') r += '.';
    else r += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return anchored ? `^${r}$` : r;
}

function glob(m: Machine, th: Thread, pattern: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = slash >= 0 ? pattern.slice(0, slash) || '/' : '.';
  const base = pattern.slice(slash + 1);
  if (/[*?]/.test(dir)) return [pattern];
  const entries = m.io.listDir(m.proc.cid, resolvePath(th.cwd, dir));
  if (!entries) return [pattern];
  const re = new RegExp(globToRegex(base));
  const hits = entries.filter((e) => re.test(e) && (base.startsWith('.') || !e.startsWith('.'))).sort();
  if (!hits.length) return [pattern];
  return hits.map((h) => (slash >= 0 ? `${pattern.slice(0, slash)}/${h}` : h));
}

/** Expands words to fields: parameter and command substitution, field splitting, pathname globbing. */
export function expandWords(m: Machine, th: Thread, words: Word[]): Expanded {
  const acc: Expanded = { fields: [], delay: 0 };
  for (const w of words) {
    let cur = '';
    let has = false;
    let globbable = false;
    const flush = () => {
      if (has) {
        if (globbable) acc.fields.push(...glob(m, th, cur));
        else acc.fields.push(cur);
      }
      cur = '';
      has = false;
      globbable = false;
    };
    for (const p of w) {
      if (p.k === 'lit') {
        cur += p.v;
        has = true;
        if (p.q === 0 && /[*?]/.test(p.v)) globbable = true;
        continue;
      }
      if (p.k === 'var' && p.name === '@' && p.q === 2 && !p.op) {
        const args = positional(th).slice(1);
        args.forEach((a, i) => {
          cur += a;
          has = true;
          if (i < args.length - 1) flush();
        });
        continue;
      }
      const v = partValue(m, th, p, acc);
      if (p.q === 2) {
        cur += v;
        has = true;
        continue;
      }
      const pieces = v.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        if (piece) {
          cur += piece;
          has = true;
        }
      });
    }
    flush();
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------- redirects

/** Applies redirections to a frame; false (and an ash error) when a file cannot be opened. */
export function applyRedirs(m: Machine, th: Thread, f: Frame, redirs: Redir[]): boolean {
  for (const r of redirs) {
    const target = expandString(m, th, r.target);
    if (r.op === '>&') {
      const sink =
        target === '2' ? findSinkFrom(th, f, 2) : target === '1' ? findSinkFrom(th, f, 1) : undefined;
      if (target === '-') {
        if (r.fd === 1) f.out = { k: 'null' };
        else f.err = { k: 'null' };
        continue;
      }
      if (!sink) {
        write(m, th, 2, `sh: ${target}: bad file descriptor\n`);
        return false;
      }
      if (r.fd === 1) f.out = sink;
      else if (r.fd === 2) f.err = sink;
      continue;
    }
    if (target === '/dev/null') {
      if (r.op === '<') f.stdin = '';
      else if (r.op === '&>') f.out = f.err = { k: 'null' };
      else if (r.fd === 1) f.out = { k: 'null' };
      else if (r.fd === 2) f.err = { k: 'null' };
      continue;
    }
    if ((target === '/dev/stdout' || target === '/dev/stderr') && r.op !== '<') {
      const s = findSinkFrom(th, f, target === '/dev/stdout' ? 1 : 2);
      if (r.fd === 2) f.err = s;
      else f.out = s;
      continue;
    }
    const path = resolvePath(th.cwd, target);
    if (r.op === '<') {
      const c = m.io.readFile(m.proc.cid, path);
      if (c === undefined) {
        write(m, th, 2, `sh: can't open '${target}': No such file or directory\n`);
        return false;
      }
      f.stdin = c;
      continue;
    }
    if (m.io.isDir(m.proc.cid, path)) {
      write(m, th, 2, `sh: can't create ${target}: Is a directory\n`);
      return false;
    }
    const prev = m.io.readFile(m.proc.cid, path);
    const ok = m.io.writeFile(
      m.proc.cid,
      path,
      r.op === '>>' ? (prev ?? '') : r.op === '>' || r.op === '&>' ? '' : '',
    );
    if (!ok) {
      const why =
        prev === undefined && !m.io.isDir(m.proc.cid, parentDir(path))
          ? 'nonexistent directory'
          : 'Read-only file system';
      write(m, th, 2, `sh: can't create ${target}: ${why}\n`);
      return false;
    }
    const sink: Sink = { k: 'file', path };
    if (r.op === '&>') f.out = f.err = sink;
    else if (r.fd === 2) f.err = sink;
    else f.out = sink;
  }
  return true;
}
