/**
 * Disruption controller (K:pkg/controller/disruption): keeps each PodDisruptionBudget's status — the pods it
 * selects (expectedPods: their count for an integer minAvailable, else the scale of their controllers), how many
 * must stay healthy (desiredHealthy), how many are (currentHealthy: ready, not being deleted, not just evicted) and
 * so how many voluntary disruptions are allowed now, with the DisruptionAllowed condition.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, LabelSelector, Pod } from '../api/types';
import { fromLabelSelector, matches } from '../api/labels';
import { isPodReady } from '../api/podReady';
import { controllerRef } from '../api/ownerReferences';
import { nsKey, splitKey } from '../api/store';
import { resolveIntOrPercent } from './deploymentController';
import { writeStatusIfChanged } from './writeStatus';

const NAME = 'disruption-controller';
/** How long an eviction counts as a disruption before the pod is seen gone (DeletionTimeout, 2 minutes). */
const DELETION_TIMEOUT_MS = 120_000;

/** The pods a budget selects: policy/v1 treats an empty selector as every pod of the namespace. */
export function pdbPods(c: Cluster, pdb: KObject): Pod[] {
  const sel = fromLabelSelector((pdb.spec?.selector ?? {}) as LabelSelector);
  return c.api
    .list<Pod>('Pod', pdb.metadata.namespace)
    .filter((p) => sel !== null && matches(sel, p.metadata.labels));
}

/** The scale of the workload behind a pod: a Deployment's replicas through its ReplicaSet, a StatefulSet's… */
function controllerScale(c: Cluster, p: Pod): { uid: string; replicas: number } | undefined {
  const ref = controllerRef(p);
  if (!ref) return undefined;
  const ns = p.metadata.namespace;
  if (ref.kind === 'ReplicaSet') {
    const rs = c.api.get('ReplicaSet', ns, ref.name);
    if (!rs) return undefined;
    const dref = controllerRef(rs);
    const d = dref?.kind === 'Deployment' ? c.api.get('Deployment', ns, dref.name) : undefined;
    if (d) return { uid: d.metadata.uid!, replicas: Number(d.spec?.replicas ?? 1) };
    return { uid: rs.metadata.uid!, replicas: Number(rs.spec?.replicas ?? 1) };
  }
  if (ref.kind === 'StatefulSet' || ref.kind === 'ReplicationController') {
    const o = c.api.get(ref.kind, ns, ref.name);
    return o ? { uid: o.metadata.uid!, replicas: Number(o.spec?.replicas ?? 1) } : undefined;
  }
  return undefined;
}

function sync(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const pdb = c.api.get('PodDisruptionBudget', ns, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return;
  const pods = pdbPods(c, pdb);
  const { minAvailable, maxUnavailable } = (pdb.spec ?? {}) as {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
  let expected = pods.length;
  let desired = 0;
  if (maxUnavailable !== undefined || typeof minAvailable === 'string') {
    const scales = new Map<string, number>();
    for (const p of pods) {
      const s = controllerScale(c, p);
      if (s) scales.set(s.uid, s.replicas);
    }
    expected = [...scales.values()].reduce((n, r) => n + r, 0);
    desired =
      maxUnavailable !== undefined
        ? Math.max(0, expected - resolveIntOrPercent(maxUnavailable, expected, true))
        : resolveIntOrPercent(minAvailable, expected, true);
  } else if (typeof minAvailable === 'number') desired = minAvailable;
  // Pods evicted a moment ago still count as disrupted until they are seen deleted (or the timeout passes).
  const disrupted: Record<string, string> = {};
  for (const [pod, at] of Object.entries((pdb.status?.disruptedPods ?? {}) as Record<string, string>)) {
    const p = pods.find((x) => x.metadata.name === pod);
    if (p && !p.metadata.deletionTimestamp && c.now - c.fromIso(at) < DELETION_TIMEOUT_MS)
      disrupted[pod] = at;
  }
  const healthy = pods.filter(
    (p) => !p.metadata.deletionTimestamp && !disrupted[p.metadata.name] && isPodReady(p),
  ).length;
  const allowed = Math.max(0, healthy - desired);
  const prevCond = (
    (pdb.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime: string }[]
  ).find((x) => x.type === 'DisruptionAllowed');
  const condStatus = allowed > 0 ? 'True' : 'False';
  const observedGeneration = pdb.metadata.generation;
  const status = {
    observedGeneration,
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: condStatus,
        observedGeneration,
        lastTransitionTime:
          prevCond && prevCond.status === condStatus ? prevCond.lastTransitionTime : c.iso(),
        reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        message: '',
      },
    ],
  };
  writeStatusIfChanged(c, pdb, status);
  if (Object.keys(disrupted).length) c.enqueueAfter(NAME, key, DELETION_TIMEOUT_MS);
}

/** The disruption controller: a budget is synced when it or one of the pods of its namespace changes. */
export const disruptionController: SimModule = {
  name: NAME,
  install(c) {
    c.registerReconciler(NAME, (key) => sync(c, key));
    c.api.watch('PodDisruptionBudget', (t, o) => {
      if (t !== 'DELETED') c.enqueue(NAME, nsKey(o));
    });
    c.api.watch('Pod', (_t, o) => {
      for (const pdb of c.api.list('PodDisruptionBudget', o.metadata.namespace)) c.enqueue(NAME, nsKey(pdb));
    });
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet'])
      c.api.watch(kind, (_t, o) => {
        for (const pdb of c.api.list('PodDisruptionBudget', o.metadata.namespace))
          c.enqueue(NAME, nsKey(pdb));
      });
  },
};
