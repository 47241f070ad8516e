import type { KindDef } from '../api/kinds';
import type { Node } from '../api/types';
import { any, arr, bool, map, obj, qty, str } from '../api/schema';
import { rootSchema } from './common';

export const nodeKind: KindDef = {
  kind: 'Node',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  nameRule: 'subdomain',
  hasStatus: true,
  /**
   * A NoExecute taint is stamped with the time it was added (kept across updates that keep the taint): the taint
   * manager counts a toleration's tolerationSeconds from it.
   */
  defaults(o, ctx) {
    const taints = (o as Node).spec?.taints;
    if (!taints) return;
    const before = (ctx.old as Node | undefined)?.spec?.taints ?? [];
    for (const t of taints) {
      if (t.effect !== 'NoExecute' || t.timeAdded) continue;
      const kept = before.find(
        (x) => x.key === t.key && x.effect === t.effect && (x.value ?? '') === (t.value ?? ''),
      );
      t.timeAdded = kept?.timeAdded ?? ctx.cluster.iso();
    }
  },
  schema: rootSchema(
    'Node',
    'Node is a worker node in Kubernetes. Each node has a unique identifier in the cache (i.e. in etcd).',
    {
      spec: obj('NodeSpec', {
        podCIDR: str('The pod IP range assigned to the node.'),
        podCIDRs: arr(str()),
        providerID: str('ID of the node assigned by the cloud provider.'),
        unschedulable: bool(
          'Controls node schedulability of new pods. By default, node is schedulable (kubectl cordon sets it).',
        ),
        taints: arr(
          obj(
            'Taint',
            {
              key: str(),
              value: str(),
              effect: str('NoSchedule, PreferNoSchedule or NoExecute.', [
                'NoSchedule',
                'PreferNoSchedule',
                'NoExecute',
              ]),
              timeAdded: str(),
            },
            { required: ['key', 'effect'] },
          ),
          "If specified, the node's taints.",
        ),
        configSource: any(),
        externalID: str(),
      }),
      status: obj('NodeStatus', {
        capacity: map(qty()),
        allocatable: map(qty()),
        conditions: arr(any()),
        addresses: arr(any()),
        nodeInfo: any(),
        images: arr(any()),
        daemonEndpoints: any(),
        phase: str(),
        volumesInUse: arr(str()),
        volumesAttached: arr(any()),
        config: any(),
        runtimeHandlers: arr(any()),
        features: any(),
      }),
    },
  ),
};
