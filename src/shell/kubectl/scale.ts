/** kubectl scale */
import { fail, KubectlError } from './errors';
import { resultPrinter } from './resultPrinter';
import { selectTargets, writeBack } from './targets';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  intFlag,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  type VerbDef,
} from './verb';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const scale: VerbDef = {
  name: 'scale',
  summary: {
    en: 'Set a new size for a deployment, replica set, or replication controller',
    zh: '为 Deployment、ReplicaSet 等设置新的副本数',
  },
  usage:
    'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows users to specify one or more preconditions for the scale action.',
  examples: `  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  flags: [
    flag('replicas', 'The new desired number of replicas. Required.'),
    flag(
      'current-replicas',
      'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
    ),
    boolFlag('all', 'Select all resources in the namespace of the specified resource types'),
    SELECTOR_FLAG,
    FILENAME_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    flag(
      'timeout',
      "The length of time to wait before giving up on a scale operation, zero means don't wait.",
    ),
  ],
  run(k, p) {
    const replicas = intFlag(p, 'replicas');
    if (replicas === undefined) fail('required flag(s) "replicas" not set');
    if (replicas < 0)
      fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const current = intFlag(p, 'current-replicas');
    const errors: string[] = [];
    const targets = selectTargets(k, p, p.args, errors);
    if (!targets.length && !errors.length) fail('no objects passed to scale');
    const mode = dryRun(p);
    const printer = resultPrinter(k, p);
    let status = 0;
    for (const t of targets) {
      if (!SCALABLE.includes(t.def.kind)) {
        k.err(`error: no scaler has been implemented for {"${t.def.group}" "${t.def.kind}"}\n`);
        status = 1;
        continue;
      }
      if (current !== undefined && current !== -1 && (t.obj.spec?.replicas ?? 1) !== current) {
        k.err(`error: Expected replicas to be ${current}, was ${t.obj.spec?.replicas ?? 1}\n`);
        status = 1;
        continue;
      }
      const copy = structuredClone(t.obj);
      copy.spec = { ...copy.spec, replicas };
      try {
        if (mode !== 'client') writeBack(k, copy, mode);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        k.err(e.text + '\n');
        status = 1;
        continue;
      }
      // kubectl scales through the scale subresource and prints the object it read before, so `-o yaml`
      // shows the old replicas.
      printer.print(t.obj, 'scaled');
    }
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      status = 1;
    }
    return status;
  },
};
