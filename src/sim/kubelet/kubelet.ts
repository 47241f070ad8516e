/**
 * The kubelet of every node: one pod worker per bound pod. It creates the pod sandbox, pulls images through the
 * node's runtime, starts init containers in order then app containers, runs probes, restarts crashed containers
 * with back-off, stops containers gracefully on deletion, and reports pod status to the API server.
 */
import { deepFreeze, flat, withFields } from '../util/shapes';
import { memoize } from '../util/memo';
import { kubeletOf, nodeComponent, type SummaryFormat } from '../engine/eventLog';
import { nextCondition } from '../api/conditions';
import type { Cluster, SimModule } from '../cluster';
import type { Container, ContainerStatus, KObject, Pod, PodCondition, PodStatus, Probe } from '../api/types';
import type { ContainerSpec, ExitEvent, MountSpec, VolumeSource } from '../runtime/types';
import { parseBytes, parseCpuMillis } from '../api/quantity';
import { allocatePodIp, isNodeUp, nodesState, onNodeLifecycle, releasePodIp } from '../nodes/nodeModule';
import { decodeBase64 } from '../util/base64';
import type { ContainerWorker, KubeletState, PodWorker } from './types';
import { podMetadataField, projectedFiles } from '../controllers/projectedVolume';

export const SANDBOX_MS = 500;
/** PLEG relist: how soon the kubelet notices a container exit and acts on it. */
export const RELIST_MS = 1000;
export const BACKOFF_INITIAL_MS = 10_000;
/** Time to fetch a manifest from the registry. */
export const MANIFEST_MS = 400;

