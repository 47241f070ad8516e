/** kubectl run: a single Pod, generated like kubectl 1.31. */
import { fail } from './errors';
import { buildPod, parseLabelList } from './generators';
import { submitGenerated } from './create';
import { boolFlag, DRY_RUN_FLAG, flag, has, intFlag, OUTPUT_FLAG, str, type VerbDef } from './verb';

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
    const name = p.args[0];
    if (!name) fail('NAME is required for run');
    const image = str(p, 'image');
    if (!image) fail('required flag(s) "image" not set');
    const restart = str(p, 'restart');
    if (restart && !['Always', 'OnFailure', 'Never'].includes(restart))
      fail(`invalid restart policy: ${restart}`);
    const env = (p.all.get('env') ?? []).map((e) => {
      const i = e.indexOf('=');
      if (i <= 0) fail(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
    const extra = [...p.args.slice(1), ...p.rest];
    const port = intFlag(p, 'port');
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
    const status = submitGenerated(k, p, pod);
    if (status === 0 && has(p, 'stdin') && p.flags.get('dry-run') === undefined)
      k.err(
        "If you don't see a command prompt, try pressing enter.\nwarning: attaching to the container is not available in Kubelab; use kubectl exec or kubectl logs\n",
      );
    return status;
  },
};
