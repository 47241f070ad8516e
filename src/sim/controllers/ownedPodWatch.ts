/**
 * The one pod watch the StatefulSet, DaemonSet and Job controllers share: it looks a changed pod's controller
 * reference up once and enqueues the owner's key on that kind's queue. The composition root makes one per cluster
 * and hands it to each of those controllers (kube-controller-manager's shared pod informer, in small).
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { controllerRef } from '../api/ownerReferences';
import { isPodReady } from '../api/podReady';

/** What a pod change means to one owner kind: its controller's queue, and what else it reacts to. */
interface OwnerQueue {
  queue: string;
  alsoChanged: ((old: Pod, pod: Pod) => boolean) | undefined;
}

/** One cluster's shared watch of owned pods (see {@link OwnedPodWatch.watch}). */
export class OwnedPodWatch {
  /** owner kind → the queue of its controller */
  private readonly kinds = new Map<string, OwnerQueue>();
  private cluster: Cluster | undefined;

  /**
   * Enqueues `queue` for the owner (of `kind`) of a pod that appears, goes away, or changes in a way its workload
   * controller reacts to: phase, readiness, deletion, and whatever `alsoChanged` adds (the node, restarts…). The
   * first call installs the watch on `c` (at the first such controller's install, as before: watch order is
   * behaviour); every later call must name the same cluster.
   */
  watch(c: Cluster, kind: string, queue: string, alsoChanged?: (old: Pod, pod: Pod) => boolean): void {
    if (!this.cluster) this.install(c);
    else if (this.cluster !== c) throw new Error('one OwnedPodWatch serves one cluster');
    this.kinds.set(kind, { queue, alsoChanged });
  }

  private install(c: Cluster): void {
    this.cluster = c;
    const kinds = this.kinds;
    c.api.watch('Pod', (type, o, old) => {
      const ref = controllerRef(o);
      const w = ref && kinds.get(ref.kind);
      if (!w) return;
      const p = o as Pod;
      const q = old as Pod | undefined;
      if (
        type === 'MODIFIED' &&
        q &&
        q.status?.phase === p.status?.phase &&
        isPodReady(q) === isPodReady(p) &&
        !!q.metadata.deletionTimestamp === !!p.metadata.deletionTimestamp &&
        !w.alsoChanged?.(q, p)
      )
        return;
      c.enqueue(w.queue, `${o.metadata.namespace}/${ref.name}`);
    });
  }
}
