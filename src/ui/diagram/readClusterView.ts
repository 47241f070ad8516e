import type { ClusterReader } from '../../state/worker/clusterMirror';
import type { KObject, Node as KNode, Pod } from '../../sim/api/types';
import type { ClusterView } from './clusterToFlow';

function safeList<T extends KObject>(c: ClusterReader, kind: string): T[] {
  try {
    return c.api.kinds.byKind(kind) ? c.api.list<T>(kind) : [];
  } catch {
    return [];
  }
}

/** The objects the diagram draws, read from the API server (no copies: the mapping never mutates). */
export function readClusterView(c: ClusterReader): ClusterView {
  return {
    nodes: safeList<KNode>(c, 'Node'),
    pods: safeList<Pod>(c, 'Pod'),
    services: safeList(c, 'Service'),
    endpointSlices: safeList(c, 'EndpointSlice'),
    namespaces: safeList(c, 'Namespace').map((n) => n.metadata.name),
  };
}
