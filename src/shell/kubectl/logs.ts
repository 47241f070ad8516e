/** kubectl logs: `-c`, `--previous`, `--tail`, `-f` (streams in the terminal), `deploy/x`. */
import { containerIdOf, runtime } from './client';
import { KubectlError } from './errors';
import { parseGoDuration } from './duration';
import { containerStatus, pickContainer, pickPod } from './podPick';
import { boolFlag, flag, has, intFlag, str, type VerbDef } from './verb';

function lines(raw: string[]): string[] {
  return raw.flatMap((l) => (l.endsWith('\n') ? l.slice(0, -1) : l).split('\n'));
}

export const logs: VerbDef = {
  name: 'logs',
  summary: { en: 'Print the logs for a container in a pod', zh: '打印 Pod 中容器的日志' },
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Return snapshot logs from first container of a deployment named nginx
  kubectl logs deployment/nginx`,
  flags: [
    flag('container', 'Print the logs of this container', { short: 'c' }),
    boolFlag(
      'previous',
      'If true, print the logs for the previous instance of the container in a pod if it exists.',
      { short: 'p' },
    ),
    boolFlag('follow', 'Specify if the logs should be streamed.', { short: 'f' }),
    flag(
      'tail',
      'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
    ),
    boolFlag('timestamps', 'Include timestamps on each line in the log output'),
    boolFlag('all-containers', "Get all containers' logs in the pod(s)."),
    flag(
      'since',
      'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs.',
    ),
  ],
  run(k, p) {
    if (!p.args.length)
      throw new KubectlError(
        `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
      );
    const pod = pickPod(k, p.args[0]!, true);
    const containerArg = str(p, 'container') ?? p.args[1];
    const names = has(p, 'all-containers')
      ? (pod.spec.containers ?? []).map((c) => c.name)
      : [pickContainer(pod, containerArg)];
    const previous = has(p, 'previous');
    const tail = intFlag(p, 'tail') ?? -1;
    const rt = runtime(k.cluster);
    const cidOf = (name: string): string => {
      const cs = containerStatus(pod, name);
      if (previous) {
        const prev = containerIdOf(cs?.lastState?.terminated?.containerID);
        if (!prev)
          throw new KubectlError(
            `Error from server (BadRequest): previous terminated container "${name}" in pod "${pod.metadata.name}" not found`,
          );
        return prev;
      }
      const cur = containerIdOf(cs?.containerID ?? cs?.lastState?.terminated?.containerID);
      if (!cur) {
        const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
        throw new KubectlError(
          `Error from server (BadRequest): container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`,
        );
      }
      return cur;
    };
    const cids = names.map(cidOf);
    const read = (cid: string): string[] => (rt ? lines(rt.logs(cid)) : []);
    const printed = cids.map(() => 0);
    let text = '';
    cids.forEach((cid, i) => {
      let all = read(cid);
      printed[i] = all.length;
      if (tail >= 0) all = all.slice(Math.max(0, all.length - tail));
      text += all.map((l) => l + '\n').join('');
    });
    if (text) k.out(text);
    if (!has(p, 'follow')) return 0;
    const pump = (): void => {
      let more = '';
      cids.forEach((cid, i) => {
        const all = read(cid);
        if (all.length > printed[i]!)
          more += all
            .slice(printed[i])
            .map((l) => l + '\n')
            .join('');
        printed[i] = all.length;
      });
      if (more) k.out(more);
    };
    if (k.mode === 'interactive' && k.keepAlive) {
      const off = k.cluster.onChange(pump);
      k.keepAlive(() => off());
      return 0;
    }
    const timeoutText = str(p, 'request-timeout');
    const limit = timeoutText ? parseGoDuration(timeoutText) : 30_000;
    for (let t = 0; t < limit; t += 1000) {
      k.cluster.advance(1000);
      pump();
      const cur = k.cluster.api.get('Pod', pod.metadata.namespace, pod.metadata.name);
      // kubectl logs -f ends when the container does (or the pod goes away).
      if (!cur || cur.status?.phase === 'Succeeded' || cur.status?.phase === 'Failed') break;
    }
    return 0;
  },
};
