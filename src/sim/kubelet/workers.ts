/**
 * The kubelet's pod workers as data: the state of every node's kubelet (`cluster.state.ext.kubelet`), a new
 * worker for a pod, and the helpers every part of the kubelet shares (a container's spec, the next sync).
 */
import type { Cluster } from '../cluster';
import type { Container, Pod } from '../api/types';
import type { ContainerWorker, KubeletState, PodWorker } from './types';

/** The kubelets' state. */
export function kubeletState(c: Cluster): KubeletState {
  return c.ext<KubeletState>('kubelet');
}

export const isMirror = (p: Pod) => !!p.metadata.annotations?.['kubernetes.io/config.mirror'];

export function newWorker(pod: Pod): PodWorker {
  const containers: Record<string, ContainerWorker> = {};
  // Workers change shape as they go (a container id, a start time, a back-off): every field is present from the
  // start (undefined until set; snapshots' JSON leaves those out), so all workers share one hidden class and the
  // kubelet's code does not deoptimize each time a new stage first sets a field.
  const mk = (ct: Container, init: boolean): ContainerWorker => ({
    name: ct.name,
    init,
    sidecar: init && ct.restartPolicy === 'Always',
    image: ct.image,
    cid: undefined,
    state: 'waiting',
    waitingReason: init ? 'PodInitializing' : 'ContainerCreating',
    waitingMessage: undefined,
    exitCode: undefined,
    termReason: undefined,
    termMessage: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    last: undefined,
    restartCount: 0,
    backoffMs: 0,
    backoffUntil: undefined,
    backoffUpdated: undefined,
    pulledJustNow: undefined,
    pullBackoffMs: 0,
    pullBackoffUntil: undefined,
    pulling: undefined,
    imageID: undefined,
    ready: false,
    started: false,
    killedBy: undefined,
    stopping: undefined,
    probes: {},
  });
  const inits = pod.spec.initContainers ?? [];
  for (const ct of inits) containers[ct.name] = mk(ct, true);
  for (const ct of pod.spec.containers) containers[ct.name] = mk(ct, false);
  if (inits.length)
    for (const ct of pod.spec.containers) containers[ct.name]!.waitingReason = 'PodInitializing';
  return {
    uid: pod.metadata.uid!,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    node: pod.spec.nodeName!,
    stage: 'new',
    sandboxId: undefined,
    ip: undefined,
    startTime: undefined,
    containers,
    initOrder: inits.map((x) => x.name),
    appOrder: pod.spec.containers.map((x) => x.name),
    sandboxReadyAt: undefined,
    mountBackoffMs: undefined,
    mountRetryAt: undefined,
  };
}

/** The spec of a container (init or app) by name. */
export function containerSpec(pod: Pod, name: string): Container {
  const inits = pod.spec.initContainers;
  if (inits) for (let i = 0; i < inits.length; i++) if (inits[i]!.name === name) return inits[i]!;
  const apps = pod.spec.containers;
  for (let i = 0; i < apps.length; i++) if (apps[i]!.name === name) return apps[i]!;
  throw new Error(`no container ${name} in pod ${pod.metadata.name}`);
}

export function isTerminalPhase(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** Schedules a sync of the worker `ms` from now (an earlier pending one stands). */
export function syncAfter(c: Cluster, w: PodWorker, ms: number): void {
  const key = `kubelet.sync:${w.uid}`;
  const at = c.now + ms;
  const pending = c.clock.pending(key);
  if (pending && pending.at <= at) return;
  c.clock.at(at, 'kubelet.sync', { uid: w.uid }, key);
}
