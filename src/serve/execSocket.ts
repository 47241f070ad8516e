/**
 * `pods/exec` over a WebSocket (the channel protocols of k8s.io/apimachinery/pkg/util/remotecommand): each
 * binary frame starts with its channel — 0 stdin, 1 stdout, 2 stderr, 3 error (a Status, carrying the exit
 * code), 4 resize; in v5 a client's `[255, 0]` closes stdin. The command runs once stdin is complete. Node only
 * (the `kubelab serve` process, directly or as the relay in front of a studio tab).
 */
import type { WebSocket } from 'ws';
import type { ExecOutcome } from './execStream';

/**
 * Speaks the channel protocol on `ws`: gathers stdin, then runs `run(stdin)` (stdin undefined without
 * `stdin=true`) and sends its output and Status.
 */
export function attachExec(
  ws: WebSocket,
  wantsStdin: boolean,
  run: (stdin: string | undefined) => ExecOutcome | Promise<ExecOutcome>,
): void {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  const input: Buffer[] = [];
  let done = false;
  const frame = (ch: number, data: string) =>
    ws.readyState === ws.OPEN && ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(data)]));
  const go = async () => {
    if (done) return;
    done = true;
    let r: ExecOutcome;
    try {
      r = await run(wantsStdin ? Buffer.concat(input).toString('utf8') : undefined);
    } catch (e) {
      r = {
        stdout: '',
        stderr: '',
        status: { metadata: {}, status: 'Failure', message: (e as Error).message },
      };
    }
    if (r.stdout) frame(1, r.stdout);
    if (r.stderr) frame(2, r.stderr);
    frame(3, JSON.stringify(r.status));
    ws.close(1000);
  };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const buf = isBinary ? data : Buffer.from(data.toString());
    if (!buf.length) return;
    if (buf[0] === 0) input.push(buf.subarray(1));
    else if (v5 && buf[0] === 255 && buf[1] === 0) void go();
  });
  ws.on('close', () => {
    if (!done) void go();
  });
  // Without stdin there is nothing to wait for; v4 clients cannot close stdin, so they run at once too.
  if (!wantsStdin || !v5) setImmediate(() => void go());
}
