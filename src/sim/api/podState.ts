/**
 * A pod's lifecycle predicates as controllers read them (K:pkg/api/v1/pod/util.go IsPodAvailable,
 * K:pkg/controller/controller_utils.go IsPodActive); readiness itself is in podReady.ts.
 */
import type { Pod } from './types';
import { isPodReady } from './podReady';

/** The simulation clock as these predicates need it (the Cluster satisfies it). */
export interface SimClock {
  readonly now: number;
  fromIso(ts: string | undefined): number;
}

/** Not being deleted and not finished. */
export function isPodActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

/** Ready for at least minReadySeconds at `now` (ms). */
export function isPodAvailable(c: SimClock, p: Pod, minReadySeconds: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const ready = p.status.conditions!.find((x) => x.type === 'Ready')!;
  return c.now - c.fromIso(ready.lastTransitionTime) >= minReadySeconds * 1000;
}

/** Sum of container restarts of a pod. */
export function restartsOf(p: Pod): number {
  return [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].reduce(
    (n, s) => n + s.restartCount,
    0,
  );
}
