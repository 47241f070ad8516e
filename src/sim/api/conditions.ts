/**
 * Status conditions, the one place that decides when a condition changes and when its transition time moves:
 * pod conditions (kubelet, scheduler, node lifecycle) and the conditions controllers write on the objects they own
 * (Job, Deployment, HorizontalPodAutoscaler; K:pkg/controller/deployment/util SetDeploymentCondition,
 * K:pkg/controller/job newCondition).
 */
import type { KObject, Pod, PodCondition } from './types';

/** A condition as any kind writes it (the union of the kinds' condition fields). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/**
 * Which time stamp besides lastTransitionTime a kind's conditions carry, and whether an unchanged condition is kept
 * as it is: pods a `lastProbeTime: null` (kept), Deployments a lastUpdateTime (kept), Jobs a lastProbeTime of now
 * (rewritten on every write), the HPA none (kept).
 */
export type ConditionStamp = 'pod' | 'update' | 'probe' | 'none';

/**
 * A condition as `c` says it should be: `prev` itself when nothing changed (unless the stamp is rewritten on every
 * write), else a new one whose lastTransitionTime moves only when the status changes.
 */
export function nextCondition<C extends Condition = PodCondition>(
  prev: C | undefined,
  c: {
    type: string;
    status: 'True' | 'False' | 'Unknown';
    reason?: string | undefined;
    message?: string | undefined;
  },
  now: string,
  stamp: ConditionStamp = 'pod',
): C {
  if (
    stamp !== 'probe' &&
    prev &&
    prev.status === c.status &&
    prev.reason === c.reason &&
    prev.message === c.message
  )
    return prev;
  // (fields in a fixed order, reason and message after: no conditional spread, one hidden class per shape)
  const next: Condition = { type: c.type, status: c.status };
  if (stamp === 'pod') next.lastProbeTime = null;
  else if (stamp === 'probe') next.lastProbeTime = now;
  else if (stamp === 'update') next.lastUpdateTime = now;
  next.lastTransitionTime = prev && prev.status === c.status ? prev.lastTransitionTime! : now;
  if (c.reason) next.reason = c.reason;
  if (c.message) next.message = c.message;
  return next as C;
}

/** Sets or replaces a pod condition; lastTransitionTime changes only when the status changes. */
export function setCondition(
  pod: Pod,
  c: { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string },
  now: string,
): boolean {
  pod.status ??= {};
  const list = (pod.status.conditions ??= []);
  const i = list.findIndex((x) => x.type === c.type);
  const prev = i >= 0 ? list[i] : undefined;
  const next = nextCondition(prev, c, now);
  if (next === prev) return false;
  if (i >= 0) list[i] = next;
  else list.push(next);
  return true;
}

/**
 * A copy of `list` with `cond` set in place of the old condition of its type (appended when new); `list` itself
 * when nothing changed. `probe: true` is the Job's stamp.
 */
export function upsertCondition<C extends Condition>(
  list: C[],
  cond: Condition,
  now: string,
  stamp: ConditionStamp | boolean = 'none',
): C[] {
  const mode: ConditionStamp = stamp === true ? 'probe' : stamp === false ? 'none' : stamp;
  const i = list.findIndex((x) => x.type === cond.type);
  const prev = i >= 0 ? list[i] : undefined;
  const next = nextCondition<C>(prev, cond, now, mode);
  if (next === prev) return list;
  const out = list.slice();
  if (i < 0) out.push(next);
  else out[i] = next;
  return out;
}

/** The object has a condition of `type` with status True. */
export function hasCondition(o: KObject, type: string): boolean {
  return ((o.status?.conditions ?? []) as Condition[]).some((x) => x.type === type && x.status === 'True');
}
