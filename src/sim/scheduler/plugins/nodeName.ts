/**
 * NodeName (K:pkg/scheduler/framework/plugins/nodename): a pod that names its node in `spec.nodeName` fits only
 * there. (Such pods normally bypass the scheduler; the filter keeps the framework honest when one arrives.)
 */
import { failure, SKIP, type FilterPlugin } from '../types';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";
const FAIL = failure(ERR_REASON, true);

/** True when the pod may run on `nodeName`. */
export function fitsNodeName(wanted: string | undefined, nodeName: string): boolean {
  return !wanted || wanted === nodeName;
}

const filterNode: FilterPlugin<string>['filter'] = (_ctx, wanted, node) =>
  fitsNodeName(wanted, node.name) ? null : FAIL;

export const nodeName: FilterPlugin<string> = {
  name: NAME,
  preFilter: (ctx) => ctx.pod.spec?.nodeName || SKIP,
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};
