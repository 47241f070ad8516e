/** Where a shell thread's output goes (std streams, files, /dev/null; the container log) and path arithmetic. */
import type { Machine } from './machineTypes';
import type { Frame, Sink, Thread } from './types';

// ---------------------------------------------------------------------------------------------- output

export function findSink(th: Thread, fd: 1 | 2): Sink {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const f = th.frames[i]!;
    const s = fd === 1 ? f.out : f.err;
    if (s) return s;
  }
  return { k: 'std', fd };
}

export function emit(m: Machine, sink: Sink, text: string): void {
  if (!text) return;
  switch (sink.k) {
    case 'null':
      return;
    case 'file': {
      const prev = m.io.readFile(m.proc.cid, sink.path) ?? '';
      m.io.writeFile(m.proc.cid, sink.path, prev + text);
      return;
    }
    case 'std':
      if (m.sync) {
        if (sink.fd === 1) m.cap.out += text;
        else m.cap.err += text;
        return;
      }
      logText(m, text);
  }
}

/** Container log: complete lines go to the runtime, a trailing partial line waits for its newline. */
export function logText(m: Machine, text: string): void {
  const p = m.proc;
  if (!text.includes('\n')) {
    p.partial += text;
  } else {
    const lines = (p.partial + text).split('\n');
    p.partial = lines.pop() ?? '';
    for (const l of lines) {
      p.lines++;
      m.io.stdout(p.cid, internLine(l));
    }
  }
  // container runtimes cut log lines at 16 KiB (the rest follows as another entry)
  while (p.partial.length >= MAX_LOG_LINE) {
    p.lines++;
    m.io.stdout(p.cid, p.partial.slice(0, MAX_LOG_LINE));
    p.partial = p.partial.slice(MAX_LOG_LINE);
  }
}

const MAX_LOG_LINE = 16_384;

/**
 * Log lines, shared: many containers of one image write the same lines (an entrypoint's banner, a server's
 * start-up lines of the same second), and a container's log lives as long as the container. Bounded.
 */
const lines = new Map<string, string>();
function internLine(l: string): string {
  if (l.length > 200) return l;
  const hit = lines.get(l);
  if (hit !== undefined) return hit;
  if (lines.size >= 20_000) lines.clear();
  // A copy: `l` is a slice of the whole chunk and would keep all of it alive.
  const own = (' ' + l).slice(1);
  lines.set(own, own);
  return own;
}

export function write(m: Machine, th: Thread, fd: 1 | 2, text: string): void {
  emit(m, findSink(th, fd), text);
}

export function stdinOf(th: Thread): string {
  for (let i = th.frames.length - 1; i >= 0; i--) {
    const s = th.frames[i]!.stdin;
    if (s !== undefined) return s;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------- paths

export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export function findSinkFrom(th: Thread, f: Frame, fd: 1 | 2): Sink {
  const own = fd === 1 ? f.out : f.err;
  return own ?? findSink(th, fd);
}

export function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
