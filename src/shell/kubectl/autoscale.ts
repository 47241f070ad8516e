/** kubectl autoscale: an autoscaling/v2 HorizontalPodAutoscaler for a deployment, replica set or stateful set. */
import { fail } from './errors';
import { submitGenerated } from './create';
import { parseResourceArgs } from './resources';
import type { KObject } from '../../sim/api/types';
import { DRY_RUN_FLAG, flag, intFlag, OUTPUT_FLAG, str, type VerbDef } from './verb';

export const autoscale: VerbDef = {
  name: 'autoscale',
  summary: {
    en: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    zh: '为 Deployment、ReplicaSet 或 StatefulSet 配置自动扩缩',
  },
  usage:
    'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  long: 'Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.\n\n Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.',
  examples: `  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kubectl autoscale deployment foo --min=2 --max=10

  # Auto scale a deployment "php-apache", with the number of pods between 1 and 10, target CPU utilization at 50%
  kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10`,
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    flag(
      'min',
      "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.",
    ),
    flag('max', 'The upper limit for the number of pods that can be set by the autoscaler. Required.'),
    flag(
      'cpu-percent',
      "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
    ),
    flag(
      'name',
      'The name for the newly created object. If not specified, the name of the input resource will be used.',
    ),
  ],
  run(k, p) {
    const { requests } = parseResourceArgs(k.cluster, p.args);
    const r = requests[0];
    const name = r?.names[0];
    if (!r || !name) fail('resource(s) were provided, but no name was specified');
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.def.kind))
      fail(
        `cannot autoscale a ${r.def.kind}: ${r.def.kind.toLowerCase()} "${name}" is not a scalable resource`,
      );
    const target = k.cluster.api.get(r.def.kind, k.namespace, name);
    if (!target) fail(`${r.def.group ? `${r.def.plural}.${r.def.group}` : r.def.plural} "${name}" not found`);
    const max = intFlag(p, 'max');
    if (max === undefined || max < 1) fail('--max=MAXPODS is required and must be at least 1, max: -1');
    const min = intFlag(p, 'min');
    if (min !== undefined && min > max)
      fail(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const cpu = intFlag(p, 'cpu-percent');
    const hpa: KObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: str(p, 'name') ?? name,
        creationTimestamp: null as unknown as string,
        ...(k.namespaceSet ? { namespace: k.namespace } : {}),
      },
      spec: {
        maxReplicas: max,
        ...(cpu !== undefined && cpu >= 0
          ? {
              metrics: [
                {
                  resource: { name: 'cpu', target: { averageUtilization: cpu, type: 'Utilization' } },
                  type: 'Resource',
                },
              ],
            }
          : {}),
        ...(min !== undefined && min >= 0 ? { minReplicas: min } : {}),
        scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name },
      },
      status: { currentMetrics: null, desiredReplicas: 0 },
    };
    return submitGenerated(k, p, hpa, 'autoscaled');
  },
};
