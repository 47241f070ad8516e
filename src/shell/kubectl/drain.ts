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

/** Go's utilerrors aggregate message: one error as itself, several (deduplicated) in brackets. */
function aggregate(errors: string[]): string {
  const distinct = [...new Set(errors)];
  return distinct.length === 1 ? distinct[0]! : `[${distinct.join(', ')}]`;
}

/**
 * The command's last lines, kubectl's CheckErr of the aggregate of the nodes' errors: an aggregate of one is
 * unwrapped, then each error is a line (so one node's errors are a line each, several nodes' one line per node).
 */
function lastLines(perNode: string[][]): string {
  const lines = perNode.length === 1 ? perNode[0]! : perNode.map(aggregate);
  return lines.map((l) => l + '\n').join('');
}

/**
 * The evictions of one node's pods, as kubectl/pkg/drain runs them: one worker per pod that prints `evicting pod`
 * before every attempt; an eviction the API refuses with 429 (a disruption budget) sleeps 5 s and tries again, and
 * the first attempt after --timeout reports `global timeout reached` instead; an accepted eviction waits for the
 * pod to be gone, polling each second, until the timeout.
 */
class Eviction {
  private readonly waiting = new Map<string, string>();
  /** Refused pods and when each wakes from its 5 s sleep. */
  private refused: { pod: Pod; at: number }[] = [];
  readonly errors: string[] = [];
  private readonly start: number;

  constructor(
    private readonly k: KubectlContext,
    private readonly node: Node,
    private readonly pods: Pod[],
    private readonly opts: { grace?: number; limit: number; timeoutText: string },
  ) {
    this.start = k.cluster.now;
    for (const pod of pods) this.attempt(pod);
  }

  private attempt(pod: Pod): void {
    const { k } = this;
    k.out(`evicting pod ${key(pod)}\n`);
    if (k.cluster.now - this.start >= this.opts.limit) {
      this.errors.push(
        `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": global timeout reached: ${this.opts.timeoutText}`,
      );
      return;
    }
    const r =
      this.opts.grace !== undefined
        ? k.cluster.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, {
            actor: 'kubectl',
            gracePeriodSeconds: this.opts.grace,
          })
        : k.cluster.api.evict(pod.metadata.namespace!, pod.metadata.name, { actor: 'kubectl' });
    if (r.ok) return void this.waiting.set(key(pod), pod.metadata.uid ?? '');
    if (r.error.code === 404) return;
    if (r.error.code === 429) {
      k.err(
        `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${r.error.message}\n`,
      );
      this.refused.push({ pod, at: k.cluster.now + 5000 });
      return;
    }
    this.errors.push(
      `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": ${r.error.message}`,
    );
  }

  /** Looks at the pods now; true when every worker has finished. */
  step(): boolean {
    const { k } = this;
    for (const [kk, uid] of [...this.waiting]) {
      const [ns, name] = kk.split('/') as [string, string];
      const cur = k.cluster.api.get('Pod', ns, name);
      if (!cur || cur.metadata.uid !== uid) {
        this.waiting.delete(kk);
        k.out(`pod/${name} evicted\n`);
      } else if (k.cluster.now - this.start >= this.opts.limit) {
        this.waiting.delete(kk);
        this.errors.push(
          `error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${this.opts.timeoutText}`,
        );
      }
    }
    const due = this.refused.filter((r) => k.cluster.now >= r.at);
    this.refused = this.refused.filter((r) => k.cluster.now < r.at);
    for (const r of due) this.attempt(r.pod);
    return !this.waiting.size && !this.refused.length;
  }

  /** The node's error once finished (undefined when drained), with the pods still pending, as kubectl says them. */
  failure(): string | undefined {
    if (!this.errors.length) return undefined;
    const err = aggregate(this.errors);
    const left = this.pods.filter((p) => {
      const cur = this.k.cluster.api.get('Pod', p.metadata.namespace, p.metadata.name);
      return cur && cur.metadata.uid === p.metadata.uid;
    });
    if (left.length)
      this.k.err(
        `There are pending pods in node "${this.node.metadata.name}" when an error occurred: ${err}\n${left.map((p) => `pod/${p.metadata.name}\n`).join('')}`,
      );
    return err;
  }
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
    // each pending node's errors
    const pendingErrors: string[][] = [];
    // (K: RunDrain cordons every node first, then drains them one by one)
    const nodes = nodesFromArgs(k, p);
    for (const node of nodes) setUnschedulable(k, node, true, mode);
    for (const node of nodes) {
      const pl = plan(k, p, node);
      if (pl.errors.length) {
        const agg = aggregate(pl.errors);
        k.err(
          `error: unable to drain node "${node.metadata.name}" due to error: ${agg}, continuing command...\n`,
        );
        pending.push(node.metadata.name);
        pendingErrors.push(pl.errors);
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
      const timeoutText = str(p, 'timeout');
      const run = new Eviction(k, node, pl.evict, {
        ...(grace !== undefined ? { grace } : {}),
        limit: timeoutText && timeoutText !== '0s' ? parseGoDuration(timeoutText) : Infinity,
        timeoutText: timeoutText ?? '0s',
      });
      const finish = (): void => {
        const err = run.failure();
        if (!err) return void k.out(`node/${node.metadata.name} drained\n`);
        k.err(
          `error: unable to drain node "${node.metadata.name}" due to error: ${err}, continuing command...\n`,
        );
        pending.push(node.metadata.name);
        pendingErrors.push(run.errors);
        status = 1;
      };
      if (k.mode === 'interactive' && k.keepAlive) {
        // The studio's clock runs on: each change of the cluster is a moment to look again.
        if (run.step()) {
          finish();
          continue;
        }
        const off = k.cluster.onChange(() => {
          if (!run.step()) return;
          off();
          finish();
        });
        k.keepAlive(() => off());
        continue;
      }
      while (!run.step()) k.cluster.advance(1000);
      finish();
    }
    if (pending.length)
      k.err(
        `There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}${lastLines(pendingErrors)}`,
      );
    return status;
  },
};
