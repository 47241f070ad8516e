/** Pod conditions: the one place that decides when a condition changes and when its transition time moves. */
import type { Pod, PodCondition } from './types';

/**
 * A pod condition as `c` says it should be: `prev` itself when nothing changed, else a new one whose
 * lastTransitionTime moves only when the status changes.
 */
export function nextCondition(
  prev: PodCondition | undefined,
  c: {
    type: string;
    status: 'True' | 'False' | 'Unknown';
    reason?: string | undefined;
    message?: string | undefined;
  },
  now: string,
): PodCondition {
  if (prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message) return prev;
  // (fields in a fixed order, reason and message after: no conditional spread, one hidden class per shape)
  const next: PodCondition = {
    type: c.type,
    status: c.status,
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now,
  };
  if (c.reason) next.reason = c.reason;
  if (c.message) next.message = c.message;
  return next;
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
