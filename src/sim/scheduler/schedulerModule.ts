/**
 * kube-scheduler as a cluster module: watches unscheduled pods, runs the framework (scheduleOne), binds, records
 * Scheduled / FailedScheduling, and keeps the latest decisions for "why this node?". Unschedulable pods are
 * retried when the cluster changes (a node joins or changes, a pod goes away) and at least every 5 minutes.
 */
import type { Cluster, SimModule } from '../cluster';
import type { Pod } from '../api/types';
import type { SummaryFormat } from '../engine/eventLog';
import { setCondition } from '../api/conditions';
import { SchedulerCache } from './cache';
import { jsonEqual } from '../util/jsonEqual';
import { scheduleOne, type ScheduleResult } from './framework';
import { explainDecision } from './explain';

const NAME = 'kube-scheduler';
const DECISIONS_KEPT = 300;
/** The retry of unschedulable pods after a cluster change (the real queue's back-off starts at 1 s). */
const RETRY_MS = 1000;
const FLUSH_UNSCHEDULABLE_MS = 5 * 60_000;

interface SchedulerState {
  nextStartNodeIndex: number;
  /** `ns/name` → last decision */
  decisions: Record<string, ScheduleResult & { time: number; uid: string }>;
  order: string[];
  /** `ns/name` of pods that did not fit */
  unschedulable: Record<string, true>;
}

function st(c: Cluster): SchedulerState {
  return c.ext<SchedulerState>('scheduler');
}

function wantsScheduling(p: Pod): boolean {
  return (
    !p.spec.nodeName &&
    !p.metadata.deletionTimestamp &&
    (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    !(p.spec.schedulingGates as unknown[] | undefined)?.length &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  );
}

function rebuild(c: Cluster): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of c.api.list('Node')) cache.setNode(n as never);
  for (const p of c.api.list<Pod>('Pod')) if (p.spec.nodeName) cache.addPod(p);
  return cache;
}

function retryUnschedulable(c: Cluster): void {
  for (const key of Object.keys(st(c).unschedulable)) c.enqueueAfter(NAME, key, RETRY_MS);
}

