/**
 * `test`, `[` and `[[`: file tests, string and integer comparisons, `!`, `-a`, `-o`, in busybox's wording.
 */
import type { CmdCtx, CmdFn } from './applet';

function exists(c: CmdCtx, p: string): boolean {
  return c.m.io.readFile(c.m.proc.cid, p) !== undefined || c.m.io.isDir(c.m.proc.cid, p);
}

function testExpr(c: CmdCtx, args: string[]): number {
  const io = c.m.io;
  const cid = c.m.proc.cid;
  const num = (s: string): number | undefined => {
    if (!/^\s*-?\d+\s*$/.test(s)) {
      c.err(`sh: invalid number '${s}'\n`);
      return undefined;
    }
    return Number(s);
  };
  let bad = false;
  const prim = (a: string[]): boolean => {
    if (a.length === 0) return false;
    if (a[0] === '!') return !prim(a.slice(1));
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, x] = a as [string, string];
      const p = c.path(x);
      switch (op) {
        case '-z':
          return x === '';
        case '-n':
          return x !== '';
        case '-f':
          return io.readFile(cid, p) !== undefined && !io.isDir(cid, p);
        case '-d':
          return io.isDir(cid, p);
        case '-e':
        case '-r':
        case '-w':
        case '-x':
        case '-L':
        case '-h':
          return exists(c, p);
        case '-s':
          return (io.readFile(cid, p) ?? '').length > 0 || io.isDir(cid, p);
      }
      c.err(`sh: ${op}: unknown operand\n`);
      bad = true;
      return false;
    }
    if (a.length === 3) {
      const [x, op, y] = a as [string, string, string];
      switch (op) {
        case '=':
        case '==':
          return x === y;
        case '!=':
          return x !== y;
        case '<':
          return x < y;
        case '>':
          return x > y;
      }
      const ops: Record<string, (p: number, q: number) => boolean> = {
        '-eq': (p, q) => p === q,
        '-ne': (p, q) => p !== q,
        '-lt': (p, q) => p < q,
        '-le': (p, q) => p <= q,
        '-gt': (p, q) => p > q,
        '-ge': (p, q) => p >= q,
      };
      const f = ops[op];
      if (f) {
        const p = num(x);
        const q = num(y);
        if (p === undefined || q === undefined) {
          bad = true;
          return false;
        }
        return f(p, q);
      }
    }
    c.err(`sh: syntax error: ${a[1] ?? ''}: unexpected operator\n`);
    bad = true;
    return false;
  };
  const orParts: string[][] = [[]];
  for (const a of args) {
    if (a === '-o') orParts.push([]);
    else orParts[orParts.length - 1]!.push(a);
  }
  const result = orParts.some((part) => {
    const ands: string[][] = [[]];
    for (const a of part) {
      if (a === '-a') ands.push([]);
      else ands[ands.length - 1]!.push(a);
    }
    return ands.every(prim);
  });
  if (bad) return 2;
  return result ? 0 : 1;
}

export const testCommands: Record<string, CmdFn> = {
  test: (c) => ({ status: testExpr(c, c.argv.slice(1)) }),
  '[': (c) => {
    if (c.argv[c.argv.length - 1] !== ']') {
      c.err('sh: missing ]\n');
      return { status: 2 };
    }
    return { status: testExpr(c, c.argv.slice(1, -1)) };
  },
  '[[': (c) => {
    if (c.argv[c.argv.length - 1] !== ']]') {
      c.err('sh: missing ]]\n');
      return { status: 2 };
    }
    return { status: testExpr(c, c.argv.slice(1, -1)) };
  },
};
