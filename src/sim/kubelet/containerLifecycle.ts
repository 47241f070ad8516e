/**
 * The kubelet's container lifecycle: restart policy and crash-loop back-off, create and start, exits noticed by
 * the relist, graceful termination of a deleted pod, and teardown.
 */
import { flat } from '../util/shapes';
import { memoize } from '../util/memo';
import type { Container, Pod } from '../api/types';
import type { ContainerSpec, ExitEvent } from '../runtime/types';
import { parseBytes, parseCpuMillis } from '../api/quantity';
import { isNodeUp, releasePodIp } from '../nodes/nodeModule';
import type { ContainerWorker, PodWorker } from './types';
import { containerConfig } from './containerConfig';
import { KubeletImagePuller } from './imagePuller';
import { normalizeImage } from '../util/imageRef';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, RELIST_MS } from './timing';
import { goDurationSeconds } from '../util/duration';
import { kubeletState, syncAfter } from './workers';

/** Containers' lives, above the image puller. */
export abstract class KubeletContainers extends KubeletImagePuller {
  /** Removes a worker's containers and sandbox from the runtime (power loss or pod gone). */
  protected teardown(w: PodWorker, releaseIp = true): void {
    const c = this.c;
    const s = kubeletState(c);
    for (const cw of Object.values(w.containers)) {
      for (const id of [cw.cid, cw.last?.cid]) {
        if (!id) continue;
        delete s.byCid[id];
        this.cancelProbes(id);
        c.runtime.removeContainer(id);
      }
    }
    if (w.sandboxId) c.runtime.removeContainer(w.sandboxId);
    for (const name of Object.keys(w.containers)) c.runtime.volumeRemove(`pod-${w.uid}-${name}`);
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    for (const v of (pod?.spec.volumes ?? []) as { name: string; emptyDir?: unknown }[])
      if (v.emptyDir) c.runtime.volumeRemove(`pod-${w.uid}-${v.name}`);
    if (releaseIp) releasePodIp(c, w.node, w.ip);
    c.clock.cancel(`kubelet.sync:${w.uid}`);
  }

  /** Whether a terminated container is restarted under the pod's restart policy. */
  private shouldRestart(pod: Pod, cw: ContainerWorker): boolean {
    if (cw.sidecar) return true;
    const policy = pod.spec.restartPolicy ?? 'Always';
    if (cw.init) return policy !== 'Never' && cw.exitCode !== 0;
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return cw.exitCode !== 0;
    return false;
  }

