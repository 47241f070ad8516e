/**
 * NodePorts (K:pkg/scheduler/framework/plugins/nodeports): a host port (protocol, IP, port) can be held by one
 * pod per node; 0.0.0.0 clashes with every address.
 */
import type { NodeInfo } from '../nodeInfo';
import type { HostPort } from '../podInfo';
import { failure, SKIP, type FilterPlugin } from '../types';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
// Unschedulable, not unresolvable: evicting the holder would free the port (preemption might help).
const FAIL = failure(ERR_REASON, false);

/** True when every wanted host port is free on the node. */
export function fitsPorts(wanted: readonly HostPort[], node: NodeInfo): boolean {
  for (const p of wanted) if (node.portConflict(p)) return false;
  return true;
}

const filterNode: FilterPlugin['filter'] = (ctx, _s, node) =>
  fitsPorts(ctx.info.hostPorts, node) ? null : FAIL;

export const nodePorts: FilterPlugin = {
  name: NAME,
  preFilter: (ctx) => (ctx.info.hostPorts.length ? undefined : SKIP),
  filter: filterNode,
  filterNodes(ctx, s, nodes, n, out) {
    let failed = 0;
    for (let i = 0; i < n; i++) if ((out[i] = filterNode(ctx, s, nodes[i]!))) failed++;
    return failed;
  },
};
