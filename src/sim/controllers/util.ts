/**
 * The controller manager's identity and the pod indexes and pod watches the workload controllers share.
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { controllerRef } from '../api/ownerReferences';
import { isPodReady } from '../api/podReady';

/** The actor name of every controller's writes. */
export const CONTROLLER_MANAGER = 'kube-controller-manager' as const;

/** Pods indexed by controller uid, and by node (installed once per cluster). */
export function ensurePodIndexes(c: Cluster): void {
  if (c.store.hasIndex('Pod', 'controller')) return;
  c.store.addIndex('Pod', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
  c.store.addIndex('Pod', 'node', (o) => ((o as Pod).spec?.nodeName ? [(o as Pod).spec.nodeName!] : []));
  c.store.addIndex('Pod', 'namespace', (o) => [o.metadata.namespace ?? '']);
  c.store.addIndex('Pod', 'orphans', (o) => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']));
  c.store.addIndex('ReplicaSet', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
}

type OwnedPodQueues = Map<
  string,
  { queue: string; alsoChanged: ((old: Pod, pod: Pod) => boolean) | undefined }
>;
/** Per cluster: owner kind → the queue of its controller (see {@link watchOwnedPods}). */
const ownedPodQueues = new WeakMap<Cluster, OwnedPodQueues>();

/**
 * Enqueues `queue` for the owner (of `kind`) of a pod that appears, goes away, or changes in a way its workload
 * controller reacts to: phase, readiness, deletion, and whatever `alsoChanged` adds (the node, restarts…). One
 * watch per cluster serves every kind (a pod's controller reference is looked up once per change).
 */
export function watchOwnedPods(
  c: Cluster,
  kind: string,
  queue: string,
  alsoChanged?: (old: Pod, pod: Pod) => boolean,
): void {
  let byKind = ownedPodQueues.get(c);
  if (!byKind) {
    const kinds: OwnedPodQueues = new Map();
    ownedPodQueues.set(c, (byKind = kinds));
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
  byKind.set(kind, { queue, alsoChanged });
}
