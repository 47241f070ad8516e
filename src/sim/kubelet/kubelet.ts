/**
 * The kubelet of every node: one pod worker per bound pod. It creates the pod sandbox, pulls images through the
 * node's runtime, starts init containers in order then app containers, runs probes, restarts crashed containers
 * with back-off, stops containers gracefully on deletion, and reports pod status to the API server.
 *
 * The kubelet is one object built in layers, one file each, each extending the one below: the status manager
 * (status.ts) → the prober (prober.ts) → the image puller (imagePuller.ts) → the container lifecycle
 * (containerLifecycle.ts) → the pod worker (podWorker.ts) → this file: watches, node lifecycle, the module.
 * A container's environment and mounts come from containerConfig.ts; worker data and helpers from workers.ts.
 */
import { kubeletOf, type SummaryFormat } from '../engine/eventLog';
import type { SimModule } from '../cluster';
import type { Pod } from '../api/types';
import { nodesState, type NodeHooks } from '../nodes/nodeModule';
import type { KubeletState, PodWorker } from './types';
import type { KubeletHooks } from './hooks';
import { KubeletPodWorkers } from './podWorker';
import { isMirror, isTerminalPhase, kubeletState, newWorker } from './workers';

export class Kubelets extends KubeletPodWorkers {
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
      const s = kubeletState(c);
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
  }

  /** What the node agent does when its node boots or loses power (given to the nodes module by createSim). */
  readonly nodeHooks: NodeHooks = {
    booted: (_c, node) => this.nodeBooted(node),
    poweredOff: (_c, node) => this.nodePoweredOff(node),
  };

  /** The worker for a pod, if its kubelet has one. */
  worker(uid: string): PodWorker | undefined {
    return kubeletState(this.c).pods[uid];
  }

  // ------------------------------------------------------------------ node lifecycle

  private nodeBooted(node: string): void {
    const c = this.c;
    const s = kubeletState(c);
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
    const s = kubeletState(this.c);
    for (const w of Object.values(s.pods)) if (w.node === node) this.teardown(w, false);
    for (const uid of Object.keys(s.pods)) if (s.pods[uid]!.node === node) delete s.pods[uid];
    delete s.pulls[node];
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
    const w = kubeletState(c).pods[pod.metadata.uid!];
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

/** The kubelets of one cluster as a module; {@link KubeletModule.kubelets} once installed. */
export interface KubeletModule extends SimModule {
  /** The node agents (for `sim crash`). */
  readonly kubelets: Kubelets;
  /** What the node agents do on a node's boot and power loss (for the nodes module). */
  readonly nodeHooks: NodeHooks;
}

/** The kubelets of one cluster, with what they need from the other parts (createSim makes one per cluster). */
export function kubeletModule(hooks: KubeletHooks = {}): KubeletModule {
  let kubelets: Kubelets | undefined;
  const module: KubeletModule = {
    name: 'kubelet',
    get kubelets() {
      if (!kubelets) throw new Error('kubelet module not installed');
      return kubelets;
    },
    nodeHooks: {
      booted: (c, node) => module.kubelets.nodeHooks.booted(c, node),
      poweredOff: (c, node) => module.kubelets.nodeHooks.poweredOff(c, node),
    },
    initState: (): KubeletState => ({ pods: {}, byCid: {}, pulls: {} }),
    install(c) {
      kubelets = new Kubelets(c, hooks);
      kubelets.install();
    },
  };
  return module;
}

const kubeletSeesNew: SummaryFormat = (h, node) => `kubelet on ${node} sees new pod ${h.object!.name}`;
const kubeletSeesDeleting: SummaryFormat = (h, node) =>
  `kubelet on ${node} sees pod ${h.object!.name} being deleted`;
