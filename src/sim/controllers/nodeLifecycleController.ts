/**
 * Node lifecycle controller: every 5 s it checks each node's lease. A node silent for longer than the grace
 * period (50 s) gets Ready=Unknown and the `node.kubernetes.io/unreachable` taints (NoSchedule and NoExecute);
 * its pods are marked not ready. The taint manager then evicts pods once their toleration of the NoExecute taint
 * runs out (300 s by default, from DefaultTolerationSeconds). Tainting is rate-limited (0.1 nodes/s) and stops
 * in a small cluster whose zone is mostly unhealthy (≥ 55 %).
 */
import type { Cluster, SimModule } from '../cluster';
import type { Node, Pod, Taint } from '../api/types';
import { setCondition } from '../api/conditions';
import { toleratesTaint } from '../api/taints';
import { CONTROLLER_MANAGER } from './util';
import { isPodReady } from '../api/podReady';

const NAME = 'node-lifecycle-controller';
export const MONITOR_PERIOD_MS = 5_000;
export const GRACE_PERIOD_MS = 50_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const LARGE_CLUSTER = 50;
const TAINT_INTERVAL_MS = 10_000;

interface LifecycleState {
  lastTaintAt: number;
}

function ready(n: Node): string {
  return n.status.conditions?.find((x) => x.type === 'Ready')?.status ?? 'Unknown';
}

/** When a pod must leave a node with NoExecute taints: ms from now, or Infinity; 0 = now. */
export function evictionDelay(c: Cluster, pod: Pod, taints: Taint[]): number {
  let delay = Infinity;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const matching = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (!matching.length) return 0;
    const secs = matching.some((t) => t.tolerationSeconds === undefined)
      ? Infinity
      : Math.min(...matching.map((t) => t.tolerationSeconds!));
    if (secs === Infinity) continue;
    const added = taint.timeAdded ? c.fromIso(taint.timeAdded) : c.now;
    delay = Math.min(delay, Math.max(0, added + secs * 1000 - c.now));
  }
  return delay;
}

