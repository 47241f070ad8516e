/**
 * NodeUnschedulable (K:pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
 * (`spec.unschedulable: true`) takes no new pods unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Toleration } from '../../api/types';
import { failure, type FilterPlugin } from '../types';
import { toleratesTaint } from '../../api/taints';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const FAIL = failure(ERR_REASON_UNSCHEDULABLE, true);
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/** True when the pod may go to a node with the given `spec.unschedulable`. */
export function fitsUnschedulable(unschedulable: boolean, tolerations: readonly Toleration[]): boolean {
  if (!unschedulable) return true;
  return tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT));
}

const filterNode: FilterPlugin['filter'] = (ctx, _s, node) =>
  !node.unschedulable || fitsUnschedulable(true, ctx.info.tolerations) ? null : FAIL;

export const nodeUnschedulable: FilterPlugin = {
  name: NAME,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    if (ctx.cache.cordonedNodes === 0) return 0; // (out is read only when something failed)
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};
