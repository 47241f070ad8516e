/**
 * ControllerRevisions of DaemonSets and StatefulSets: one per distinct pod template, numbered like Deployment
 * revisions (returning to an old template moves its revision to the top), pruned to revisionHistoryLimit.
 * `kubectl rollout history|undo` read them.
 */
import type { Cluster } from '../cluster';
import type { KObject, PodTemplateSpec } from '../api/types';
import { CONTROLLER_MANAGER } from './util';
import { canonical } from './podTemplateHash';
import { controllerRef, ownerRefTo } from '../api/ownerReferences';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface ControllerRevision extends KObject {
  data?: { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  revision?: number;
}

export function ensureRevisionIndex(c: Cluster): void {
  if (c.store.hasIndex('ControllerRevision', 'controller')) return;
  c.store.addIndex('ControllerRevision', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
}

/** The pod template a revision holds. */
export function revisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const t = structuredClone(cr.data?.spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  delete t.$patch;
  return t;
}

/** Revisions of an owner, oldest first. */
export function revisionsOf(c: Cluster, owner: KObject): ControllerRevision[] {
  return c.api
    .byIndex<ControllerRevision>('ControllerRevision', 'controller', owner.metadata.uid!)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** Makes sure the owner's current template is its newest revision; prunes old ones not in use. */
export function syncRevisions(
  c: Cluster,
  owner: KObject,
  name: string,
  labels: Record<string, string>,
  inUse: Set<string>,
): void {
  const revs = revisionsOf(c, owner);
  const want = canonical(owner.spec.template);
  const max = revs.reduce((n, r) => Math.max(n, r.revision ?? 0), 0);
  const same = revs.find((r) => canonical(revisionTemplate(r)) === want);
  if (same) {
    if ((same.revision ?? 0) !== max)
      c.api.mutate(
        'ControllerRevision',
        owner.metadata.namespace,
        same.metadata.name,
        (x: ControllerRevision) => void (x.revision = max + 1),
        { actor: CONTROLLER_MANAGER },
      );
  } else {
    const cause = owner.metadata.annotations?.[CHANGE_CAUSE];
    c.api.create(
      {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: owner.metadata.namespace,
          labels,
          ...(cause ? { annotations: { [CHANGE_CAUSE]: cause } } : {}),
          ownerReferences: [ownerRefTo(owner)],
        },
        data: { spec: { template: { $patch: 'replace', ...structuredClone(owner.spec.template) } } },
        revision: max + 1,
      },
      { actor: CONTROLLER_MANAGER },
    );
  }
  const limit: number = owner.spec.revisionHistoryLimit ?? 10;
  const old = revisionsOf(c, owner).filter(
    (r) => canonical(revisionTemplate(r)) !== want && !inUse.has(r.metadata.name),
  );
  for (const r of old.slice(0, Math.max(0, old.length - limit)))
    c.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name, { actor: CONTROLLER_MANAGER });
}
