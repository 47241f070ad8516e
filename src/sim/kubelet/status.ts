/**
 * The kubelet's status manager: a pod's phase, container statuses and conditions from its worker, written once
 * per instant. The base layer of the kubelet (see kubelet.ts).
 */
import { withFields } from '../util/shapes';
import { kubeletOf } from '../engine/eventLog';
import { nextCondition } from '../api/conditions';
import type { KubeletHooks } from './hooks';
import type { Cluster } from '../cluster';
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types';
import { isNodeUp, nodesState } from '../nodes/nodeModule';
import type { ContainerWorker, PodWorker } from './types';
import { normalizeImage } from '../util/imageRef';
import { containerSpec, kubeletState } from './workers';

/** Pod status from the workers. */
export abstract class KubeletStatus {
  constructor(
    protected c: Cluster,
    /** What the kubelet needs from the network and storage parts (see hooks.ts). */
    protected hooks: KubeletHooks = {},
  ) {}

  private containerStatus(w: PodWorker, cw: ContainerWorker, spec: Container): ContainerStatus {
    const c = this.c;
    const iso = (ms: number | undefined) => c.iso(ms ?? c.now);
    // Fields added in a fixed order rather than a conditional spread and a delete: one hidden class per shape.
    const st2: ContainerStatus = {
      name: cw.name,
      state: {},
      lastState: NO_LAST_STATE,
      ready: cw.ready,
      restartCount: cw.restartCount,
      image: normalizeImage(spec.image),
      imageID: cw.cid ? (cw.imageID ?? '') : '',
    };
    if (cw.cid) {
      st2.containerID = `containerd://${cw.cid}`;
      st2.started = cw.state === 'running' ? cw.started : false;
    }
    if (cw.state === 'running') st2.state = { running: { startedAt: iso(cw.startedAt) } };
    else if (cw.state === 'terminated') {
      st2.state = {
        terminated: {
          exitCode: cw.exitCode ?? 0,
          reason: cw.termReason ?? 'Error',
          ...(cw.termMessage ? { message: cw.termMessage } : {}),
          startedAt: iso(cw.startedAt ?? cw.finishedAt),
          finishedAt: iso(cw.finishedAt),
          ...(cw.cid ? { containerID: `containerd://${cw.cid}` } : {}),
        },
      };
    } else
      st2.state = {
        waiting: {
          reason: cw.waitingReason ?? 'ContainerCreating',
          ...(cw.waitingMessage ? { message: cw.waitingMessage } : {}),
        },
      };
    if (cw.last) {
      st2.lastState = {
        terminated: {
          exitCode: cw.last.exitCode,
          reason: cw.last.reason,
          ...(cw.last.message ? { message: cw.last.message } : {}),
          startedAt: iso(cw.last.startedAt),
          finishedAt: iso(cw.last.finishedAt),
          ...(cw.last.cid ? { containerID: `containerd://${cw.last.cid}` } : {}),
        },
      };
    }
    return st2;
  }

