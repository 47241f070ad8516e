/**
 * kubectl logs: `-c` (else the default container, announced), `--previous`, `--tail`, `--since`,
 * `--since-time`, `--timestamps` (the kubelet's fixed nine-digit RFC 3339), `--prefix`, `-l` (every matching
 * pod, 10 lines each unless --tail), `--all-containers`, `-f` (streams in the terminal), `deploy/x`.
 */
import type { Pod } from '../../sim/api/types';
import { parseSelector, matches } from '../../sim/api/labels';
import { containerIdOf, runtime } from './client';
import { KubectlError } from './errors';
import { parseGoDuration } from './duration';
import { containerStatus, pickContainer, pickPod } from './podPick';
import { boolFlag, flag, has, intFlag, SELECTOR_FLAG, str, type KubectlContext, type VerbDef } from './verb';

interface Line {
  time: number;
  text: string;
}

/** A container's log lines with the virtual time each was written (a written chunk may hold several). */
function linesOf(k: KubectlContext, cid: string): Line[] {
  const rt = runtime(k.cluster);
  if (!rt) return [];
  const times = rt.record?.(cid)?.logs.times;
  const out: Line[] = [];
  rt.logs(cid).forEach((raw, i) => {
    for (const text of (raw.endsWith('\n') ? raw.slice(0, -1) : raw).split('\n'))
      out.push({ time: times?.[i] ?? 0, text });
  });
  return out;
}

/** The kubelet's `--timestamps` form: RFC 3339 with nine fractional digits. */
function stamp(k: KubectlContext, ms: number): string {
  const whole = k.cluster.iso(Math.floor(ms / 1000) * 1000);
  return whole.replace('Z', `.${String(Math.floor(ms % 1000)).padStart(3, '0')}000000Z`);
}

/** The kubelet's answer when a container has no log to give (validateContainerLogStatus). */
function waitingText(name: string, pod: Pod): string {
  const cs = containerStatus(pod, name);
  const reason = cs ? cs.state?.waiting?.reason : 'ContainerCreating';
  const why =
    reason === undefined
      ? ' - no logs yet'
      : reason === 'ErrImagePull'
        ? ": image can't be pulled"
        : reason === 'ImagePullBackOff'
          ? ': trying and failing to pull image'
          : `: ${reason}`;
  return `Error from server (BadRequest): container "${name}" in pod "${pod.metadata.name}" is waiting to start${why}`;
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
      'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.',
    ),
    flag(
      'since-time',
      'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.',
    ),
    boolFlag('prefix', 'Prefix each log line with the log source (pod name and container name)'),
    flag(
      'max-log-requests',
      'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
    ),
    SELECTOR_FLAG,
  ],
  run(k, p) {
    const selector = str(p, 'selector');
    if (!p.args.length && selector === undefined)
      throw new KubectlError(
        `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
      );
    if (p.args.length && selector !== undefined)
      throw new KubectlError(
        `error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples`,
      );
    if (str(p, 'since') !== undefined && str(p, 'since-time') !== undefined)
      throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
    let pods: Pod[];
    if (selector !== undefined) {
      const sel = parseSelector(selector);
      pods = (k.cluster.api.list('Pod', k.namespace) as Pod[])
        .filter((x) => matches(sel, x.metadata.labels))
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      if (!pods.length) {
        k.err(`No resources found in ${k.namespace} namespace.\n`);
        return 0;
      }
    } else pods = [pickPod(k, p.args[0]!, true)];
    const containerArg = str(p, 'container') ?? (selector === undefined ? p.args[1] : undefined);
    const warn = (m: string) => k.err(m);
    const streams: { pod: Pod; name: string }[] = pods.flatMap((pod) =>
      has(p, 'all-containers')
        ? [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].map((c) => ({
            pod,
            name: c.name,
          }))
        : [{ pod, name: pickContainer(pod, containerArg, warn) }],
    );
    const maxReq = intFlag(p, 'max-log-requests') ?? 5;
    if (has(p, 'follow') && streams.length > maxReq)
      throw new KubectlError(
        `error: you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxReq}, use --max-log-requests to increase the limit`,
      );
    const previous = has(p, 'previous');
    const tail = intFlag(p, 'tail') ?? (selector !== undefined ? 10 : -1);
    const sinceText = str(p, 'since');
    let since: number | undefined;
    if (sinceText !== undefined) {
      const d = parseGoDuration(sinceText);
      if (d <= 0) throw new KubectlError('error: --since must be greater than 0s');
      since = k.cluster.now - d;
    }
    const sinceTime = str(p, 'since-time');
    if (sinceTime !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[-+]\d{2}:\d{2})$/.test(sinceTime))
        throw new KubectlError(
          `error: invalid argument "${sinceTime}" for "--since-time" flag: parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`,
        );
      since = k.cluster.fromIso(sinceTime);
    }
    const cidOf = (pod: Pod, name: string): string => {
      const cs = containerStatus(pod, name);
      if (previous) {
        const prev = containerIdOf(cs?.lastState?.terminated?.containerID);
        if (!prev)
          throw new KubectlError(
            `Error from server (BadRequest): previous terminated container "${name}" in pod "${pod.metadata.name}" not found`,
          );
        return prev;
      }
      // A container that is waiting to restart still has its last run's log (a crash-looping pod shows it).
      const cur = containerIdOf(cs?.containerID ?? cs?.lastState?.terminated?.containerID);
      if (!cur) throw new KubectlError(waitingText(name, pod));
      return cur;
    };
    const cids = streams.map((s) => cidOf(s.pod, s.name));
    const show = (i: number, l: Line): string =>
      `${has(p, 'prefix') ? `[pod/${streams[i]!.pod.metadata.name}/${streams[i]!.name}] ` : ''}${has(p, 'timestamps') ? stamp(k, l.time) + ' ' : ''}${l.text}\n`;
    const printed = cids.map(() => 0);
    let text = '';
    cids.forEach((cid, i) => {
      const all = linesOf(k, cid);
      printed[i] = all.length;
      let shown = since === undefined ? all : all.filter((l) => l.time >= since);
      if (tail >= 0) shown = shown.slice(Math.max(0, shown.length - tail));
      text += shown.map((l) => show(i, l)).join('');
    });
    if (text) k.out(text);
    if (!has(p, 'follow')) return 0;
    const pump = (): void => {
      let more = '';
      cids.forEach((cid, i) => {
        const all = linesOf(k, cid);
        if (all.length > printed[i]!)
          more += all
            .slice(printed[i])
            .map((l) => show(i, l))
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
      // kubectl logs -f ends when every followed container does (or its pod goes away).
      const live = streams.some((s) => {
        const cur = k.cluster.api.get('Pod', s.pod.metadata.namespace, s.pod.metadata.name);
        return cur && cur.status?.phase !== 'Succeeded' && cur.status?.phase !== 'Failed';
      });
      if (!live) break;
    }
    return 0;
  },
};
