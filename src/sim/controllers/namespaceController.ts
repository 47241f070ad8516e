/**
 * Namespace controller: a namespace being deleted (phase Terminating) has all its content deleted; once empty,
 * its `kubernetes` finalizer is removed and it goes.
 */
import type { Cluster, SimModule } from '../cluster';
import { CONTROLLER_MANAGER } from './util';

const NAME = 'namespace-controller';

type NsCondition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
};

/** The deletion conditions in their fixed order, each with its success form (status_condition_utils.go). */
const SUCCESS: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  [
    'NamespaceDeletionGroupVersionParsingFailure',
    'ParsedGroupVersions',
    'All legacy kube types successfully parsed',
  ],
  [
    'NamespaceDeletionContentFailure',
    'ContentDeleted',
    'All content successfully deleted, may be waiting on finalization',
  ],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** `a has 1 resource instances, b has 2 resource instances`, sorted, as the real messages list counts. */
function counts(m: Map<string, number>, word: string): string {
  return [...m.keys()]
    .sort()
    .map((k) => `${k} ${word} ${m.get(k)} resource instances`)
    .join(', ');
}

/**
 * The namespace's conditions after a pass: content still there sets NamespaceContentRemaining (by resource),
 * finalizers on it NamespaceFinalizersRemaining (by finalizer); an unchanged condition keeps its transition time.
 */
function deletionConditions(
  c: Cluster,
  old: NsCondition[],
  resources: Map<string, number>,
  finalizers: Map<string, number>,
): NsCondition[] {
  const now = c.iso();
  return SUCCESS.map(([type, reason, message]) => {
    let want: NsCondition = { type, status: 'False', reason, message };
    if (type === 'NamespaceContentRemaining' && resources.size)
      want = {
        type,
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: `Some resources are remaining: ${counts(resources, 'has')}`,
      };
    if (type === 'NamespaceFinalizersRemaining' && finalizers.size)
      want = {
        type,
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${counts(finalizers, 'in')}`,
      };
    const prev = old.find((x) => x.type === type);
    if (prev && prev.status === want.status && prev.reason === want.reason && prev.message === want.message)
      return prev;
    return { type, status: want.status, lastTransitionTime: now, reason: want.reason, message: want.message };
  });
}

function reconcile(c: Cluster, name: string): void {
  const ns = c.api.get('Namespace', undefined, name);
  if (!ns || !ns.metadata.deletionTimestamp) return;
  for (const def of c.api.kinds.all()) {
    if (!def.namespaced) continue;
    for (const o of c.api.list(def.kind, name))
      if (!o.metadata.deletionTimestamp)
        c.api.delete(def.kind, name, o.metadata.name, { actor: CONTROLLER_MANAGER });
  }
  const resources = new Map<string, number>();
  const finalizers = new Map<string, number>();
  for (const def of c.api.kinds.all()) {
    if (!def.namespaced) continue;
    const left = c.api.list(def.kind, name);
    if (!left.length) continue;
    const resource = def.group ? `${def.plural}.${def.group}` : def.plural;
    resources.set(resource, left.length);
    for (const o of left)
      for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
  }
  if (resources.size) {
    const conditions = deletionConditions(
      c,
      (ns.status?.conditions ?? []) as NsCondition[],
      resources,
      finalizers,
    );
    if (
      JSON.stringify(conditions) === JSON.stringify(ns.status?.conditions) &&
      ns.status?.phase === 'Terminating'
    )
      return;
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
