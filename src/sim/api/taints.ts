/**
 * Taints and tolerations as the API defines them (K:staging/src/k8s.io/api/core/v1/toleration.go): one home for
 * the scheduler's TaintToleration plugin, the node lifecycle controller (NoExecute evictions) and the DaemonSet
 * controller.
 */
import type { Taint, Toleration } from './types';

/** v1.Toleration.ToleratesTaint: whether a toleration tolerates a taint. */
export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** First taint no toleration tolerates, or undefined. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) {
    let ok = false;
    for (const t of tolerations) {
      if (toleratesTaint(t, taint)) {
        ok = true;
        break;
      }
    }
    if (!ok) return taint;
  }
  return undefined;
}
