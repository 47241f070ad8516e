import type { FlowEdge, FlowNode } from './clusterToFlow';

/**
 * Keeps the previous object for every node or edge whose content did not change, so memoized custom nodes
 * skip rendering and React Flow does not re-measure 300 pods on every frame.
 */
export function stabilize<T extends FlowNode | FlowEdge>(
  prev: Map<string, { sig: string; item: T }>,
  next: T[],
): { items: T[]; cache: Map<string, { sig: string; item: T }> } {
  const cache = new Map<string, { sig: string; item: T }>();
  const items = next.map((n) => {
    const sig = JSON.stringify(n);
    const old = prev.get(n.id);
    const item = old && old.sig === sig ? old.item : n;
    cache.set(n.id, { sig, item });
    return item;
  });
  return { items, cache };
}
