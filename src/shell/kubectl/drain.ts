/** kubectl drain: cordon, then evict every pod on the node except DaemonSet-managed and mirror pods. */
import type { Node, Pod } from '../../sim/api/types';
import { parseGoDuration } from './duration';
import { nodesFromArgs, setUnschedulable } from './cordon';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  flag,
  SELECTOR_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';

const DS_ERR = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const BARE_ERR = 'cannot delete Pods that declare no controller (use --force to override)';
const LOCAL_ERR = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';

const key = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;

interface Plan {
  evict: Pod[];
  errors: string[];
  warnings: string[];
}

function plan(k: KubectlContext, p: Parsed, node: Node): Plan {
  const ignoreDs = p.flags.get('ignore-daemonsets') === 'true';
  const force = p.flags.get('force') === 'true';
  const emptyDirOk =
    p.flags.get('delete-emptydir-data') === 'true' || p.flags.get('delete-local-data') === 'true';
  const pods = (k.cluster.api.list('Pod') as Pod[]).filter((x) => x.spec?.nodeName === node.metadata.name);
  const ds: Pod[] = [];
  const bare: Pod[] = [];
  const local: Pod[] = [];
  const evict: Pod[] = [];
  for (const pod of pods) {
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (owner?.kind === 'DaemonSet' && !terminal) {
      ds.push(pod);
      continue;
    }
    if (!owner && !terminal) bare.push(pod);
    if (!terminal && (pod.spec.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir !== undefined))
      local.push(pod);
    evict.push(pod);
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const names = (l: Pod[]) => l.map(key).join(', ');
  if (ds.length) {
    if (ignoreDs) warnings.push(`ignoring DaemonSet-managed Pods: ${names(ds)}`);
    else errors.push(`${DS_ERR}: ${names(ds)}`);
  }
  if (bare.length) {
    if (force) warnings.push(`deleting Pods that declare no controller: ${names(bare)}`);
    else errors.push(`${BARE_ERR}: ${names(bare)}`);
  }
  if (local.length) {
    if (emptyDirOk) warnings.push(`deleting Pods with local storage: ${names(local)}`);
    else errors.push(`${LOCAL_ERR}: ${names(local)}`);
  }
  return { evict, errors, warnings };
}

export const drain: VerbDef = {
  name: 'drain',
  summary: { en: 'Drain node in preparation for maintenance', zh: '腾空节点以准备维护' },
  usage: 'kubectl drain NODE [options]',
  long: "Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports eviction. Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.\n\n When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.",
  examples:
    '  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\n  kubectl drain foo --force\n\n  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes\n  kubectl drain foo --grace-period=900',
  flags: [
    boolFlag('ignore-daemonsets', 'Ignore DaemonSet-managed pods.'),
    boolFlag(
      'delete-emptydir-data',
      'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
    ),
    boolFlag('delete-local-data', 'Deprecated: use --delete-emptydir-data.'),
    boolFlag('force', 'Continue even if there are pods that do not declare a controller.'),
    flag(
      'grace-period',
      'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
    ),
    flag('timeout', 'The length of time to wait before giving up, zero means infinite'),
    boolFlag('disable-eviction', 'Force drain to use delete, even if eviction is supported.'),
    SELECTOR_FLAG,
    flag('pod-selector', 'Label selector to filter pods on the node'),
    DRY_RUN_FLAG,
  ],
  run(k, p) {
    const mode = dryRun(p);
    let status = 0;
    const pending: string[] = [];
    const pendingErrors: string[] = [];
    for (const node of nodesFromArgs(k, p)) {
      setUnschedulable(k, node, true, mode);
      const pl = plan(k, p, node);
      if (pl.errors.length) {
        const agg = pl.errors.length === 1 ? pl.errors[0]! : `[${pl.errors.join(', ')}]`;
        k.err(
          `error: unable to drain node "${node.metadata.name}" due to error: ${agg}, continuing command...\n`,
        );
        pending.push(node.metadata.name);
        pendingErrors.push(...pl.errors);
        status = 1;
        continue;
      }
      if (pl.warnings.length) k.err(`Warning: ${pl.warnings.join('; ')}\n`);
      if (mode !== 'none') {
        for (const pod of pl.evict)
          k.out(`evicting pod ${key(pod)} (${mode === 'client' ? 'dry run' : 'server dry run'})\n`);
        k.out(`node/${node.metadata.name} drained (${mode === 'client' ? 'dry run' : 'server dry run'})\n`);
        continue;
      }
      const graceText = str(p, 'grace-period');
      const grace = graceText !== undefined && Number(graceText) >= 0 ? Number(graceText) : undefined;
      const waiting = new Map<string, string>();
      // Evictions the API refused with 429 (a disruption budget): drain tries them again every 5 s.
      const refused: Pod[] = [];
      const tryEvict = (pod: Pod): void => {
        const r =
          grace !== undefined
            ? k.cluster.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, {
                actor: 'kubectl',
                gracePeriodSeconds: grace,
              })
            : k.cluster.api.evict(pod.metadata.namespace!, pod.metadata.name, { actor: 'kubectl' });
        if (!r.ok) {
          k.err(
            `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${r.error.message}\n`,
          );
          if (r.error.code === 429) refused.push(pod);
          else status = 1;
          return;
        }
        waiting.set(key(pod), pod.metadata.uid ?? '');
      };
      for (const pod of pl.evict) {
        k.out(`evicting pod ${key(pod)}\n`);
        tryEvict(pod);
      }
      const sweep = (): void => {
        for (const [kk, uid] of [...waiting]) {
          const [ns, name] = kk.split('/') as [string, string];
          const cur = k.cluster.api.get('Pod', ns, name);
          if (!cur || cur.metadata.uid !== uid) {
            waiting.delete(kk);
            k.out(`pod/${name} evicted\n`);
          }
        }
      };
      const nodeName = node.metadata.name;
      if (k.mode === 'interactive' && k.keepAlive) {
        sweep();
        if (!waiting.size) {
          k.out(`node/${nodeName} drained\n`);
          continue;
        }
        const off = k.cluster.onChange(() => {
          sweep();
          if (!waiting.size) {
            off();
            k.out(`node/${nodeName} drained\n`);
          }
        });
        k.keepAlive(() => off());
        continue;
      }
      const timeoutText = str(p, 'timeout');
      const limit = timeoutText && timeoutText !== '0s' ? parseGoDuration(timeoutText) : 3_600_000;
      const start = k.cluster.now;
      sweep();
      let nextRetry = start + 5000;
      while ((waiting.size || refused.length) && k.cluster.now - start < limit) {
        k.cluster.advance(1000);
        sweep();
        if (refused.length && k.cluster.now >= nextRetry) {
          nextRetry = k.cluster.now + 5000;
          // (kubectl prints "evicting pod" once; each retry prints only its error)
          for (const pod of refused.splice(0)) tryEvict(pod);
        }
      }
      if (waiting.size || refused.length) {
        const timedOut = [
          ...[...waiting.keys()].map(
            (x) =>
              `error when waiting for pod "${x.split('/')[1]}" in namespace "${x.split('/')[0]}" to terminate: global timeout reached: ${timeoutText}`,
          ),
          ...refused.map(
            (pod) =>
              `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": global timeout reached: ${timeoutText}`,
          ),
        ];
        k.err(
          `error: unable to drain node "${nodeName}" due to error: [${timedOut.join(', ')}], continuing command...\n`,
        );
        pending.push(nodeName);
        status = 1;
        continue;
      }
      k.out(`node/${nodeName} drained\n`);
    }
    if (pending.length)
      k.err(
        `There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}${pendingErrors.map((e) => e + '\n').join('')}`,
      );
    return status;
  },
};
