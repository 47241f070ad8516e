/** kubectl exec POD [-c CONTAINER] -- COMMAND [args...]: runs in the container's process model. */
import type { Pod } from '../../sim/api/types';
import { containerIdOf, runtime } from './client';
import { KubectlError } from './errors';
import { containerStatus, pickContainer, pickPod } from './podPick';
import { boolFlag, flag, str, type VerbDef } from './verb';

export const exec: VerbDef = {
  name: 'exec',
  summary: { en: 'Execute a command in a container', zh: '在容器中执行命令' },
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  long: 'Execute a command in a container.',
  examples: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -i -t -- bash -il`,
  flags: [
    flag(
      'container',
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
      { short: 'c' },
    ),
    boolFlag('stdin', 'Pass stdin to the container', { short: 'i' }),
    boolFlag('tty', 'Stdin is a TTY', { short: 't' }),
    boolFlag('quiet', 'Only print output from the remote session', { short: 'q' }),
    flag('filename', 'to use to exec into the resource', { short: 'f' }),
  ],
  run(k, p) {
    if (!p.args.length) throw new KubectlError(`error: pod, type/name or --filename must be specified`);
    if (!p.dashdash) {
      if (p.args.length > 1)
        throw new KubectlError(
          `error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`,
        );
      throw new KubectlError(`error: you must specify at least one command for the container`);
    }
    if (!p.rest.length)
      throw new KubectlError(`error: you must specify at least one command for the container`);
    const pod: Pod = pickPod(k, p.args[0]!);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw new KubectlError(
        `error: cannot exec into a container in a completed pod; current phase is ${phase}`,
      );
    const name = pickContainer(pod, str(p, 'container'), (m) => k.err(m));
    const cs = containerStatus(pod, name);
    const cid = containerIdOf(cs?.containerID);
    if (!cid || !cs?.state?.running) {
      if (!pod.spec.nodeName || !cs)
        throw new KubectlError(`error: unable to upgrade connection: container not found ("${name}")`);
      throw new KubectlError(`error: unable to upgrade connection: container not found ("${name}")`);
    }
    const rt = runtime(k.cluster);
    if (!rt)
      throw new KubectlError(`error: unable to upgrade connection: container runtime is not available`);
    const stdin = p.flags.get('stdin') === 'true' ? k.stdin : undefined;
    const shells = ['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash'];
    if (
      p.flags.get('tty') === 'true' &&
      stdin === undefined &&
      p.rest.length === 1 &&
      shells.includes(p.rest[0]!)
    ) {
      throw new KubectlError(
        `error: an interactive shell is not available in Kubelab; run one command at a time, e.g. kubectl exec ${pod.metadata.name} -- ls /`,
      );
    }
    const r = rt.exec(cid, p.rest, stdin);
    if (r.exitCode !== 0 && !r.stdout && /^(exec: "|stat )/.test(r.stderr)) {
      throw new KubectlError(
        `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${r.stderr.trim()}: unknown`,
      );
    }
    if (r.stdout) k.out(r.stdout);
    if (r.stderr) k.err(r.stderr.endsWith('\n') ? r.stderr : r.stderr + '\n');
    if (r.exitCode !== 0) {
      k.err(`command terminated with exit code ${r.exitCode}\n`);
      return r.exitCode;
    }
    // A pod's state may change because of what ran (a file a probe checks, a process killed).
    k.cluster.settle();
    return 0;
  },
};