function reconcile(c: Cluster, cache: SchedulerCache, key: string): void {
  const s = st(c);
  const i = key.indexOf('/');
  const ns = key.slice(0, i);
  const name = key.slice(i + 1);
  const pod = c.api.get<Pod>('Pod', ns, name);
  if (!pod || !wantsScheduling(pod)) {
    delete s.unschedulable[key];
    return;
  }
  const volumeProblem = volumeBindingPreFilter(c, pod);
  const result: ScheduleResult = volumeProblem
    ? preFilterRejection(cache.nodeInfos().filter((n) => n.node).length, volumeProblem)
    : scheduleOne(pod, cache, c.rng, s);
  if (!s.decisions[key]) s.order.push(key);
  // Object.assign, not a spread: the per-node score breakdown stays lazy until someone reads it (see framework.ts).
  s.decisions[key] = Object.assign(result, { time: c.now, uid: pod.metadata.uid! });
  while (s.order.length > DECISIONS_KEPT) delete s.decisions[s.order.shift()!];
  if (result.nodeName) {
    const r = c.api.bind(ns, name, result.nodeName, 'kube-scheduler');
    if (r.ok) {
      delete s.unschedulable[key];
      c.api.recordEvent(
        r.obj,
        'Normal',
        'Scheduled',
        `Successfully assigned ${ns}/${name} to ${result.nodeName}`,
        'default-scheduler',
      );
      return;
    }
  }
  const message = result.message ?? '0/0 nodes are available: no nodes available to schedule pods.';
  s.unschedulable[key] = true;
  const copy = structuredClone(pod);
  if (
    setCondition(copy, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, c.iso())
  ) {
    c.api.updateStatus(copy, { actor: 'kube-scheduler' });
  }
  c.api.recordEvent(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  c.enqueueAfter(NAME, key, FLUSH_UNSCHEDULABLE_MS);
}

/**
 * The VolumeBinding plugin's PreFilter: a claim that does not exist, or an unbound claim of a class that binds
 * immediately, makes the pod unschedulable everywhere. (WaitForFirstConsumer claims are bound once the pod has a
 * node.) Returns the reason, or undefined.
 */
function volumeBindingPreFilter(c: Cluster, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace!;
  for (const v of (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName: string } }[]) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const pvc = c.api.get('PersistentVolumeClaim', ns, claimName);
    if (!pvc) return `persistentvolumeclaim "${claimName}" not found`;
    if (pvc.status?.phase === 'Bound') continue;
    const className =
      pvc.spec?.storageClassName ??
      c.api
        .list('StorageClass')
        .find((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')
        ?.metadata.name;
    const sc = className ? c.api.get('StorageClass', undefined, className) : undefined;
    if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer')
      continue;
    return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return undefined;
}

/** A rejection before any node is looked at (unresolvable on every node: preemption cannot help). */
function preFilterRejection(nodes: number, reason: string): ScheduleResult {
  return {
    filtered: {},
    scores: {},
    message: `0/${nodes} nodes are available: ${reason}. preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling.`,
    evaluatedNodes: 0,
    feasibleNodes: 0,
  };
}

/** The scheduler's latest decision about a pod (for the UI and `sim why`). */
export function lastDecision(
  c: Cluster,
  namespace: string,
  name: string,
): (ScheduleResult & { time: number; uid: string }) | undefined {
  return st(c).decisions[`${namespace}/${name}`];
}

/** "Why this node?" as text. */
export function whyText(c: Cluster, namespace: string, name: string): string | undefined {
  const d = lastDecision(c, namespace, name);
  return d ? explainDecision(d, name) : undefined;
}

/** kube-scheduler of one cluster, with its node/pod cache (rebuilt on restore). */
export interface SchedulerModule extends SimModule {
  /** The scheduler's cache (for tests and explanations). */
  readonly cache: SchedulerCache;
}

/** A kube-scheduler for one cluster: its cache lives on the instance (createSim makes one per cluster). */
export function schedulerModule(): SchedulerModule {
  let cache = new SchedulerCache();
  return {
    name: 'scheduler',
    get cache() {
      return cache;
    },
    initState: (): SchedulerState => ({ nextStartNodeIndex: 0, decisions: {}, order: [], unschedulable: {} }),
    install(c) {
      c.registerReconciler(NAME, (key) => reconcile(c, cache, key));
      c.api.watch('Node', (type, o, old) => {
        const cache2 = cache;
        if (type === 'DELETED') cache2.removeNode(o.metadata.name);
        else cache2.setNode(o as never);
        // A new or changed node may fit pods that did not fit (status-only heartbeats do not count).
        const changed =
          type === 'ADDED' ||
          !jsonEqual(o.spec, old?.spec) ||
          !jsonEqual(o.metadata.labels, old?.metadata.labels) ||
          !jsonEqual(o.status?.allocatable, old?.status?.allocatable);
        if (changed) retryUnschedulable(c);
      });
      // A claim that binds (or appears) may make waiting pods schedulable.
      c.api.watch('PersistentVolumeClaim', () => retryUnschedulable(c));
      c.api.watch('Pod', (type, o, old) => {
        const pod = o as Pod;
        const cache2 = cache;
        const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
        if (type === 'DELETED') {
          const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
          if (pod.spec.nodeName) {
            cache2.removePod(pod);
            retryUnschedulable(c);
          }
          delete st(c).unschedulable[key];
          return;
        }
        if (pod.spec.nodeName) {
          if (terminal) {
            cache2.removePod(pod);
            if (!(old as Pod | undefined)?.status || (old as Pod).status.phase !== pod.status.phase)
              retryUnschedulable(c);
          } else if (
            type === 'ADDED' ||
            !(old as Pod | undefined)?.spec.nodeName ||
            // a graceful delete began: PodTopologySpread stops counting the pod
            !!pod.metadata.deletionTimestamp !== !!(old as Pod).metadata.deletionTimestamp
          )
            cache2.addPod(pod);
          return;
        }
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (type === 'ADDED' && wantsScheduling(pod)) {
          c.log.hop(
            c.now,
            'watch',
            'kube-apiserver',
            'kube-scheduler',
            'ADDED',
            { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name },
            schedulerSees,
          );
          c.enqueue(NAME, key);
        } else if (
          wantsScheduling(pod) &&
          ((old as Pod | undefined)?.spec.schedulingGates as unknown[] | undefined)?.length
        )
          c.enqueue(NAME, key);
      });
    },
    restored(c) {
      cache = rebuild(c);
    },
  };
}

const schedulerSees: SummaryFormat = (h) => `scheduler sees unscheduled pod ${h.object!.name}`;
