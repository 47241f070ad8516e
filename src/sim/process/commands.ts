/**
 * The container's commands: a busybox-like set with busybox's wording, plus the modelled programs of known
 * images (images.ts). A command runs at once and returns how long it takes in virtual time; the machine waits.
 * The applets live by concept (files, processes, printing, tests, clock, network, text filters); this file
 * puts them in one table and finds a command for a name.
 */
import type { Proc } from './types';
import type { CmdFn } from './applet';
import { genericProgram, imageCommand, imageLacks, isModelledImage } from './images';
import { netCommands } from './netCommands';
import { textCommands } from './textCommands';
import { fileCommands } from './fileCommands';
import { procCommands } from './procCommands';
import { printCommands } from './printCommands';
import { testCommands } from './testCommand';
import { dateCommands } from './dateCommand';

export type { Ctl, CmdCtx, CmdFn, CmdResult } from './applet';
export { parseFlags, readInputs } from './applet';
export { psRows } from './procCommands';
export { dateText, wallMs } from './dateCommand';

/** The busybox applets every shell image has. */
export const BUILTIN_COMMANDS: Record<string, CmdFn> = {
  ...printCommands,
  ...procCommands,
  ...fileCommands,
  ...testCommands,
  ...dateCommands,
  which: (c) => {
    let st = 0;
    for (const n of c.argv.slice(1)) {
      if (lookupCommand(c.m.proc, n)) c.out(`/bin/${n}\n`);
      else st = 1;
    }
    return { status: st };
  },
  ...netCommands,
  ...textCommands,
};

/** Finds a command in the container: the image's programs first, then the busybox applets it ships. */
export function lookupCommand(proc: Proc, name: string): CmdFn | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const img = imageCommand(proc, name, base);
  if (img) return img;
  if (imageLacks(proc, base)) return undefined;
  return BUILTIN_COMMANDS[base] ?? (isModelledImage(proc) ? undefined : genericProgram(base, name));
}
