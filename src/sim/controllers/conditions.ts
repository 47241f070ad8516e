/**
 * Status conditions of the objects controllers own (Job, Deployment, HorizontalPodAutoscaler…): the upsert that
 * moves lastTransitionTime only when the status changes (K:pkg/controller/deployment/util SetDeploymentCondition,
 * K:pkg/controller/job newCondition / ensureJobConditionStatus).
 */
import type { KObject } from '../api/types';

/** A condition as the controllers write it (the union of the kinds' condition fields). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/**
 * Which time stamp besides lastTransitionTime a kind's conditions carry: Jobs a lastProbeTime set on every write,
 * Deployments a lastUpdateTime (and an unchanged Deployment condition is left as it is), others none.
 */
export type ConditionStamp = 'none' | 'probe' | 'update';

/** Adds or updates a condition in place of the old one (lastTransitionTime moves only when the status changes). */
export function upsertCondition<C extends Condition>(
  list: C[],
  cond: Condition,
  now: string,
  stamp: ConditionStamp | boolean = 'none',
): C[] {
  const mode = stamp === true ? 'probe' : stamp === false ? 'none' : stamp;
  const i = list.findIndex((x) => x.type === cond.type);
  const prev = i >= 0 ? list[i] : undefined;
  if (
    mode === 'update' &&
    prev &&
    prev.status === cond.status &&
    prev.reason === cond.reason &&
    prev.message === cond.message
  )
    return list;
  const next: Condition = {
    type: cond.type,
    status: cond.status,
    ...(mode === 'probe' ? { lastProbeTime: now } : mode === 'update' ? { lastUpdateTime: now } : {}),
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime! : now,
    ...(cond.reason ? { reason: cond.reason } : {}),
    ...(cond.message ? { message: cond.message } : {}),
  };
  const out = list.slice();
  if (i < 0) out.push(next as C);
  else out[i] = next as C;
  return out;
}

/** The object has a condition of `type` with status True. */
export function hasCondition(o: KObject, type: string): boolean {
  return ((o.status?.conditions ?? []) as Condition[]).some((x) => x.type === type && x.status === 'True');
}
