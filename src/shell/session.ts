/**
 * The shell's composition root: a session over the command table. The terminal, the headless runner and the
 * tests create sessions here; nothing else puts the table and the session together.
 */
import type { ClusterOptions } from '../sim/cluster';
import type { VirtualFs } from './commandContext';
import { commandTable } from './commands';
import { splitScript } from './parse';
import { endLine, ShellSession, type Session, type SessionOptions } from './shellSession';

export { memoryFs } from './memoryFs';
export { encodeBase64, decodeBase64 } from '../sim/util/base64';
export { ParseError } from './parse';
export type { ExecResult, Session, SessionOptions } from './shellSession';

export function createSession(opts: SessionOptions): Session {
  return new ShellSession(opts, commandTable());
}

/**
 * Runs a script headless and returns its transcript: each command as `$ <command line>` (heredoc included),
 * then its output (ended by a newline when it lacks one).
 */
export function runScript(
  text: string,
  opts: { seed?: number; fs?: VirtualFs; clusterOptions?: ClusterOptions } = {},
): { transcript: string; session: Session } {
  const session = new ShellSession(
    {
      mode: 'script',
      ...(opts.fs ? { fs: opts.fs } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.clusterOptions ? { clusterOptions: opts.clusterOptions } : {}),
    },
    commandTable(),
  );
  let transcript = '';
  for (const cmd of splitScript(text)) {
    session.history.push(cmd.source);
    transcript +=
      cmd.source
        .split('\n')
        .map((l, i) => (i === 0 ? `$ ${l}` : l))
        .join('\n') + '\n';
    // A command whose output does not end its line: the next `$ ` line still starts a line of its own.
    transcript += endLine(session.runLine(cmd.line, cmd.heredoc).output);
  }
  return { transcript, session };
}
