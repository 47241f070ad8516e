/** Small helpers the modelled images' programs share: resource use, listening, `exec`, nginx-style times, flags. */
import type { CmdCtx, CmdResult } from './applet';
import { dateText } from './dateCommand';
import type { Machine } from './machineTypes';

export const MiB = 1024 * 1024;

export function usage(c: CmdCtx, memory: number, cpu?: number): void {
  c.m.ctl.usage(c.m.proc, memory, cpu);
}

export function listen(c: CmdCtx, kind: string, port: number, opts?: Record<string, string>): void {
  c.m.ctl.listen(c.m.proc, { kind, port, hits: 0, ...(opts ? { opts } : {}) });
}

export function exec(rest: string[]): CmdResult {
  if (!rest.length) return { status: 0 };
  return {
    status: 0,
    ctl: {
      k: 'script',
      src: `exec ${rest.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`,
      isolate: false,
    },
  };
}

export function nginxTime(m: Machine): string {
  return dateText(m, '%Y/%m/%d %H:%M:%S');
}

export function version(tag: string, fallback: string): string {
  return /^\d+(\.\d+)*/.exec(tag)?.[0] ?? fallback;
}

export function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
    if (a === name) return argv[i + 1];
  }
  return undefined;
}

/**
 * The release an image's program reports: the image's `*_VERSION` variable (`NGINX_VERSION=1.27.3`,
 * `PG_VERSION=17.2-1.pgdg120+1`), as the real program prints its own build; else the tag's numbers.
 */
export function release(c: CmdCtx, envKey: string, fallback: string): string {
  const m = /(\d+(?:\.\d+)+)/.exec(c.env[envKey] ?? '');
  return m ? m[1]! : version(c.m.proc.tag, fallback);
}