  /** Moves one container towards running: back-off, image, create, start. */
  protected step(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): void {
    const c = this.c;
    if (cw.state === 'terminated') {
      if (!this.shouldRestart(pod, cw)) return;
      const since = c.now - (cw.finishedAt ?? c.now);
      if (cw.backoffMs > 0 && since < cw.backoffMs) {
        const first = cw.waitingReason !== 'CrashLoopBackOff' || cw.state === 'terminated';
        this.toWaitingAfterExit(
          cw,
          'CrashLoopBackOff',
          `back-off ${goDurationSeconds(cw.backoffMs)} restarting failed container=${cw.name} pod=${w.name}_${w.namespace}(${w.uid})`,
        );
        if (first)
          c.api.recordEvent(
            pod,
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${cw.name} in pod ${w.name}_${w.namespace}(${w.uid})`,
            'kubelet',
            w.node,
          );
        syncAfter(this.c, w, cw.backoffMs - since);
        return;
      }
      this.toWaitingAfterExit(cw, 'ContainerCreating');
    } else if (cw.waitingReason === 'CrashLoopBackOff') {
      const since = c.now - (cw.last?.finishedAt ?? c.now);
      if (since < cw.backoffMs) {
        syncAfter(this.c, w, cw.backoffMs - since);
        return;
      }
    }
    if (cw.pulling) return;
    if (!this.ensureImage(w, pod, cw, spec)) return;
    this.startContainer(w, pod, cw, spec);
  }

  /** Terminated → waiting, keeping the terminated state as lastState. */
  private toWaitingAfterExit(cw: ContainerWorker, reason: string, message?: string): void {
    if (cw.state === 'terminated') {
      const old = cw.last?.cid;
      if (old && old !== cw.cid) {
        delete kubeletState(this.c).byCid[old];
        this.c.runtime.removeContainer(old);
      }
      cw.last = {
        exitCode: cw.exitCode ?? 0,
        reason: cw.termReason ?? 'Error',
        ...(cw.startedAt !== undefined ? { startedAt: cw.startedAt } : {}),
        ...(cw.finishedAt !== undefined ? { finishedAt: cw.finishedAt } : {}),
        ...(cw.cid ? { cid: cw.cid } : {}),
        ...(cw.termMessage ? { message: cw.termMessage } : {}),
      };
      cw.state = 'waiting';
    }
    cw.waitingReason = reason;
    cw.waitingMessage = message;
  }

  private startContainer(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): void {
    const c = this.c;
    const cfg = containerConfig(this.c, this.hooks, w, pod, spec);
    if ('error' in cfg) {
      if (cfg.mountError) {
        if (cw.waitingMessage !== cfg.error)
          c.api.recordEvent(pod, 'Warning', 'FailedMount', cfg.error, 'kubelet', w.node);
        cw.waitingReason = cw.init ? 'PodInitializing' : 'ContainerCreating';
        cw.waitingMessage = cfg.error;
      } else {
        if (cw.waitingReason !== 'CreateContainerConfigError' || cw.waitingMessage !== cfg.error) {
          c.api.recordEvent(pod, 'Warning', 'Failed', `Error: ${cfg.error}`, 'kubelet', w.node);
        }
        cw.waitingReason = 'CreateContainerConfigError';
        cw.waitingMessage = cfg.error;
      }
      syncAfter(this.c, w, 10_000);
      return;
    }
    const limits = spec.resources?.limits ?? {};
    const requests = spec.resources?.requests ?? {};
    // Every field present (undefined when unset), in the order runtime.createSandbox gives them: one hidden class
    // for all specs (conditional spreads made one per spec, and createContainer deoptimized on each new one).
    const cspec: ContainerSpec = {
      name: spec.name,
      image: spec.image,
      command: spec.command || undefined,
      args: spec.args || undefined,
      workingDir: spec.workingDir || undefined,
      env: cfg.env,
      memoryLimitBytes: limits.memory ? parseBytes(limits.memory) : undefined,
      cpuLimitMillis: limits.cpu ? parseCpuMillis(limits.cpu) : undefined,
      cpuRequestMillis: requests.cpu ? parseCpuMillis(requests.cpu) : undefined,
      mounts: cfg.mounts,
      sandboxId: w.sandboxId || undefined,
      labels: {
        'io.kubernetes.container.name': spec.name,
        'io.kubernetes.pod.name': w.name,
        'io.kubernetes.pod.namespace': w.namespace,
        'io.kubernetes.pod.uid': w.uid,
      },
      hostname: pod.spec.hostname ?? w.name,
      ip: undefined,
      user: undefined,
    };
    const cid = c.runtime.createContainer(w.node, cspec);
    kubeletState(c).byCid[cid] = w.uid;
    if (cw.state === 'waiting' && cw.cid && cw.last?.cid !== cw.cid) {
      // A container that never ran (start error) is replaced.
      delete kubeletState(c).byCid[cw.cid];
      c.runtime.removeContainer(cw.cid);
    }
    if (cw.last || cw.restartCount > 0 || cw.cid) {
      if (cw.cid) cw.restartCount++;
      this.backoffNext(cw);
    }
    cw.cid = cid;
    cw.killedBy = undefined;
    cw.stopping = false;
    cw.imageID =
      cw.imageID ??
      flat(
        `${normalizeImage(spec.image).replace(/:[^:/@]+$/, '')}@sha256:${c.runtime.record(cid)?.imageId.replace(/^sha256:/, '') ?? ''}`,
      );
    c.api.recordEvent(pod, 'Normal', 'Created', createdMessage(spec.name), 'kubelet', w.node);
    const r = c.runtime.startContainer(cid);
    if (!r.ok) {
      c.api.recordEvent(pod, 'Warning', 'Failed', `Error: ${r.message}`, 'kubelet', w.node);
      cw.state = 'terminated';
      cw.exitCode = r.exitCode;
      cw.termReason = 'StartError';
      cw.termMessage = r.message;
      cw.startedAt = undefined;
      cw.finishedAt = c.now;
      syncAfter(this.c, w, RELIST_MS);
      return;
    }
    // The container may have exited during start (e.g. `exec format error`); the exit listener handled it.
    const info = c.runtime.record(cid);
    if (cw.cid !== cid || cw.state === 'terminated') return;
    c.api.recordEvent(pod, 'Normal', 'Started', startedMessage(spec.name), 'kubelet', w.node);
    cw.state = 'running';
    cw.startedAt = info?.startedAt ?? c.now;
    cw.waitingReason = undefined;
    cw.waitingMessage = undefined;
    cw.probes = {};
    if (spec.startupProbe) {
      cw.started = false;
      this.scheduleProbe(w, cw, 'startup', spec.startupProbe, true);
    } else {
      cw.started = true;
      this.startLiveReady(w, cw, spec);
    }
    if (info?.state === 'exited')
      this.exited({ cid, host: w.node, exitCode: info.exitCode ?? 0, reason: info.reason ?? 'Completed' });
  }

  /** The crash-loop back-off after a restart: 10 s, doubling to 5 min; forgotten after 10 min without restarts. */
  private backoffNext(cw: ContainerWorker): void {
    const now = this.c.now;
    if (!cw.backoffMs || now - (cw.backoffUpdated ?? 0) > 2 * BACKOFF_MAX_MS)
      cw.backoffMs = BACKOFF_INITIAL_MS;
    else cw.backoffMs = Math.min(cw.backoffMs * 2, BACKOFF_MAX_MS);
    cw.backoffUpdated = now;
  }

  protected exited(e: ExitEvent): void {
    const c = this.c;
    const s = kubeletState(c);
    const uid = s.byCid[e.cid];
    const w = uid ? s.pods[uid] : undefined;
    if (!w || !isNodeUp(c, w.node)) return;
    const cw = Object.values(w.containers).find((x) => x.cid === e.cid);
    if (!cw || cw.state === 'terminated') return;
    const wasRunning = cw.state === 'running';
    cw.state = 'terminated';
    cw.exitCode = e.exitCode;
    cw.termReason = e.reason === 'OOMKilled' ? 'OOMKilled' : e.exitCode === 0 ? 'Completed' : 'Error';
    cw.termMessage = undefined;
    cw.finishedAt = c.now;
    if (!wasRunning) cw.startedAt = cw.startedAt ?? c.now;
    cw.ready = false;
    cw.started = false;
    cw.stopping = false;
    this.cancelProbes(e.cid);
    c.log.emit(c.now, {
      kind: 'runtime',
      source: `runtime/${w.node}`,
      target: `kubelet/${w.node}`,
      verb: 'exited',
      object: { kind: 'Pod', namespace: w.namespace, name: w.name },
      summary: `container ${cw.name} exited with code ${e.exitCode}${e.reason === 'OOMKilled' ? ' (OOMKilled)' : ''}`,
    });
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (pod && pod.metadata.uid === w.uid) this.writeStatus(w, pod);
    if (w.stage === 'terminating') c.enqueue('kubelet', w.uid);
    else syncAfter(this.c, w, RELIST_MS);
  }

  protected terminate(w: PodWorker, pod: Pod): void {
    const c = this.c;
    if (w.stage !== 'terminating') {
      w.stage = 'terminating';
      const grace = Math.max(
        0,
        (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000,
      );
      for (const name of [...w.appOrder, ...w.initOrder]) {
        const cw = w.containers[name]!;
        if (cw.cid) this.cancelProbes(cw.cid);
        if (cw.state === 'running' && cw.cid) {
          c.api.recordEvent(pod, 'Normal', 'Killing', stoppingMessage(cw.name), 'kubelet', w.node);
          cw.stopping = true;
          cw.ready = false;
          c.runtime.stopContainer(cw.cid, grace);
        }
      }
      this.writeStatus(w, pod);
    }
    if (Object.values(w.containers).some((cw) => cw.state === 'running')) return;
    this.teardown(w);
    delete kubeletState(c).pods[w.uid];
    c.api.delete('Pod', w.namespace, w.name, { gracePeriodSeconds: 0, actor: `kubelet/${w.node}` });
  }
}

// The messages every pod's events repeat, one string each (recordEvent keeps a message as it is given: one copy
// serves every pod's events).
const createdMessage = memoize((name: string) => flat(`Created container ${name}`));
const startedMessage = memoize((name: string) => flat(`Started container ${name}`));
const stoppingMessage = memoize((name: string) => flat(`Stopping container ${name}`));
