/** kubectl run: a single Pod, generated like kubectl 1.31. */
import { buildPod, forServer, parseLabelList } from './generators';
import { apiErrorText } from './write';
import { fail, KubectlError } from './errors';
import { submitGenerated } from './create';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  flag,
  has,
  OUTPUT_FLAG,
  str,
  type KubectlContext,
  type VerbDef,
} from './verb';
import type { Pod } from '../../sim/api/types';
import { containerIdOf, runtime } from './client';

export const run: VerbDef = {
  name: 'run',
  summary: { en: 'Run a particular image on the cluster', zh: '在集群中运行指定镜像' },
  usage:
    'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  long: 'Create and run a particular image in a pod.',
  examples: `  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never

  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    flag('image', 'The image for the container to run.'),
    flag('port', 'The port that this container exposes.'),
    flag('labels', 'Comma separated labels to apply to the pod. Will override previous values.', {
      short: 'l',
    }),
    flag('env', 'Environment variables to set in the container.'),
    flag('restart', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', {
      complete: ['Always', 'OnFailure', 'Never'],
    }),
    flag('image-pull-policy', 'The image pull policy for the container.', {
      complete: ['Always', 'IfNotPresent', 'Never'],
    }),
    boolFlag(
      'command',
      "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
    ),
    boolFlag('stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.', {
      short: 'i',
    }),
    boolFlag('tty', 'Allocate a TTY for the container in the pod.', { short: 't' }),
    boolFlag(
      'rm',
      "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
    ),
    boolFlag('expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'),
    boolFlag('save-config', 'If true, the configuration of current object will be saved in its annotation.'),
  ],
  run(k, p) {
    const seeHelp = "\nSee 'kubectl run -h' for help and examples";
    const image = str(p, 'image');
    if (!image) fail('required flag(s) "image" not set');
    const name = p.args[0];
    if (!name) fail('NAME is required for run' + seeHelp);
    if (has(p, 'rm') && !has(p, 'stdin') && !has(p, 'attach'))
      fail('--rm should only be used for attached containers' + seeHelp);
    const restart = str(p, 'restart');
    if (restart && !['Always', 'OnFailure', 'Never'].includes(restart))
      fail(`invalid restart policy: ${restart}${seeHelp}`);
    const env = (p.all.get('env') ?? []).map((e) => {
      const i = e.indexOf('=');
      if (i <= 0) fail(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
    const extra = [...p.args.slice(1), ...p.rest];
    const portText = str(p, 'port');
    // run parses --port itself (strconv.Atoi), so the error is not a flag error.
    if (portText !== undefined && !/^[-+]?\d+$/.test(portText))
      fail(`strconv.Atoi: parsing ${JSON.stringify(portText)}: invalid syntax`);
    const port = portText === undefined ? undefined : Number(portText);
    const labels = str(p, 'labels');
    const pod = buildPod({
      name,
      image,
      ...(labels ? { labels: parseLabelList(labels) } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(env.length ? { env } : {}),
      ...(restart ? { restart } : {}),
      ...(has(p, 'command') ? { command: extra } : extra.length ? { args: extra } : {}),
      ...(str(p, 'image-pull-policy') ? { imagePullPolicy: str(p, 'image-pull-policy')! } : {}),
      ...(k.namespaceSet ? { namespace: k.namespace } : {}),
      stdin: has(p, 'stdin'),
      tty: has(p, 'tty'),
    });
    if ((has(p, 'stdin') || has(p, 'attach')) && dryRun(p) === 'none' && str(p, 'output') === undefined) {
      // Attaching: kubectl prints the pod's output instead of `pod/x created`.
      const r = k.cluster.api.create(forServer(pod), { actor: 'kubectl' });
      if (!r.ok) throw new KubectlError(apiErrorText(r.error));
      return attach(k, name, has(p, 'tty'), has(p, 'rm'));
    }
    const status = submitGenerated(k, p, pod);
    return status;
  },
};

/**
 * `kubectl run -i/-t/--attach`: waits for the pod to run, then streams its output (the terminal keeps it
 * until Ctrl+C; a script follows it for up to a minute). With `--rm` the pod is deleted when it ends or on
 * Ctrl+C, as kubectl does.
 */
function attach(k: KubectlContext, name: string, tty: boolean, rm: boolean): number {
  const ns = k.namespace;
  let printed = 0;
  let announced = false;
  let removed = false;
  const podNow = () => k.cluster.api.get('Pod', ns, name) as Pod | undefined;
  const remove = (): void => {
    if (!rm || removed) return;
    removed = true;
    const r = k.cluster.api.delete('Pod', ns, name, { actor: 'kubectl' });
    if (r.ok) k.out(`pod "${name}" deleted\n`);
  };
  /** Prints new output; returns true when the pod has finished (or is gone). */
  const pump = (): boolean => {
    const pod = podNow();
    if (!pod) return true;
    const cs = pod.status?.containerStatuses?.[0];
    const cid = containerIdOf(cs?.containerID);
    if (cid && !announced) {
      announced = true;
      if (tty) k.err("If you don't see a command prompt, try pressing enter.\n");
    }
    const rt = runtime(k.cluster);
    if (cid && rt) {
      const lines = rt.logs(cid).flatMap((l) => (l.endsWith('\n') ? l.slice(0, -1) : l).split('\n'));
      if (lines.length > printed)
        k.out(
          lines
            .slice(printed)
            .map((l) => l + '\n')
            .join(''),
        );
      printed = lines.length;
    }
    const phase = pod.status?.phase;
    return phase === 'Succeeded' || phase === 'Failed';
  };
  if (k.mode === 'interactive' && k.keepAlive) {
    k.cluster.settle();
    if (pump()) {
      remove();
      return 0;
    }
    let done = false;
    const off = k.cluster.onChange(() => {
      if (done) return;
      if (pump()) {
        done = true;
        off();
        remove();
      }
    });
    k.keepAlive(() => {
      off();
      if (!done) {
        done = true;
        remove();
      }
    });
    return 0;
  }
  for (let t = 0; t < 60_000; t += 1000) {
    if (pump()) break;
    k.cluster.advance(1000);
  }
  pump();
  const pod = podNow();
  const finished = !pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (finished) remove();
  return pod?.status?.phase === 'Failed' ? 1 : 0;
}
