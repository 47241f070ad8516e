/**
 * `pods/exec`: the checks before the upgrade and the run of the command in the container's process model once
 * stdin is complete (browser-safe; the WebSocket channels are execSocket.ts's).
 */
import type { Pod } from '../sim/api/types';
import { containerIdOf, runtime } from '../shell/kubectl/client';
import { failure, type StatusObject } from './status';
import type { ApiContext, Target } from './apiContext';

/** What an exec produced: channel 1, channel 2, and the channel-3 Status. */
export interface ExecOutcome {
  stdout: string;
  stderr: string;
  status: unknown;
}

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

  /** Runs the command in the container's process model with its whole stdin. */
  run(api: ApiContext, x: PreparedExec, stdin: string | undefined): ExecOutcome {
    const rt = runtime(api.cluster);
    const r = rt
      ? rt.exec(x.cid, x.command, x.stdin ? (stdin ?? '') : undefined)
      : { exitCode: 126, stdout: '', stderr: 'container runtime is not available\n' };
    api.cluster.settle();
    return { stdout: r.stdout, stderr: r.stderr, status: exitStatus(x.command, r.exitCode) };
  },
};
