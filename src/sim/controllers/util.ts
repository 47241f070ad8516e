/**
 * The controller manager's identity and the pod indexes the workload controllers share (their shared pod watch
 * is ownedPodWatch.ts).
 */
import type { Cluster } from '../cluster';
import type { Pod } from '../api/types';
import { controllerRef } from '../api/ownerReferences';

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