/** Go's duration text at millisecond precision: `545ms`, `5.017s`, `1m2.5s`. */
export function goDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${((ms - m * 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
export const BACKOFF_MAX_MS = 300_000;

/** Go's time.Duration String(): 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}

/** Hooks for the networking/storage parts: Service env vars, PVC volumes, ConfigMap/Secret data. */
export interface KubeletHooks {
  /** Environment variables of the Services visible to a pod in `namespace`. */
  serviceEnv?(c: Cluster, namespace: string): Record<string, string>;
  /** The runtime volume id for a PVC, or an error message. */
  pvcVolume?(c: Cluster, namespace: string, claim: string): { id: string } | { error: string };
  /** A ConfigMap/Secret volume that later updates reach (its files as of now); undefined: a fixed copy. */
  configVolume?(c: Cluster, ref: ConfigVolumeRef, files: Record<string, string>): VolumeSource | undefined;
}

/** Where a ConfigMap/Secret volume's files come from. */
export interface ConfigVolumeRef {
  podUid: string;
  volume: string;
  namespace: string;
  kind: 'ConfigMap' | 'Secret';
  name: string;
  items?: { key: string; path: string }[];
}
const hookMap = new WeakMap<Cluster, KubeletHooks>();
export function setKubeletHooks(c: Cluster, h: KubeletHooks): void {
  hookMap.set(c, { ...(hookMap.get(c) ?? {}), ...h });
}

function st(c: Cluster): KubeletState {
  return c.ext<KubeletState>('kubelet');
}

const isMirror = (p: Pod) => !!p.metadata.annotations?.['kubernetes.io/config.mirror'];

function newWorker(pod: Pod): PodWorker {
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
  };
}

/** Normalized image name as containerd reports it: `docker.io/library/nginx:1.27`. */
export const normalizeImage = memoize(normalizeImageText);

function normalizeImageText(image: string): string {
  let ref = image;
  const first = ref.split('/')[0]!;
  const hasRegistry =
    ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = `docker.io/${ref.includes('/') ? '' : 'library/'}${ref}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

export class Kubelets {
  private hooks(): KubeletHooks {
    return hookMap.get(this.c) ?? {};
  }

  constructor(private c: Cluster) {}

  install(): void {
    const c = this.c;
    c.registerReconciler('kubelet', (uid) => this.sync(uid));
    c.registerReconciler('kubelet-status', (uid) => this.flushStatus(uid));
    c.clock.on<{ uid: string }>('kubelet.sync', (p) => c.enqueue('kubelet', p.uid));
    c.clock.on<{
      uid: string;
      container: string;
      ok: boolean;
      message: string;
      ms: number;
      size: number;
      ref: string;
      joined?: boolean;
    }>('kubelet.pulled', (p) => this.pulled(p));
    c.clock.on<{ uid: string; container: string; cid: string; kind: 'liveness' | 'readiness' | 'startup' }>(
      'kubelet.probe',
      (p) => this.probe(p),
    );
    c.api.watch('Pod', (type, obj, old) => {
      const pod = obj as Pod;
      const node = pod.spec?.nodeName;
      if (!node || isMirror(pod)) return;
      const s = st(c);
      if (type === 'DELETED') {
        if (s.pods[pod.metadata.uid!]) c.enqueue('kubelet', pod.metadata.uid!);
        return;
      }
      if (!nodesState(c).nodes[node]) return;
      const fresh = !s.pods[pod.metadata.uid!];
      const deleting =
        !!pod.metadata.deletionTimestamp && !(old as Pod | undefined)?.metadata.deletionTimestamp;
      if (fresh && !pod.metadata.deletionTimestamp && isTerminalPhase(pod)) return;
      if (fresh) s.pods[pod.metadata.uid!] = newWorker(pod);
      if (fresh || deleting) {
        c.log.hop(
          c.now,
          'watch',
          'kube-apiserver',
          kubeletOf(node),
          fresh ? 'ADDED' : 'MODIFIED',
          { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name },
          fresh ? kubeletSeesNew : kubeletSeesDeleting,
          node,
        );
        c.enqueue('kubelet', pod.metadata.uid!);
      }
    });
    c.runtime.onExit((e) => this.exited(e));
    onNodeLifecycle(c, {
      booted: (cl, node) => this.nodeBooted(node),
      poweredOff: (cl, node) => this.nodePoweredOff(node),
    });
  }

  /** The worker for a pod, if its kubelet has one. */
  worker(uid: string): PodWorker | undefined {
    return st(this.c).pods[uid];
  }

  // ------------------------------------------------------------------ node lifecycle

  private nodeBooted(node: string): void {
    const c = this.c;
    const s = st(c);
    // After a power loss the runtime's containers are gone: every pod on the node starts over.
    for (const pod of c.api.list<Pod>('Pod')) {
      if (pod.spec.nodeName !== node || isMirror(pod)) continue;
      const old = s.pods[pod.metadata.uid!];
      if (old) this.teardown(old, false);
      if (isTerminalPhase(pod) && !pod.metadata.deletionTimestamp) continue;
      const w = newWorker(pod);
      // Restart counts survive (the kubelet reads them back from the API).
      for (const cs of [
        ...(pod.status.containerStatuses ?? []),
        ...(pod.status.initContainerStatuses ?? []),
      ]) {
        const cw = w.containers[cs.name];
        if (cw) {
          cw.restartCount = cs.restartCount + (cs.state.running ? 1 : 0);
          if (cs.state.running)
            cw.last = {
              exitCode: 255,
              reason: 'Unknown',
              startedAt: c.fromIso(cs.state.running.startedAt),
              finishedAt: c.now,
            };
          else if (cs.lastState.terminated) {
            const t = cs.lastState.terminated;
            cw.last = {
              exitCode: t.exitCode,
              reason: t.reason ?? 'Error',
              startedAt: c.fromIso(t.startedAt),
              finishedAt: c.fromIso(t.finishedAt),
            };
          }
        }
      }
      s.pods[w.uid] = w;
      c.enqueue('kubelet', w.uid);
    }
  }

  private nodePoweredOff(node: string): void {
    const s = st(this.c);
    for (const w of Object.values(s.pods)) if (w.node === node) this.teardown(w, false);
    for (const uid of Object.keys(s.pods)) if (s.pods[uid]!.node === node) delete s.pods[uid];
    delete s.pulls[node];
  }

  /** Removes a worker's containers and sandbox from the runtime (power loss or pod gone). */
  private teardown(w: PodWorker, releaseIp = true): void {
    const c = this.c;
    const s = st(c);
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

  // ------------------------------------------------------------------ sync

  private syncAfter(w: PodWorker, ms: number): void {
    const key = `kubelet.sync:${w.uid}`;
    const at = this.c.now + ms;
    const pending = this.c.clock.pending(key);
    if (pending && pending.at <= at) return;
    this.c.clock.at(at, 'kubelet.sync', { uid: w.uid }, key);
  }

  sync(uid: string): void {
    const c = this.c;
    const s = st(c);
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
      w.startTime = c.now;
      w.ip = allocatePodIp(c, w.node, uid);
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
      this.syncAfter(w, SANDBOX_MS);
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
  private syncedStatus(w: PodWorker, pod: Pod): void {
    for (const name in w.containers) if (w.containers[name]!.pulling) return;
    this.writeStatus(w, pod);
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
  private step(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): void {
    const c = this.c;
    if (cw.state === 'terminated') {
      if (!this.shouldRestart(pod, cw)) return;
      const since = c.now - (cw.finishedAt ?? c.now);
      if (cw.backoffMs > 0 && since < cw.backoffMs) {
        const first = cw.waitingReason !== 'CrashLoopBackOff' || cw.state === 'terminated';
        this.toWaitingAfterExit(
          cw,
          'CrashLoopBackOff',
          `back-off ${goDuration(cw.backoffMs)} restarting failed container=${cw.name} pod=${w.name}_${w.namespace}(${w.uid})`,
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
        this.syncAfter(w, cw.backoffMs - since);
        return;
      }
      this.toWaitingAfterExit(cw, 'ContainerCreating');
    } else if (cw.waitingReason === 'CrashLoopBackOff') {
      const since = c.now - (cw.last?.finishedAt ?? c.now);
      if (since < cw.backoffMs) {
        this.syncAfter(w, cw.backoffMs - since);
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
        delete st(this.c).byCid[old];
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

  private ensureImage(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): boolean {
    const c = this.c;
    const image = spec.image;
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = c.runtime.hasImage(w.node, image);
    if (cw.pulledJustNow) {
      cw.pulledJustNow = false;
      return true;
    }
    if (policy === 'Never' && !present) {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      if (cw.waitingReason !== 'ErrImageNeverPull') {
        c.api.recordEvent(pod, 'Warning', 'ErrImageNeverPull', msg, 'kubelet', w.node);
        c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', 'kubelet', w.node);
      }
      cw.waitingReason = 'ErrImageNeverPull';
      cw.waitingMessage = msg;
      return false;
    }
    if (present && policy !== 'Always') {
      c.api.recordEvent(pod, 'Normal', 'Pulled', presentMessage(image), 'kubelet', w.node);
      return true;
    }
    if (cw.pullBackoffUntil !== undefined && c.now < cw.pullBackoffUntil) {
      if (cw.waitingReason !== 'ImagePullBackOff') {
        c.api.recordEvent(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet', w.node);
        c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', w.node);
      }
      cw.waitingReason = 'ImagePullBackOff';
      cw.waitingMessage = `Back-off pulling image "${image}"`;
      this.syncAfter(w, cw.pullBackoffUntil - c.now);
      return false;
    }
    const plan = c.runtime.planPull(w.node, image);
    c.api.recordEvent(pod, 'Normal', 'Pulling', pullingMessage(image), 'kubelet', w.node);
    c.log.hop(
      c.now,
      'pull',
      nodeComponent('runtime', w.node),
      'registry',
      'pull',
      { kind: 'Pod', namespace: w.namespace, name: w.name },
      pullSummary,
      image,
      plan.ok ? String(Math.round(plan.missingBytes / 1e6)) : '',
    );
    cw.pulling = true;
    // Concurrent pulls of one image on a node are one download (containerd de-duplicates them).
    const pulls = (st(c).pulls[w.node] ??= {});
    // Even a pull of layers already present asks the registry for the manifest first.
    let ms = plan.ok ? Math.max(plan.durationMs, MANIFEST_MS) : MANIFEST_MS + c.rng.int(400);
    const inflight = pulls[image];
    const joined = plan.ok && inflight !== undefined && inflight > c.now;
    if (joined) ms = inflight - c.now;
    else if (plan.ok) pulls[image] = c.now + ms;
    c.clock.after(ms, 'kubelet.pulled', {
      uid: w.uid,
      container: cw.name,
      ok: plan.ok,
      message: plan.ok ? '' : plan.message,
      ms,
      size: plan.ok ? plan.sizeBytes : 0,
      ref: image,
      ...(joined ? { joined: true } : {}),
    });
    return false;
  }

  private pulled(p: {
    uid: string;
    container: string;
    ok: boolean;
    message: string;
    ms: number;
    size: number;
    ref: string;
    /** This pod waited on another pod's download of the image (one pull per node and image). */
    joined?: boolean;
  }): void {
    const c = this.c;
    const w = st(c).pods[p.uid];
    const cw = w?.containers[p.container];
    if (!w || !cw || !isNodeUp(c, w.node)) return;
    cw.pulling = false;
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.uid !== w.uid) return;
    if (p.ok) {
      // A pod that waited on another's download finds the image stored by it (unless that pod went away).
      if (!p.joined || !c.runtime.hasImage(w.node, p.ref)) c.runtime.commitPull(w.node, p.ref);
      const took = goDurationMs(p.ms);
      c.api.recordEvent(
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${p.ref}" in ${took} (${took} including waiting). Image size: ${p.size} bytes.`,
        'kubelet',
        w.node,
      );
      cw.pullBackoffMs = 0;
      cw.pullBackoffUntil = undefined;
      cw.pulledJustNow = true;
      const pulls = st(c).pulls[w.node];
      if (pulls && pulls[p.ref] !== undefined && pulls[p.ref]! <= c.now) delete pulls[p.ref];
    } else {
      c.api.recordEvent(
        pod,
        'Warning',
        'Failed',
        `Failed to pull image "${p.ref}": ${p.message}`,
        'kubelet',
        w.node,
      );
      c.api.recordEvent(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', w.node);
      cw.pullBackoffMs = cw.pullBackoffMs
        ? Math.min(cw.pullBackoffMs * 2, BACKOFF_MAX_MS)
        : BACKOFF_INITIAL_MS;
      cw.pullBackoffUntil = c.now + cw.pullBackoffMs;
      cw.waitingReason = /InvalidImageName|invalid reference format/.test(p.message)
        ? 'InvalidImageName'
        : 'ErrImagePull';
      cw.waitingMessage = p.message;
      this.writeStatus(w, pod);
      this.syncAfter(w, RELIST_MS);
      return;
    }
    c.enqueue('kubelet', w.uid);
  }

  /** Environment variables and mounts of a container; a string is a CreateContainerConfigError. */
  private containerConfig(
    w: PodWorker,
    pod: Pod,
    spec: Container,
  ): { env: Record<string, string>; mounts: MountSpec[] } | { error: string; mountError?: boolean } {
    const c = this.c;
    const ns = w.namespace;
    const env: Record<string, string> = {};
    const hostname = pod.spec.hostname ?? w.name;
    env.HOSTNAME = hostname;
    if (pod.spec.enableServiceLinks !== false) Object.assign(env, this.hooks().serviceEnv?.(c, ns) ?? {});
    for (let i = 0; i < KUBERNETES_ENV_ENTRIES.length; i++) {
      const [k, v] = KUBERNETES_ENV_ENTRIES[i]!;
      env[k] = v;
    }
    const data = (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined => {
      const o = c.api.get(kind, ns, name) as
        (KObject & { data?: Record<string, string>; stringData?: Record<string, string> }) | undefined;
      if (!o) return undefined;
      if (kind === 'Secret') {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.data ?? {})) out[k] = decodeBase64(v);
        return out;
      }
      return { ...(o.data ?? {}), ...((o as { binaryData?: Record<string, string> }).binaryData ?? {}) };
    };
    for (const ef of (spec.envFrom ?? []) as {
      prefix?: string;
      configMapRef?: { name: string; optional?: boolean };
      secretRef?: { name: string; optional?: boolean };
    }[]) {
      const ref = ef.configMapRef ?? ef.secretRef;
      if (!ref) continue;
      const kind = ef.configMapRef ? 'ConfigMap' : 'Secret';
      const d = data(kind, ref.name);
      if (!d) {
        if (ref.optional) continue;
        return { error: `${kind.toLowerCase()} "${ref.name}" not found` };
      }
      for (const [k, v] of Object.entries(d)) env[(ef.prefix ?? '') + k] = v;
    }
    for (const e of spec.env ?? []) {
      if (e.value !== undefined || !e.valueFrom) {
        env[e.name] = expandVars(e.value ?? '', env);
        continue;
      }
      const vf = e.valueFrom as {
        configMapKeyRef?: { name: string; key: string; optional?: boolean };
        secretKeyRef?: { name: string; key: string; optional?: boolean };
        fieldRef?: { fieldPath: string };
        resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
      };
      const keyRef = vf.configMapKeyRef ?? vf.secretKeyRef;
      if (keyRef) {
        const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
        const d = data(kind, keyRef.name);
        if (!d) {
          if (keyRef.optional) continue;
          return { error: `${kind.toLowerCase()} "${keyRef.name}" not found` };
        }
        if (!(keyRef.key in d)) {
          if (keyRef.optional) continue;
          return { error: `couldn't find key ${keyRef.key} in ${kind} ${ns}/${keyRef.name}` };
        }
        env[e.name] = d[keyRef.key]!;
      } else if (vf.fieldRef) {
        env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath, w);
      } else if (vf.resourceFieldRef) {
        const r = vf.resourceFieldRef.resource;
        const [part, res] = r.split('.') as ['limits' | 'requests', string];
        const q = spec.resources?.[part]?.[res];
        env[e.name] =
          res === 'cpu'
            ? String(Math.max(1, Math.ceil(parseCpuMillis(q ?? '0') / 1000)))
            : String(parseBytes(q ?? '0'));
      }
    }
    const mounts: MountSpec[] = [];
    // DNS: ClusterFirst pods ask CoreDNS (10.96.0.10) through the namespace search path (K8S_FACTS §7).
    if ((pod.spec.dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst' && !pod.spec.hostNetwork) {
      mounts.push(resolvMount(ns));
    }
    for (const vm of spec.volumeMounts ?? []) {
      const vol = ((pod.spec.volumes ?? []) as Record<string, unknown>[]).find((v) => v.name === vm.name) as
        Record<string, unknown> | undefined;
      if (!vol) continue;
      // built field by field, not by spreads: V8 gives objects made by `{ ...a, b }` unshared hidden classes
      const base: { mountPath: string; readOnly?: boolean; subPath?: string } = { mountPath: vm.mountPath };
      if (vm.readOnly) base.readOnly = true;
      if (vm.subPath) base.subPath = vm.subPath;
      const withVolume = (volume: VolumeSource, readOnly?: true): MountSpec =>
        Object.assign({}, base, readOnly ? { readOnly, volume } : { volume });
      if (vol.emptyDir) {
        const id = `pod-${w.uid}-${vm.name}`;
        c.runtime.volumeEnsure(id);
        mounts.push(withVolume({ kind: 'dir', id }));
      } else if (vol.hostPath) {
        const id = `host-${w.node}-${(vol.hostPath as { path: string }).path}`;
        c.runtime.volumeEnsure(id);
        mounts.push(withVolume({ kind: 'dir', id }));
      } else if (vol.configMap || vol.secret) {
        const isCm = !!vol.configMap;
        const src = (vol.configMap ?? vol.secret) as {
          name?: string;
          secretName?: string;
          items?: { key: string; path: string }[];
          optional?: boolean;
        };
        const name = (isCm ? src.name : src.secretName) ?? '';
        const d = data(isCm ? 'ConfigMap' : 'Secret', name);
        if (!d) {
          if (src.optional) {
            mounts.push(withVolume({ kind: 'files', files: {} }));
            continue;
          }
          return {
            error: `MountVolume.SetUp failed for volume "${vm.name}" : ${isCm ? 'configmap' : 'secret'} "${name}" not found`,
            mountError: true,
          };
        }
        const files: Record<string, string> = {};
        if (src.items) for (const it of src.items) files[it.path] = d[it.key] ?? '';
        else Object.assign(files, d);
        // A whole-volume mount follows later updates (configVolume hook); a subPath mount never does.
        const live = vm.subPath
          ? undefined
          : this.hooks().configVolume?.(
              c,
              {
                podUid: w.uid,
                volume: vm.name,
                namespace: ns,
                kind: isCm ? 'ConfigMap' : 'Secret',
                name,
                ...(src.items ? { items: src.items } : {}),
              },
              files,
            );
        mounts.push(live ? withVolume(live, true) : withVolume({ kind: 'files', files }));
      } else if (vol.persistentVolumeClaim) {
        const claim = (vol.persistentVolumeClaim as { claimName: string }).claimName;
        const r = this.hooks().pvcVolume?.(c, w.namespace, claim) ?? {
          error: `persistentvolumeclaim "${claim}" not found`,
        };
        if ('error' in r) return { error: r.error, mountError: true };
        c.runtime.volumeEnsure(r.id);
        mounts.push(withVolume({ kind: 'dir', id: r.id }));
      } else if (vol.projected || vol.downwardAPI) {
        const files = projectedFiles(c, pod, vol);
        if ('error' in files)
          return { error: files.error.replace('volume ""', `volume "${vm.name}"`), mountError: true };
        mounts.push(withVolume({ kind: 'files', files }, true));
      }
    }
    return { env, mounts };
  }

  private startContainer(w: PodWorker, pod: Pod, cw: ContainerWorker, spec: Container): void {
    const c = this.c;
    const cfg = this.containerConfig(w, pod, spec);
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
      this.syncAfter(w, 10_000);
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
    st(c).byCid[cid] = w.uid;
    if (cw.state === 'waiting' && cw.cid && cw.last?.cid !== cw.cid) {
      // A container that never ran (start error) is replaced.
      delete st(c).byCid[cw.cid];
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
      this.syncAfter(w, RELIST_MS);
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

  private startLiveReady(w: PodWorker, cw: ContainerWorker, spec: Container): void {
    if (spec.livenessProbe) this.scheduleProbe(w, cw, 'liveness', spec.livenessProbe, true);
    if (spec.readinessProbe) this.scheduleProbe(w, cw, 'readiness', spec.readinessProbe, true);
    else cw.ready = true;
  }

  private scheduleProbe(
    w: PodWorker,
    cw: ContainerWorker,
    kind: 'liveness' | 'readiness' | 'startup',
    p: Probe,
    first: boolean,
  ): void {
    const ms = first ? (p.initialDelaySeconds ?? 0) * 1000 : (p.periodSeconds ?? 10) * 1000;
    // The first probe of a period runs at a small offset, as the kubelet's probe workers start jittered.
    this.c.clock.after(
      first ? Math.max(ms, 1) : ms,
      'kubelet.probe',
      { uid: w.uid, container: cw.name, cid: cw.cid!, kind },
      `probe:${cw.cid}:${kind}`,
    );
  }

  /** Stops a container's probe timers. */
  private cancelProbes(cid: string): void {
    for (const kind of ['liveness', 'readiness', 'startup']) this.c.clock.cancel(`probe:${cid}:${kind}`);
  }

  private probe(p: {
    uid: string;
    container: string;
    cid: string;
    kind: 'liveness' | 'readiness' | 'startup';
  }): void {
    const c = this.c;
    const w = st(c).pods[p.uid];
    const cw = w?.containers[p.container];
    if (
      !w ||
      !cw ||
      cw.cid !== p.cid ||
      cw.state !== 'running' ||
      !isNodeUp(c, w.node) ||
      w.stage === 'terminating'
    )
      return;
    const pod = c.api.get<Pod>('Pod', w.namespace, w.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find(
      (x) => x.name === cw.name,
    )!;
    const probe = spec[`${p.kind}Probe`];
    if (!probe) return;
    const result = this.runProbe(w, cw, spec, probe);
    c.log.emit(c.now, {
      kind: 'probe',
      source: `kubelet/${w.node}`,
      target: `container/${cw.cid!.slice(0, 12)}`,
      verb: p.kind,
      object: { kind: 'Pod', namespace: w.namespace, name: w.name },
      summary: `${p.kind} probe ${cw.name}: ${result.ok ? 'success' : 'failure'}`,
    });
    const counters = (cw.probes[p.kind] ??= { fails: 0, successes: 0 });
    const label = p.kind[0]!.toUpperCase() + p.kind.slice(1);
    if (result.ok) {
      counters.successes++;
      counters.fails = 0;
    } else {
      counters.fails++;
      counters.successes = 0;
      c.api.recordEvent(
        pod,
        'Warning',
        'Unhealthy',
        `${label} probe failed: ${result.output}`,
        'kubelet',
        w.node,
      );
    }
    let changed = false;
    if (p.kind === 'readiness') {
      if (result.ok && !cw.ready && counters.successes >= (probe.successThreshold ?? 1)) {
        cw.ready = true;
        changed = true;
      } else if (!result.ok && cw.ready && counters.fails >= (probe.failureThreshold ?? 3)) {
        cw.ready = false;
        changed = true;
      }
    } else if (p.kind === 'startup') {
      if (result.ok) {
        cw.started = true;
        this.startLiveReady(w, cw, spec);
        this.writeStatus(w, pod);
        return;
      }
      if (counters.fails >= (probe.failureThreshold ?? 3)) {
        this.killForProbe(w, pod, cw, 'startup', probe);
        return;
      }
    } else if (!result.ok && counters.fails >= (probe.failureThreshold ?? 3)) {
      this.killForProbe(w, pod, cw, 'liveness', probe);
      return;
    }
    this.scheduleProbe(w, cw, p.kind, probe, false);
    if (changed) this.writeStatus(w, pod);
  }

  private killForProbe(
    w: PodWorker,
    pod: Pod,
    cw: ContainerWorker,
    kind: 'liveness' | 'startup',
    probe: Probe,
  ): void {
    const c = this.c;
    c.api.recordEvent(
      pod,
      'Normal',
      'Killing',
      `Container ${cw.name} failed ${kind} probe, will be restarted`,
      'kubelet',
      w.node,
    );
    cw.killedBy = kind;
    cw.stopping = true;
    const grace =
      (probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    c.runtime.stopContainer(cw.cid!, grace);
  }

  private runProbe(
    w: PodWorker,
    cw: ContainerWorker,
    spec: Container,
    p: Probe,
  ): { ok: boolean; output: string } {
    const c = this.c;
    const cid = cw.cid!;
    const resolvePort = (port: number | string): number => {
      if (typeof port === 'number') return port;
      const named = (spec.ports ?? []).find((x) => x.name === port);
      return named ? named.containerPort : Number(port);
    };
    if (p.exec) {
      const r = c.runtime.exec(cid, p.exec.command);
      return { ok: r.exitCode === 0, output: (r.stdout + r.stderr).trimEnd() };
    }
    if (p.httpGet) {
      const port = resolvePort(p.httpGet.port);
      const path = p.httpGet.path ?? '/';
      const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${w.ip}:${port}${path}`;
      const r = c.runtime.httpRequest(cid, port, path);
      if (!r)
        return { ok: false, output: `Get "${url}": dial tcp ${w.ip}:${port}: connect: connection refused` };
      if (r.status >= 200 && r.status < 400) return { ok: true, output: '' };
      return { ok: false, output: `HTTP probe failed with statuscode: ${r.status}` };
    }
    if (p.tcpSocket) {
      const port = resolvePort(p.tcpSocket.port);
      return c.runtime.listening(cid, port)
        ? { ok: true, output: '' }
        : { ok: false, output: `dial tcp ${w.ip}:${port}: connect: connection refused` };
    }
    if (p.grpc) {
      const ok = c.runtime.listening(cid, p.grpc.port);
      return {
        ok,
        output: ok
          ? ''
          : `timeout: failed to connect service ":${p.grpc.port}" within 1s: context deadline exceeded`,
      };
    }
    return { ok: true, output: '' };
  }

  // ------------------------------------------------------------------ exits and termination

  private exited(e: ExitEvent): void {
    const c = this.c;
    const s = st(c);
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
    else this.syncAfter(w, RELIST_MS);
  }

  private terminate(w: PodWorker, pod: Pod): void {
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
    delete st(c).pods[w.uid];
    c.api.delete('Pod', w.namespace, w.name, { gracePeriodSeconds: 0, actor: `kubelet/${w.node}` });
  }

  // ------------------------------------------------------------------ status

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
  private writeStatus(w: PodWorker, _pod: Pod): void {
    this.c.enqueue('kubelet-status', w.uid);
  }

  private flushStatus(uid: string): void {
    const w = st(this.c).pods[uid];
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

  /** Crashes a container: its main process exits with `code` (for `sim crash`). */
  crash(
    namespace: string,
    name: string,
    container: string | undefined,
    exit: (cid: string) => void,
  ): string | undefined {
    const c = this.c;
    const pod = c.api.get<Pod>('Pod', namespace, name);
    if (!pod) return `pods "${name}" not found`;
    const w = st(c).pods[pod.metadata.uid!];
    if (!w) return `pod ${name} has no running containers`;
    const cname = container ?? pod.spec.containers[0]!.name;
    const cw = w.containers[cname];
    if (!cw) return `container ${cname} is not valid for pod ${name}`;
    if (cw.state !== 'running' || !cw.cid) return `container ${cname} in pod ${name} is not running`;
    c.log.emit(c.now, {
      kind: 'fault',
      source: 'user',
      target: `container/${cw.cid.slice(0, 12)}`,
      verb: 'crash',
      object: { kind: 'Pod', namespace, name },
      summary: `crash container ${cname} of ${name}`,
    });
    exit(cw.cid);
    return undefined;
  }
}

/** The `kubernetes` Service's variables, in every container. */
const KUBERNETES_ENV: Readonly<Record<string, string>> = Object.freeze({
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
});

const KUBERNETES_ENV_ENTRIES = Object.entries(KUBERNETES_ENV);

/** `lastState: {}` of a container that has not terminated before (shared: stored objects are not changed). */
const NO_LAST_STATE: ContainerStatus['lastState'] = Object.freeze({});

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** The spec of a container (init or app) by name. */
function containerSpec(pod: Pod, name: string): Container {
  const inits = pod.spec.initContainers;
  if (inits) for (let i = 0; i < inits.length; i++) if (inits[i]!.name === name) return inits[i]!;
  const apps = pod.spec.containers;
  for (let i = 0; i < apps.length; i++) if (apps[i]!.name === name) return apps[i]!;
  throw new Error(`no container ${name} in pod ${pod.metadata.name}`);
}

function isTerminalPhase(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function expandVars(v: string, env: Record<string, string>): string {
  return v.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m,
  );
}

function fieldValue(pod: Pod, path: string, w: PodWorker): string {
  const meta = podMetadataField(pod, path);
  if (meta !== undefined) return meta;
  switch (path) {
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
      return w.ip ?? '';
    case 'status.hostIP':
      return pod.status.hostIP ?? '';
    default:
      return '';
  }
}

const instances = new WeakMap<Cluster, Kubelets>();
export function kubeletsOf(c: Cluster): Kubelets {
  const k = instances.get(c);
  if (!k) throw new Error('kubelet module not installed');
  return k;
}

export const kubeletModule: SimModule = {
  name: 'kubelet',
  initState: (): KubeletState => ({ pods: {}, byCid: {}, pulls: {} }),
  install(c) {
    const k = new Kubelets(c);
    instances.set(c, k);
    k.install();
  },
};

/**
 * The resolv.conf mount of a ClusterFirst pod in a namespace: one frozen object shared by every container there
 * (files mounts are never written: the union FS refuses writes into them).
 */
const resolvMount = memoize((ns: string): MountSpec =>
  deepFreeze({
    mountPath: '/etc/resolv.conf',
    volume: {
      kind: 'files' as const,
      files: {
        '': `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
      },
    },
  }),
);

const kubeletSeesNew: SummaryFormat = (h, node) => `kubelet on ${node} sees new pod ${h.object!.name}`;
const kubeletSeesDeleting: SummaryFormat = (h, node) =>
  `kubelet on ${node} sees pod ${h.object!.name} being deleted`;
const sandboxSummary: SummaryFormat = (_h, ip) => `create pod sandbox (pause container, IP ${ip})`;
const pullSummary: SummaryFormat = (_h, image, mb) => `pull ${image}${mb ? ` (${mb} MB to download)` : ''}`;

// The messages every pod's events repeat, one string each (recordEvent keeps a message as it is given: one copy
// serves every pod's events).
const createdMessage = memoize((name: string) => flat(`Created container ${name}`));
const startedMessage = memoize((name: string) => flat(`Started container ${name}`));
const pullingMessage = memoize((image: string) => flat(`Pulling image "${image}"`));
const presentMessage = memoize((image: string) =>
  flat(`Container image "${image}" already present on machine`),
);
const stoppingMessage = memoize((name: string) => flat(`Stopping container ${name}`));