  /** The pod phase from its containers (pkg/kubelet getPhase). */
  private phase(w: PodWorker, pod: Pod): NonNullable<PodStatus['phase']> {
    const policy = pod.spec.restartPolicy ?? 'Always';
    for (const n of w.initOrder) {
      const cw = w.containers[n]!;
      if (cw.sidecar) continue;
      if (cw.state === 'terminated' && cw.exitCode === 0) continue;
      if (cw.state === 'terminated' && policy === 'Never') return 'Failed';
      return 'Pending';
    }
    let waiting = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const n of w.appOrder) {
      const cw = w.containers[n]!;
      if (cw.state === 'running') running++;
      else if (cw.state === 'terminated') {
        stopped++;
        if (cw.exitCode === 0) succeeded++;
      } else if (cw.last) {
        stopped++;
        if (cw.last.exitCode === 0) succeeded++;
      } else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (policy === 'Always') return 'Running';
      if (stopped === succeeded) return 'Succeeded';
      if (policy === 'OnFailure') return 'Running';
      return 'Failed';
    }
    return 'Pending';
  }

  /**
   * The status manager: a worker's status is computed and written once per instant, after the pod workers ran
   * (the real kubelet's status manager also writes asynchronously, coalescing changes).
   */
  protected writeStatus(w: PodWorker, _pod: Pod): void {
    this.c.enqueue('kubelet-status', w.uid);
  }

  protected flushStatus(uid: string): void {
    const w = kubeletState(this.c).pods[uid];
    if (!w || !isNodeUp(this.c, w.node)) return;
    const pod = this.c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.uid !== uid) return;
    this.computeAndWriteStatus(w, pod);
  }

  private computeAndWriteStatus(w: PodWorker, pod: Pod): void {
    const c = this.c;
    const now = c.iso();
    const node = nodesState(c).nodes[w.node];
    const prev = pod.status ?? {};
    // Shallow copy; the parts that change are built anew, unchanged conditions and IP lists are kept (stored
    // objects are never mutated, so sharing them with the previous version is safe).
    const s: PodStatus = withFields(prev, {});
    const next: Pod = withFields(pod, { status: s });
    s.phase = w.stage === 'new' ? 'Pending' : this.phase(w, pod);
    if (node) {
      const ip = node.internalIP;
      s.hostIP = ip;
      const old = (prev as { hostIPs?: { ip: string }[] }).hostIPs;
      (s as Record<string, unknown>).hostIPs = old?.length === 1 && old[0]!.ip === ip ? old : [{ ip }];
    }
    if (w.ip) {
      s.podIP = w.ip;
      s.podIPs = prev.podIPs?.length === 1 && prev.podIPs[0]!.ip === w.ip ? prev.podIPs : [{ ip: w.ip }];
    }
    if (w.startTime !== undefined) s.startTime = c.iso(w.startTime);
    if (w.initOrder.length) {
      s.initContainerStatuses = w.initOrder.map((n) =>
        this.containerStatus(w, w.containers[n]!, containerSpec(pod, n)),
      );
    }
    s.containerStatuses = w.appOrder.map((n) =>
      this.containerStatus(w, w.containers[n]!, containerSpec(pod, n)),
    );
    // Init containers not done yet, and containers (sidecars and app containers) not ready.
    let notInit = '';
    let unready = '';
    for (const n of w.initOrder) {
      const cw = w.containers[n]!;
      const done = cw.sidecar ? cw.started : cw.state === 'terminated' && cw.exitCode === 0;
      if (!done) notInit += notInit ? ` ${cw.name}` : cw.name;
      if (cw.sidecar && !cw.ready) unready += unready ? ` ${cw.name}` : cw.name;
    }
    for (const n of w.appOrder) {
      const cw = w.containers[n]!;
      if (!cw.ready) unready += unready ? ` ${cw.name}` : cw.name;
    }
    const terminal = s.phase === 'Succeeded' || s.phase === 'Failed';
    const prevConds = prev.conditions ?? [];
    const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
      let old: PodCondition | undefined;
      for (const x of prevConds) if (x.type === type) old = x;
      return nextCondition(old, { type, status: ok ? 'True' : 'False', reason, message }, now);
    };
    const readyReason = terminal ? 'PodCompleted' : unready ? 'ContainersNotReady' : undefined;
    const readyMessage = !terminal && unready ? `containers with unready status: [${unready}]` : undefined;
    // Conditions of other writers first (as they were), then the kubelet's, then PodScheduled.
    const conditions: PodCondition[] = [];
    let scheduled: PodCondition | undefined;
    for (const x of prevConds) {
      if (x.type === 'PodScheduled') scheduled = x;
      else if (!KUBELET_CONDITIONS.has(x.type)) conditions.push(x);
    }
    conditions.push(
      cond('PodReadyToStartContainers', w.stage === 'ready' || w.stage === 'terminating'),
      cond(
        'Initialized',
        !notInit,
        notInit ? 'ContainersNotInitialized' : undefined,
        notInit ? `containers with incomplete status: [${notInit}]` : undefined,
      ),
      cond('Ready', !terminal && !unready, readyReason, readyMessage),
      cond('ContainersReady', !terminal && !unready, readyReason, readyMessage),
    );
    if (scheduled) conditions.push(scheduled);
    s.conditions = conditions.slice(); // exact size: the list is kept with the pod
    c.api.updateStatus(next, { actor: kubeletOf(w.node), owned: true });
  }
}

/** `lastState: {}` of a container that has not terminated before (shared: stored objects are not changed). */
const NO_LAST_STATE: ContainerStatus['lastState'] = Object.freeze({});

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);
