/**
 * ReplicaSet controller: keeps `replicas` active pods matching the selector — creates from the template, deletes
 * by the real ranking, adopts matching orphans and releases pods that stop matching.
 */
import { cloneJson } from '../util/cloneJson';
import { jsonEqual } from '../util/jsonEqual';
import type { Cluster, SimModule } from '../cluster';
import type { OwnerReference, Pod, ReplicaSet } from '../api/types';
import { fromLabelSelector, matches, selectorMatches } from '../api/labels';
import { CONTROLLER_MANAGER, ensurePodIndexes } from './util';
import { controllerRef, ownerRefTo } from '../api/ownerReferences';
import { isPodActive, isPodAvailable } from '../api/podState';
import { isPodReady } from '../api/podReady';
import { nsKey, splitKey } from '../api/store';
import { writeStatusIfChanged } from './writeStatus';
import type { Condition } from '../api/conditions';

const NAME = 'replicaset-controller';

/** Sort key for scale-down victims: first = deleted first (ActivePodsWithRanks). */
export function rankPodsForDeletion(c: Cluster, pods: Pod[], related: Pod[]): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related)
    if (p.spec.nodeName && isPodActive(p))
      perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const phaseRank = (p: Pod) =>
    (({ Pending: 0, Unknown: 1, Running: 2 }) as Record<string, number>)[p.status?.phase ?? 'Pending'] ?? 0;
  const cost = (p: Pod) =>
    Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const readySince = (p: Pod) =>
    c.fromIso(p.status.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime);
  const restarts = (p: Pod) =>
    (p.status.containerStatuses ?? []).reduce((n, s) => Math.max(n, s.restartCount), 0);
  return [...pods].sort((a, b) => {
    const an = a.spec.nodeName ? 1 : 0;
    const bn = b.spec.nodeName ? 1 : 0;
    if (an !== bn) return an - bn;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ar = isPodReady(a) ? 1 : 0;
    const br = isPodReady(b) ? 1 : 0;
    if (ar !== br) return ar - br;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    const ad = perNode.get(a.spec.nodeName ?? '') ?? 0;
    const bd = perNode.get(b.spec.nodeName ?? '') ?? 0;
    if (ad !== bd) return bd - ad;
    if (ar && br && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const at = c.fromIso(a.metadata.creationTimestamp);
    const bt = c.fromIso(b.metadata.creationTimestamp);
    if (at !== bt) return bt - at;
    return a.metadata.uid! < b.metadata.uid! ? -1 : 1;
  });
}

/**
 * syncReplicaSet: the named steps of the real controller's sync handler — claim the pods, manage the replica
 * count, calculate the status, write it if it changed.
 */
function syncReplicaSet(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const rs = c.api.get<ReplicaSet>('ReplicaSet', ns, name);
  if (!rs) return;
  const sel = fromLabelSelector(rs.spec.selector);
  const selects = (p: Pod) => sel !== null && matches(sel, p.metadata.labels);
  const { claimed, owned } = claimPods(c, rs, selects);
  const active = claimed.filter(isPodActive);
  // A ReplicaSet being deleted keeps its pods for the garbage collector and only reports status.
  const before = active.length;
  const manageError = rs.metadata.deletionTimestamp ? undefined : manageReplicas(c, rs, key, active, owned);
  const status = calculateStatus(
    c,
    rs,
    key,
    selects,
    manageError === undefined ? undefined : { error: manageError, podsBefore: before },
  );
  updateReplicaSetStatus(c, rs, status);
}

/**
 * claimPods (PodControllerRefManager.ClaimPods): the pods this ReplicaSet controls and still selects; pods that
 * stopped matching are released, matching active orphans adopted. A ReplicaSet being deleted neither releases nor
 * adopts. `owned` is every pod whose controller is this ReplicaSet, as read before the claim.
 */
export function claimPods(
  c: Cluster,
  rs: ReplicaSet,
  selects: (p: Pod) => boolean,
): { claimed: Pod[]; owned: Pod[] } {
  const ns = rs.metadata.namespace!;
  const uid = rs.metadata.uid!;
  const owned = c.api.byIndex<Pod>('Pod', 'controller', uid);
  const claimed: Pod[] = [];
  const deleting = !!rs.metadata.deletionTimestamp;
  for (const p of owned) {
    if (selects(p)) claimed.push(p);
    else if (!deleting) releasePod(c, p, uid);
  }
  if (!deleting) {
    for (const p of c.api.byIndex<Pod>('Pod', 'orphans', ns)) {
      if (!isPodActive(p) || !selects(p)) continue;
      const adopted = adoptPod(c, p, rs);
      if (adopted) claimed.push(adopted);
    }
  }
  return { claimed, owned };
}