function monitor(c: Cluster): void {
  const st = c.ext<LifecycleState>('nodeLifecycle');
  const nodes = c.api.list<Node>('Node');
  const silent = (n: Node) => {
    const lease = c.api.get('Lease', 'kube-node-lease', n.metadata.name);
    const renew = lease?.spec?.renewTime
      ? c.fromIso(String(lease.spec.renewTime).replace(/\.\d+Z$/, 'Z'))
      : c.fromIso(n.metadata.creationTimestamp);
    return c.now - renew > GRACE_PERIOD_MS;
  };
  const unhealthy = nodes.filter((n) => silent(n) || ready(n) !== 'True').length;
  const partialDisruption =
    nodes.length > 2 &&
    unhealthy / Math.max(1, nodes.length) >= UNHEALTHY_ZONE_THRESHOLD &&
    unhealthy < nodes.length;
  for (const n of nodes) {
    const name = n.metadata.name;
    if (silent(n) && ready(n) !== 'Unknown') {
      c.api.mutate<Node>(
        'Node',
        undefined,
        name,
        (x) => {
          const now = c.iso();
          x.status.conditions = (x.status.conditions ?? []).map((cond) => ({
            ...cond,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: now,
          }));
        },
        { actor: CONTROLLER_MANAGER, status: true },
      );
      c.api.recordEvent(
        c.api.get('Node', undefined, name)!,
        'Normal',
        'NodeNotReady',
        `Node ${name} status is now: NodeNotReady`,
        'node-controller',
      );
      // MarkPodsNotReady
      for (const p of c.api.byIndex<Pod>('Pod', 'node', name)) {
        if (!isPodReady(p)) continue;
        const copy = structuredClone(p);
        setCondition(copy, { type: 'Ready', status: 'False' }, c.iso());
        c.api.updateStatus(copy, { actor: CONTROLLER_MANAGER });
        c.api.recordEvent(p, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
      }
    }
    const cur = c.api.get<Node>('Node', undefined, name)!;
    const taints = cur.spec.taints ?? [];
    const state = ready(cur);
    const wantKey = state === 'Unknown' ? UNREACHABLE : state === 'False' ? NOT_READY : undefined;
    const hasNoExecute = taints.some((t) => t.key === wantKey && t.effect === 'NoExecute');
    const stale = taints.filter((t) => (t.key === UNREACHABLE || t.key === NOT_READY) && t.key !== wantKey);
    if (stale.length) {
      c.api.mutate<Node>(
        'Node',
        undefined,
        name,
        (x) => {
          x.spec.taints = (x.spec.taints ?? []).filter(
            (t) => !stale.some((s) => s.key === t.key && s.effect === t.effect),
          );
          if (!x.spec.taints.length) delete x.spec.taints;
        },
        { actor: CONTROLLER_MANAGER },
      );
    }
    if (wantKey && !hasNoExecute) {
      const rateOk = c.now - st.lastTaintAt >= TAINT_INTERVAL_MS;
      const smallAndDisrupted = partialDisruption && nodes.length <= LARGE_CLUSTER;
      const add: Taint[] = [];
      if (!taints.some((t) => t.key === wantKey && t.effect === 'NoSchedule'))
        add.push({ key: wantKey, effect: 'NoSchedule', timeAdded: c.iso() });
      if (rateOk && !smallAndDisrupted) {
        add.push({ key: wantKey, effect: 'NoExecute', timeAdded: c.iso() });
        st.lastTaintAt = c.now;
      }
      if (add.length) {
        c.api.mutate<Node>(
          'Node',
          undefined,
          name,
          (x) => {
            x.spec.taints = [...(x.spec.taints ?? []), ...add];
          },
          { actor: CONTROLLER_MANAGER },
        );
      }
    }
    scheduleEvictions(c, name);
  }
  c.clock.after(MONITOR_PERIOD_MS, 'nodeLifecycle.monitor', null, 'nodeLifecycle.monitor');
}

function scheduleEvictions(c: Cluster, nodeName: string): void {
  const node = c.api.get<Node>('Node', undefined, nodeName);
  const taints = (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  for (const p of c.api.byIndex<Pod>('Pod', 'node', nodeName)) {
    const key = `evict:${p.metadata.uid}`;
    if (!taints.length || p.metadata.deletionTimestamp) {
      c.clock.cancel(key);
      continue;
    }
    const delay = evictionDelay(c, p, taints);
    if (delay === Infinity) {
      c.clock.cancel(key);
      continue;
    }
    const at = c.now + delay;
    const pending = c.clock.pending(key);
    if (pending && pending.at === at) continue;
    c.clock.at(
      at,
      'nodeLifecycle.evict',
      { namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
      key,
    );
  }
}

function evict(c: Cluster, p: { namespace: string; name: string; uid: string }): void {
  const pod = c.api.get<Pod>('Pod', p.namespace, p.name);
  if (!pod || pod.metadata.uid !== p.uid || pod.metadata.deletionTimestamp) return;
  const node = c.api.get<Node>('Node', undefined, pod.spec.nodeName ?? '');
  const taints = (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (!taints.length || evictionDelay(c, pod, taints) > 0) return;
  c.api.recordEvent(
    pod,
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${p.namespace}/${p.name}`,
    'taint-eviction-controller',
  );
  c.api.delete('Pod', p.namespace, p.name, { actor: CONTROLLER_MANAGER });
}

export const nodeLifecycleController: SimModule = {
  name: 'nodeLifecycle',
  initState: (): LifecycleState => ({ lastTaintAt: -1e12 }),
  install(c) {
    c.clock.on('nodeLifecycle.monitor', () => monitor(c));
    c.clock.on<{ namespace: string; name: string; uid: string }>('nodeLifecycle.evict', (p) => evict(c, p));
    c.registerReconciler(NAME, (name) => scheduleEvictions(c, name));
    c.api.watch('Node', (type, o, old) => {
      if (type === 'DELETED') return;
      if (JSON.stringify(o.spec?.taints) !== JSON.stringify(old?.spec?.taints))
        c.enqueue(NAME, o.metadata.name);
    });
  },
  bootstrap(c) {
    c.clock.after(MONITOR_PERIOD_MS, 'nodeLifecycle.monitor', null, 'nodeLifecycle.monitor');
  },
};
