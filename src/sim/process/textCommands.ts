/**
 * The text filters inside a container: the one implementation of src/sim/util/text over the container's
 * filesystem, in busybox's wording.
 */
import type { CmdCtx, CmdFn } from './applet';
import { TEXT_FILTERS, type FilterIo, type TextFilter } from '../util/text/textFilters';

function containerIo(c: CmdCtx): FilterIo {
  const io = c.m.io;
  const cid = c.m.proc.cid;
  return {
    argv: c.argv,
    stdin: c.stdin,
    flavour: 'busybox',
    readFile(name) {
      const p = c.path(name);
      if (io.isDir(cid, p)) return { error: 'dir' };
      const text = io.readFile(cid, p);
      return text === undefined ? { error: 'missing' } : { text };
    },
    writeFile(name, text, append) {
      const p = c.path(name);
      const prev = append ? (io.readFile(cid, p) ?? '') : '';
      return io.writeFile(cid, p, prev + text);
    },
    out: (t) => c.out(t),
    err: (t) => c.err(t),
  };
}

function applet(filter: TextFilter): CmdFn {
  return (c) => filter(containerIo(c));
}

/** The filters as container commands (busybox ships `base64` too). */
export const textCommands: Record<string, CmdFn> = Object.fromEntries(
  Object.entries(TEXT_FILTERS).map(([name, f]) => [name, applet(f)]),
);
