/**
 * Pod readiness as every reader of it sees it (controllers, endpoints, the metrics pipeline): the pod's Ready
 * condition is True.
 */
import type { Pod } from './types';

/** Whether the pod's Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  const conds = p.status?.conditions;
  if (!conds) return false;
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i]!;
    if (c.type === 'Ready') return c.status === 'True';
  }
  return false;
}