/** Drops the owner reference of `uid` from a pod that no longer matches the selector. */
function releasePod(c: Cluster, p: Pod, uid: string): void {
  c.api.mutate(
    'Pod',
    p.metadata.namespace,
    p.metadata.name,
    (x) => {
      x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (!x.metadata.ownerReferences.length) delete x.metadata.ownerReferences;
    },
    { actor: CONTROLLER_MANAGER },
  );
}

/** Adds a controller reference to `rs` on an orphan; the adopted pod, or undefined when the write failed. */
function adoptPod(c: Cluster, p: Pod, rs: ReplicaSet): Pod | undefined {
  const r = c.api.mutate<Pod>(
    'Pod',
    p.metadata.namespace,
    p.metadata.name,
    (x) => {
      x.metadata.ownerReferences = [...(x.metadata.ownerReferences ?? []), ownerRefTo(rs)];
    },
    { actor: CONTROLLER_MANAGER },
  );
  return r.ok ? r.obj : undefined;
}

/**
 * manageReplicas: creates pods from the template up to `replicas` (stopping at the first refused create, retried
 * after 10 s) or deletes the surplus in the order of {@link rankPodsForDeletion}. `active` grows with the pods made.
 * Returns the message of the API error that stopped it, if any (calculateStatus turns it into ReplicaFailure).
 */
export function manageReplicas(
  c: Cluster,
  rs: ReplicaSet,
  key: string,
  active: Pod[],
  owned: Pod[],
): string | undefined {
  const diff = active.length - (rs.spec.replicas ?? 1);
  if (diff < 0) {
    for (let i = 0; i < -diff; i++) {
      const r = createReplica(c, rs);
      if (r.ok) {
        active.push(r.obj);
        c.api.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${r.obj.metadata.name}`, NAME);
      } else {
        c.api.recordEvent(rs, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, NAME);
        c.enqueueAfter(NAME, key, 10_000);
        return r.error.message;
      }
    }
  } else if (diff > 0) {
    for (const victim of rankPodsForDeletion(c, active, owned).slice(0, diff)) {
      const r = c.api.delete('Pod', rs.metadata.namespace, victim.metadata.name, {
        actor: CONTROLLER_MANAGER,
      });
      if (r.ok)
        c.api.recordEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${victim.metadata.name}`, NAME);
    }
  }
  return undefined;
}

/** Creates one pod from the ReplicaSet's template (its metadata shared with its siblings, see podParts). */
function createReplica(c: Cluster, rs: ReplicaSet) {
  const shared = podParts(rs);
  return c.api.create<Pod>(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: shared.generateName,
        namespace: rs.metadata.namespace,
        labels: shared.labels,
        ...(shared.annotations ? { annotations: shared.annotations } : {}),
        ownerReferences: shared.ownerReferences,
      },
      spec: cloneJson(rs.spec.template.spec),
    },
    // The pod is a fresh copy: the API server may keep it as it is.
    { actor: CONTROLLER_MANAGER, owned: true },
  );
}

/**
 * calculateStatus: counts the active pods the ReplicaSet now controls and selects (read again after the writes):
 * all, fully labeled like the template, ready, available for minReadySeconds (a pod ready but not yet available
 * re-queues the key when it will be). A failed manageReplicas adds the ReplicaFailure condition (FailedCreate or
 * FailedDelete, the API error as message) unless one is there; a clean one removes it (replica_set_utils.go).
 */
export function calculateStatus(
  c: Cluster,
  rs: ReplicaSet,
  key: string,
  selects: (p: Pod) => boolean,
  failure?: { error: string; podsBefore: number },
): ReplicaSet['status'] {
  const now = c.api
    .byIndex<Pod>('Pod', 'controller', rs.metadata.uid!)
    .filter((p) => isPodActive(p) && selects(p));
  const templateSel = fromLabelSelector({ matchLabels: rs.spec.template.metadata?.labels ?? {} })!;
  const minReady = rs.spec.minReadySeconds ?? 0;
  const ready = now.filter(isPodReady).length;
  const available = now.filter((p) => isPodAvailable(c, p, minReady)).length;
  if (ready > available && minReady) c.enqueueAfter(NAME, key, minReady * 1000);
  const conditions = replicaFailure(c, rs, failure);
  return {
    replicas: now.length,
    fullyLabeledReplicas: now.filter((p) => matches(templateSel, p.metadata.labels)).length,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    observedGeneration: rs.metadata.generation,
    ...(conditions.length ? { conditions } : {}),
  };
}

