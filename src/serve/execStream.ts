/**
 * `pods/exec` over a WebSocket (the channel protocols of k8s.io/apimachinery/pkg/util/remotecommand): each
 * binary frame starts with its channel — 0 stdin, 1 stdout, 2 stderr, 3 error (a Status, carrying the exit
 * code), 4 resize; in v5 a client's `[255, 0]` closes stdin. The command runs in the container's process model
 * once stdin is complete.
 */
import type { WebSocket } from 'ws';
import type { Pod } from '../sim/api/types';
import { containerIdOf, runtime } from '../shell/kubectl/client';
import { failure, type StatusObject } from './status';
import type { ApiContext, Target } from './apiContext';

export interface PreparedExec {
  cid: string;
  command: string[];
  stdin: boolean;
}

/** The Status of channel 3 for an exit code (what kubectl turns into its own exit code). */
export function exitStatus(command: string[], code: number): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export const runExec = {
  /** Checks the pod and container before the upgrade (errors go back as plain HTTP Status replies). */
  prepare(api: ApiContext, t: Target, q: URLSearchParams): PreparedExec | StatusObject {
    const pod = api.cluster.api.get<Pod>('Pod', t.namespace, t.name!);
    if (!pod) return failure(404, 'NotFound', `pods "${t.name}" not found`, { name: t.name!, kind: 'pods' });
    const command = q.getAll('command');
    if (!command.length) return failure(400, 'BadRequest', 'you must specify at least 1 command');
    const names = (pod.spec.containers ?? []).map((c) => c.name);
    const container = q.get('container') ?? names[0];
    if (!container || !names.includes(container))
      return failure(400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      return failure(
        400,
        'BadRequest',
        `cannot exec into a container in a completed pod; current phase is ${phase}`,
      );
    const cs = (pod.status?.containerStatuses ?? []).find((c) => c.name === container);
    const cid = containerIdOf(cs?.containerID);
    if (!cid || !cs?.state?.running)
      return failure(400, 'BadRequest', `container not found ("${container}")`);
    return { cid, command, stdin: q.get('stdin') === 'true' || q.get('stdin') === '1' };
  },

  attach(api: ApiContext, x: PreparedExec, ws: WebSocket): void {
    const v5 = ws.protocol === 'v5.channel.k8s.io';
    const input: Buffer[] = [];
    let done = false;
    const frame = (ch: number, data: string | Buffer) =>
      ws.readyState === ws.OPEN &&
      ws.send(Buffer.concat([Buffer.from([ch]), Buffer.isBuffer(data) ? data : Buffer.from(data)]));
    const run = () => {
      if (done) return;
      done = true;
      const rt = runtime(api.cluster);
      const r = rt
        ? rt.exec(x.cid, x.command, x.stdin ? Buffer.concat(input).toString('utf8') : undefined)
        : { exitCode: 126, stdout: '', stderr: 'container runtime is not available\n' };
      api.cluster.settle();
      if (r.stdout) frame(1, r.stdout);
      if (r.stderr) frame(2, r.stderr);
      frame(3, JSON.stringify(exitStatus(x.command, r.exitCode)));
      ws.close(1000);
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const buf = isBinary ? data : Buffer.from(data.toString());
      if (!buf.length) return;
      if (buf[0] === 0) input.push(buf.subarray(1));
      else if (v5 && buf[0] === 255 && buf[1] === 0) run();
    });
    ws.on('close', () => {
      if (!done) run();
    });
    // Without stdin there is nothing to wait for; v4 clients cannot close stdin, so they run at once too.
    if (!x.stdin || !v5) setImmediate(run);
  },
};
