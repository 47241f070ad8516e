/**
 * Namespace controller: a namespace being deleted (phase Terminating) has all its content deleted; once empty,
 * its `kubernetes` finalizer is removed and it goes.
 */
import type { Cluster, SimModule } from '../cluster';
import { CONTROLLER_MANAGER } from './util';

const NAME = 'namespace-controller';

function reconcile(c: Cluster, name: string): void {
  const ns = c.api.get('Namespace', undefined, name);
  if (!ns || !ns.metadata.deletionTimestamp) return;
  let remaining = 0;
  for (const def of c.api.kinds.all()) {
    if (!def.namespaced) continue;
    for (const o of c.api.list(def.kind, name)) {
      remaining++;
      if (!o.metadata.deletionTimestamp)
        c.api.delete(def.kind, name, o.metadata.name, { actor: CONTROLLER_MANAGER });
    }
  }
  const left = c.api.kinds.all().some((d) => d.namespaced && c.api.list(d.kind, name).length > 0);
  const conditions = [
    {
      type: 'NamespaceDeletionDiscoveryFailure',
      status: 'False',
      reason: 'ResourcesDiscovered',
      message: 'All resources successfully discovered',
    },
    {
      type: 'NamespaceDeletionContentFailure',
      status: 'False',
      reason: 'ContentDeleted',
      message: 'All content successfully deleted, may be waiting on finalization',
    },
    {
      type: 'NamespaceContentRemaining',
      status: left ? 'True' : 'False',
      reason: left ? 'SomeResourcesRemain' : 'ContentRemoved',
      message: left
        ? `Some resources are remaining: ${remaining} objects`
        : 'All content successfully removed',
    },
  ];
  if (left) {
    c.api.mutate(
      'Namespace',
      undefined,
      name,
      (n) => {
        n.status = { ...(n.status ?? {}), phase: 'Terminating', conditions };
      },
      { actor: CONTROLLER_MANAGER, status: true },
    );
    return;
  }
  c.api.mutate(
    'Namespace',
    undefined,
    name,
    (n) => {
      n.spec = { ...(n.spec ?? {}), finalizers: [] };
    },
    { actor: CONTROLLER_MANAGER },
  );
}

export const namespaceController: SimModule = {
  name: NAME,
  install(c) {
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('Namespace', (type, o) => {
      if (type !== 'DELETED' && o.metadata.deletionTimestamp) c.enqueue(NAME, o.metadata.name);
    });
    c.store.watch('*', (type, o) => {
      if (type !== 'DELETED' || !o.metadata.namespace) return;
      const ns = c.api.get('Namespace', undefined, o.metadata.namespace);
      if (ns?.metadata.deletionTimestamp) c.enqueue(NAME, o.metadata.namespace);
    });
  },
};
