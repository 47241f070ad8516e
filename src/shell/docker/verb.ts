/**
 * The shape of a docker verb (one entry of the command table) and the helpers the verbs share.
 */
import type { CommandContext, VirtualFs } from '../types';
import type { DockerDaemon } from '../../sim/docker/daemon';
import { last, type ParsedFlags, type VerbFlag } from './flags';
import { formatDoc } from './template';

export interface Verb {
  name: string;
  aliases?: string[];
  summary: string;
  usage: string;
  flags: VerbFlag[];
  /** Reached only through a management command (`docker container prune`): not listed in `docker --help`. */
  hidden?: boolean;
  /** Stop parsing flags at the first positional (the rest is a command). */
  stop?: boolean;
  run(x: VerbContext): number;
}

export interface VerbContext {
  ctx: CommandContext;
  d: DockerDaemon;
  p: ParsedFlags;
  verb: string;
}

export const f = (
  name: string,
  short: string | undefined,
  value: boolean,
  help: string,
  multi = false,
): VerbFlag => ({
  name,
  ...(short ? { short } : {}),
  value,
  help,
  ...(multi ? { multi } : {}),
});

export function fail(ctx: CommandContext, verb: string, msg: string, code = 1, prefix = ''): number {
  ctx.err(`${prefix}${msg}\n`);
  if (prefix) ctx.err(`See 'docker ${verb} --help'.\n`);
  return code;
}

/** Reads every file under a folder of the client's filesystem: relative path → content. */
export function readTree(fs: VirtualFs, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string) => {
    for (const name of fs.list(path)) {
      const full = path === '.' || path === '' ? name : `${path}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      if (fs.isDir(full)) walk(full, r);
      else {
        const c = fs.read(full);
        if (c !== undefined) out[r] = c;
      }
    }
  };
  if (fs.isDir(dir)) walk(dir, '');
  return out;
}

/** Prints inspect documents: JSON, or `--format` run over each (false when the template fails). */
export function emitDocs(x: VerbContext, docs: unknown[]): boolean {
  const fmt = last(x.p, 'format');
  if (!fmt) {
    x.ctx.out(JSON.stringify(docs, null, 4) + '\n');
    return true;
  }
  for (const doc of docs) {
    const r = formatDoc(fmt, doc);
    if (!r.ok) {
      x.ctx.err(r.error + '\n');
      return false;
    }
    x.ctx.out(r.text + '\n');
  }
  return true;
}
