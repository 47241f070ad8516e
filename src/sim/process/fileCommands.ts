/**
 * File applets over the container's filesystem: touch, rm, cat, mkdir, ls, cp, mv, basename, dirname.
 */
import { parseFlags, readInputs, type CmdCtx, type CmdFn } from './applet';
import { dateText } from './dateCommand';

function lsLong(c: CmdCtx, p: string, name: string): string {
  const io = c.m.io;
  const dir = io.isDir(c.m.proc.cid, p);
  const size = dir ? 4096 : (io.readFile(c.m.proc.cid, p) ?? '').length;
  const when = dateText(c.m, '%b %e %H:%M');
  return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${when} ${name}`;
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export const fileCommands: Record<string, CmdFn> = {
  touch: (c) => {
    const io = c.m.io;
    let st = 0;
    for (const a of parseFlags(c.argv).args) {
      const p = c.path(a);
      if (io.isDir(c.m.proc.cid, p)) continue;
      const prev = io.readFile(c.m.proc.cid, p);
      if (!io.writeFile(c.m.proc.cid, p, prev ?? '')) {
        c.err(
          `touch: ${a}: ${io.isDir(c.m.proc.cid, parentOf(p)) ? 'Read-only file system' : 'No such file or directory'}\n`,
        );
        st = 1;
      }
    }
    return { status: st };
  },
  rm: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const force = !!flags.f;
    const rec = !!(flags.r || flags.R);
    const io = c.m.io;
    let st = 0;
    if (!args.length && !force) {
      c.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n');
      return { status: 1 };
    }
    for (const a of args) {
      const p = c.path(a);
      const dir = io.isDir(c.m.proc.cid, p);
      if (dir && !rec) {
        c.err(`rm: can't remove '${a}': Is a directory\n`);
        st = 1;
        continue;
      }
      if (!dir && io.readFile(c.m.proc.cid, p) === undefined) {
        if (!force) {
          c.err(`rm: can't remove '${a}': No such file or directory\n`);
          st = 1;
        }
        continue;
      }
      if (!io.removeFile(c.m.proc.cid, p, rec)) {
        c.err(`rm: can't remove '${a}': Read-only file system\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  cat: (c) => {
    const { args } = parseFlags(c.argv);
    const r = readInputs(c, args, 'cat');
    c.out(r.text);
    return { status: r.ok ? 0 : 1 };
  },
  mkdir: (c) => {
    const { flags, args } = parseFlags(c.argv, 'm');
    const io = c.m.io;
    const cid = c.m.proc.cid;
    let st = 0;
    for (const a of args) {
      const p = c.path(a);
      if (io.isDir(cid, p) || io.readFile(cid, p) !== undefined) {
        if (!flags.p) {
          c.err(`mkdir: can't create directory '${a}': File exists\n`);
          st = 1;
        }
        continue;
      }
      if (flags.p) {
        const segs = p.split('/').filter(Boolean);
        let cur = '';
        for (const s of segs) {
          cur += '/' + s;
          if (!io.isDir(cid, cur) && !io.mkdir(cid, cur)) {
            c.err(`mkdir: can't create directory '${a}': Read-only file system\n`);
            st = 1;
            break;
          }
        }
        continue;
      }
      if (!io.isDir(cid, parentOf(p))) {
        c.err(`mkdir: can't create directory '${a}': No such file or directory\n`);
        st = 1;
      } else if (!io.mkdir(cid, p)) {
        c.err(`mkdir: can't create directory '${a}': Read-only file system\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  ls: (c) => {
    const { flags, args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const targets = args.length ? args : ['.'];
    let st = 0;
    const lines: string[] = [];
    const many = targets.length > 1;
    for (const [k, a] of targets.entries()) {
      const p = c.path(a);
      if (io.isDir(cid, p)) {
        let names = [...(io.listDir(cid, p) ?? [])].sort();
        if (!flags.a && !flags.A) names = names.filter((n) => !n.startsWith('.'));
        if (many) lines.push(`${k ? '\n' : ''}${a}:`);
        for (const n of names) lines.push(flags.l ? lsLong(c, `${p.replace(/\/$/, '')}/${n}`, n) : n);
      } else if (io.readFile(cid, p) !== undefined) {
        lines.push(flags.l ? lsLong(c, p, a) : a);
      } else {
        c.err(`ls: ${a}: No such file or directory\n`);
        st = 1;
      }
    }
    if (lines.length) c.out(lines.join('\n') + '\n');
    return { status: st };
  },
  cp: (c) => {
    const { args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const dest = args.pop();
    if (!dest || !args.length) {
      c.err('cp: missing destination file operand\n');
      return { status: 1 };
    }
    let st = 0;
    for (const s of args) {
      const content = io.readFile(cid, c.path(s));
      if (content === undefined) {
        c.err(`cp: can't stat '${s}': No such file or directory\n`);
        st = 1;
        continue;
      }
      const dp = c.path(dest);
      const target = io.isDir(cid, dp) ? `${dp}/${s.slice(s.lastIndexOf('/') + 1)}` : dp;
      if (!io.writeFile(cid, target, content)) {
        c.err(`cp: can't create '${dest}': No such file or directory\n`);
        st = 1;
      }
    }
    return { status: st };
  },
  mv: (c) => {
    const { args } = parseFlags(c.argv);
    const io = c.m.io;
    const cid = c.m.proc.cid;
    const [src, dest] = args;
    if (!src || !dest) {
      c.err('mv: missing destination file operand\n');
      return { status: 1 };
    }
    const content = io.readFile(cid, c.path(src));
    if (content === undefined) {
      c.err(`mv: can't rename '${src}': No such file or directory\n`);
      return { status: 1 };
    }
    const dp = c.path(dest);
    const target = io.isDir(cid, dp) ? `${dp}/${src.slice(src.lastIndexOf('/') + 1)}` : dp;
    if (!io.writeFile(cid, target, content)) {
      c.err(`mv: can't rename '${src}': No such file or directory\n`);
      return { status: 1 };
    }
    io.removeFile(cid, c.path(src));
    return { status: 0 };
  },
  basename: (c) => {
    const a = c.argv[1] ?? '';
    let b = a.replace(/\/+$/, '');
    b = b.slice(b.lastIndexOf('/') + 1) || '/';
    if (c.argv[2] && b.endsWith(c.argv[2]) && b !== c.argv[2]) b = b.slice(0, -c.argv[2].length);
    c.out(b + '\n');
    return { status: 0 };
  },
  dirname: (c) => {
    const a = (c.argv[1] ?? '').replace(/\/+$/, '');
    const i = a.lastIndexOf('/');
    c.out((i < 0 ? '.' : i === 0 ? '/' : a.slice(0, i)) + '\n');
    return { status: 0 };
  },
};
