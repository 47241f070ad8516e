/**
 * `pods/exec` over SPDY (`v4.channel.k8s.io`), what kubectl 1.27–1.29 speak (1.30+ try a WebSocket first,
 * execSocket.ts): the client opens one stream per channel, named by its `streamtype` header — `error` first,
 * then `stdin`, `stdout`, `stderr` as the query asks (no `stderr` with a TTY, which adds `resize`). Once they
 * are all open and stdin has ended, the command runs; its output goes on stdout / stderr and the v4 Status (the
 * exit code for kubectl) on the error stream, then every stream ends and the connection closes.
 */
import type { SpdyConnection, SpdyStream } from './spdyConnection';
import type { ExecOutcome } from './execStream';

function utf8(parts: Uint8Array[]): string {
  const d = new TextDecoder();
  return parts.map((p) => d.decode(p, { stream: true })).join('') + d.decode();
}

/** The streams a request's query asks for. */
export function expectedExecStreams(q: URLSearchParams): Set<string> {
  const on = (k: string) => q.get(k) === 'true' || q.get(k) === '1';
  const want = new Set(['error']);
  if (on('stdin')) want.add('stdin');
  if (on('stdout')) want.add('stdout');
  if (on('tty')) want.add('resize');
  else if (on('stderr')) want.add('stderr');
  return want;
}

/** A stream handler for `conn` that runs the exec once its streams are complete. */
export function spdyExecStreams(
  conn: SpdyConnection,
  want: Set<string>,
  run: (stdin: string | undefined) => Promise<ExecOutcome>,
): (s: SpdyStream) => void {
  const streams = new Map<string, SpdyStream>();
  const stdin: Uint8Array[] = [];
  let started = false;
  const maybeRun = async () => {
    if (started || [...want].some((t) => !streams.has(t))) return;
    const input = streams.get('stdin');
    if (input && !input.remoteDone) return;
    started = true;
    let r: ExecOutcome;
    try {
      r = await run(input ? utf8(stdin) : undefined);
    } catch (e) {
      r = {
        stdout: '',
        stderr: '',
        status: { metadata: {}, status: 'Failure', message: (e as Error).message },
      };
    }
    if (r.stdout) streams.get('stdout')?.write(r.stdout);
    if (r.stderr) (streams.get('stderr') ?? streams.get('stdout'))?.write(r.stderr);
    streams.get('error')?.write(JSON.stringify(r.status));
    for (const s of streams.values()) s.end();
    conn.close();
  };
  return (s) => {
    const type = s.headers.streamtype ?? '';
    if (!want.has(type) || streams.has(type)) {
      s.reset();
      return;
    }
    streams.set(type, s);
    if (type === 'stdin') {
      s.data((d) => stdin.push(d));
      s.ended(() => void maybeRun());
    }
    void maybeRun();
  };
}
