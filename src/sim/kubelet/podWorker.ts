/**
 * The kubelet's pod worker: a pod's sandbox, then its init containers in order (sidecars started before the next),
 * then its app containers; a deleted pod is terminated. Each sync moves the pod one step.
 */
import { kubeletOf, nodeComponent, type SummaryFormat } from '../engine/eventLog';
import type { Pod } from '../api/types';
import { allocatePodIp, isNodeUp, nodesState } from '../nodes/nodeModule';
import type { PodWorker } from './types';
import { KubeletContainers } from './containerLifecycle';
import { MOUNT_BACKOFF_INITIAL_MS, MOUNT_BACKOFF_MAX_MS, SANDBOX_MS } from './timing';
import { volumeSetUpErrors } from './volumes';
import { containerSpec, kubeletState, syncAfter } from './workers';

/** Pod workers, above the container lifecycle. */
export abstract class KubeletPodWorkers extends KubeletContainers {
  sync(uid: string): void {
    const c = this.c;
    const s = kubeletState(c);
    const w = s.pods[uid];
    if (!w) return;
    if (!isNodeUp(c, w.node)) return;
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.uid !== uid) {
      this.teardown(w);
      delete s.pods[uid];
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(w, pod);
      return;
    }
    if (w.stage === 'new') {
      w.startTime ??= c.now;
      if (!this.volumesReady(w, pod)) return;
      // A host-network pod (kube-proxy, the control plane) shares the node's network namespace: its IP is the
      // node's, nothing is taken from the pod CIDR.
      w.ip = pod.spec.hostNetwork
        ? (nodesState(c).nodes[w.node]?.internalIP ?? '')
        : allocatePodIp(c, w.node, uid);
      w.sandboxId = c.runtime.createSandbox(w.node, {
        podUid: uid,
        name: w.name,
        namespace: w.namespace,
        hostname: pod.spec.hostname ?? w.name,
        ip: w.ip,
      });
      c.log.hop(
        c.now,
        'runtime',
        kubeletOf(w.node),
        nodeComponent('runtime', w.node),
        'RunPodSandbox',
        { kind: 'Pod', namespace: w.namespace, name: w.name },
        sandboxSummary,
        w.ip,
      );
      w.stage = 'sandbox';
      w.sandboxReadyAt = c.now + SANDBOX_MS;
      syncAfter(this.c, w, SANDBOX_MS);
      this.writeStatus(w, pod);
      return;
    }
    if (w.stage === 'sandbox') {
      if (c.now < (w.sandboxReadyAt ?? 0)) return;
      w.stage = 'ready';
    }
    // Init containers, in order; a sidecar (restartPolicy Always) must be started before the next one.
    for (const name of w.initOrder) {
      const cw = w.containers[name]!;
      const spec = containerSpec(pod, name);
      if (cw.sidecar) {
        if (cw.state !== 'running') this.step(w, pod, cw, spec);
        if (!cw.started) return this.syncedStatus(w, pod);
        continue;
      }
      if (cw.state === 'terminated' && cw.exitCode === 0) continue;
      if (cw.state !== 'running') this.step(w, pod, cw, spec);
      return this.syncedStatus(w, pod);
    }
    for (const name of w.appOrder) {
      const cw = w.containers[name]!;
      if (cw.waitingReason === 'PodInitializing') cw.waitingReason = 'ContainerCreating';
      if (cw.state !== 'running') this.step(w, pod, cw, containerSpec(pod, name));
    }
    this.syncedStatus(w, pod);
  }

  /**
   * The status at the end of a sync. While an image is being pulled the real pod worker is still inside SyncPod
   * (pulls block it), so nothing new is reported until the pull ends: a pod goes Pending/ContainerCreating →
   * Running in two status updates, PodReadyToStartContainers turning True with the second.
   */
  /**
   * Whether the pod's volumes are set up; if not, each failed mount is a FailedMount event and the volume manager
   * retries after its back-off (the pod stays Pending, ContainerCreating, with no sandbox and no pull).
   */
  private volumesReady(w: PodWorker, pod: Pod): boolean {
    const c = this.c;
    if (w.mountRetryAt !== undefined && c.now < w.mountRetryAt) {
      syncAfter(c, w, w.mountRetryAt - c.now);
      return false;
    }
    const errors = volumeSetUpErrors(c, pod);
    if (!errors.length) {
      w.mountBackoffMs = undefined;
      w.mountRetryAt = undefined;
      return true;
    }
    for (const e of errors) c.api.recordEvent(pod, 'Warning', 'FailedMount', e, 'kubelet', w.node);
    w.mountBackoffMs =
      w.mountBackoffMs === undefined
        ? MOUNT_BACKOFF_INITIAL_MS
        : Math.min(w.mountBackoffMs * 2, MOUNT_BACKOFF_MAX_MS);
    w.mountRetryAt = c.now + w.mountBackoffMs;
    syncAfter(c, w, w.mountBackoffMs);
    this.writeStatus(w, pod);
    return false;
  }

  private syncedStatus(w: PodWorker, pod: Pod): void {
    for (const name in w.containers) if (w.containers[name]!.pulling) return;
    this.writeStatus(w, pod);
  }
}

const sandboxSummary: SummaryFormat = (_h, ip) => `create pod sandbox (pause container, IP ${ip})`;
