/**
 * The one way a controller writes an object's status: only when it differs from the stored one, as the real
 * controllers compare before they call UpdateStatus (an unchanged write would still bump the resourceVersion and
 * wake every watcher).
 */
import { withFields } from '../util/shapes';
import type { Cluster } from '../cluster';
import type { KObject } from '../api/types';
import { CONTROLLER_MANAGER } from './util';

/** Writes `status` on `o` when it differs from `o.status`; returns whether it wrote. */
export function writeStatusIfChanged<T extends KObject>(c: Cluster, o: T, status: T['status']): boolean {
  if (JSON.stringify(status) === JSON.stringify(o.status)) return false;
  c.api.updateStatus(withFields<KObject>(o, { status }), { actor: CONTROLLER_MANAGER });
  return true;
}
