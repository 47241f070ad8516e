/**
 * The pods/eviction subresource's disruption-budget check (K:pkg/registry/core/pod/storage/eviction.go): a pod
 * that is finished, pending or already being deleted may always go; otherwise the one PodDisruptionBudget
 * selecting it must allow a disruption, which the eviction then uses up (disruptionsAllowed − 1, the pod under
 * disruptedPods) before the pod is deleted.
 */
import { withFields } from '../util/shapes';
import type { KObject, LabelSelector, Pod } from './types';
import { apiError, type ApiError } from './errors';
import { fromLabelSelector, matches } from './labels';

/** What the check needs of the API server. */
export interface EvictionApi {
  list(kind: string, namespace?: string): KObject[];
  updateStatus(o: KObject, opts: { actor: 'kube-apiserver' }): unknown;
}

/** The error that refuses the eviction, or undefined once the budget (if any) has been charged. */
export function chargeDisruptionBudget(api: EvictionApi, pod: Pod, now: string): ApiError | undefined {
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending')
    return undefined;
  const pdbs = api.list('PodDisruptionBudget', pod.metadata.namespace).filter((b) => {
    const sel = fromLabelSelector((b.spec?.selector ?? {}) as LabelSelector);
    return sel !== null && matches(sel, pod.metadata.labels);
  });
  if (!pdbs.length) return undefined;
  if (pdbs.length > 1)
    return apiError(
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  const pdb = pdbs[0]!;
  const allowed = Number(pdb.status?.disruptionsAllowed ?? 0);
  if ((pdb.status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) || allowed <= 0)
    return apiError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.");
  const status = {
    ...pdb.status,
    disruptedPods: { ...(pdb.status?.disruptedPods ?? {}), [pod.metadata.name]: now },
    disruptionsAllowed: allowed - 1,
  };
  api.updateStatus(withFields(pdb, { status }), { actor: 'kube-apiserver' });
  return undefined;
}