/** The ReplicaSet's conditions after this sync (only ReplicaFailure is ever set). */
function replicaFailure(
  c: Cluster,
  rs: ReplicaSet,
  failure: { error: string; podsBefore: number } | undefined,
): Condition[] {
  const conds = (rs.status?.conditions ?? []) as Condition[];
  const has = conds.some((x) => x.type === 'ReplicaFailure');
  if (failure && !has) {
    const diff = failure.podsBefore - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    // NewReplicaSetCondition: no lastProbeTime or lastUpdateTime.
    return [
      ...conds,
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: c.iso(), reason, message: failure.error },
    ];
  }
  if (!failure && has) return conds.filter((x) => x.type !== 'ReplicaFailure');
  return conds;
}

/** updateReplicaSetStatus: writes the status when it changed. */
function updateReplicaSetStatus(c: Cluster, rs: ReplicaSet, status: ReplicaSet['status']): void {
  writeStatusIfChanged(c, rs, status);
}

/**
 * The metadata every pod of one ReplicaSet version gets, built once and frozen: stored objects are never changed
 * in place (writers copy first), so the pods can share it.
 */
const podPartsOf = new WeakMap<
  ReplicaSet,
  {
    generateName: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences: OwnerReference[];
  }
>();
function podParts(rs: ReplicaSet) {
  let p = podPartsOf.get(rs);
  if (!p) {
    const t = rs.spec.template;
    p = {
      generateName: `${rs.metadata.name}-`,
      labels: Object.freeze({ ...(t.metadata?.labels ?? {}) }) as Record<string, string>,
      ...(t.metadata?.annotations
        ? { annotations: Object.freeze({ ...t.metadata.annotations }) as Record<string, string> }
        : {}),
      ownerReferences: Object.freeze([Object.freeze(ownerRefTo(rs))]) as unknown as OwnerReference[],
    };
    podPartsOf.set(rs, p);
  }
  return p;
}

export const replicaSetController: SimModule = {
  name: NAME,
  install(c) {
    ensurePodIndexes(c);
    c.registerReconciler(NAME, (key) => syncReplicaSet(c, key));
    c.api.watch('ReplicaSet', (_t, o) => c.enqueue(NAME, nsKey(o)));
    c.api.watch('Pod', (type, o, old) => {
      const pod = o as Pod;
      const ref = controllerRef(pod);
      const oldRef = old ? controllerRef(old) : undefined;
      const ns = pod.metadata.namespace!;
      if (ref?.kind === 'ReplicaSet') {
        // Only changes that matter to the RS: readiness, phase, deletion, labels, creation/removal.
        if (type !== 'MODIFIED' || !old || relevantChange(old as Pod, pod))
          c.enqueue(NAME, `${ns}/${ref.name}`);
      }
      if (oldRef?.kind === 'ReplicaSet' && oldRef.uid !== ref?.uid) c.enqueue(NAME, `${ns}/${oldRef.name}`);
      if (!ref && type !== 'DELETED' && isPodActive(pod)) {
        for (const rs of c.api.list<ReplicaSet>('ReplicaSet', ns) as ReplicaSet[]) {
          if (!rs.metadata.deletionTimestamp && selectorMatches(rs.spec.selector, pod.metadata.labels))
            c.enqueue(NAME, nsKey(rs));
        }
      }
    });
  },
};

function relevantChange(a: Pod, b: Pod): boolean {
  return (
    isPodReady(a) !== isPodReady(b) ||
    a.status?.phase !== b.status?.phase ||
    !!a.metadata.deletionTimestamp !== !!b.metadata.deletionTimestamp ||
    a.spec.nodeName !== b.spec.nodeName ||
    (a.metadata.labels !== b.metadata.labels && !jsonEqual(a.metadata.labels, b.metadata.labels)) ||
    (a.metadata.ownerReferences !== b.metadata.ownerReferences &&
      !jsonEqual(a.metadata.ownerReferences, b.metadata.ownerReferences))
  );
}
