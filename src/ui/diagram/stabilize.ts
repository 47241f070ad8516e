import type { FlowEdge, FlowNode } from './clusterToFlow';

/**
 * Keeps the previous object for every node or edge whose content did not change, so memoized custom nodes
 * skip rendering, and hands back the previous array itself when nothing changed at all, so React Flow has
 * nothing to diff on a steady cluster. An item that is the previous object itself is not serialised again.
 */
export function stabilize<T extends FlowNode | FlowEdge>(
  prev: Map<string, { sig: string; item: T }>,
  next: T[],
  prevItems?: T[],
): { items: T[]; cache: Map<string, { sig: string; item: T }>; changed: boolean } {
  const cache = new Map<string, { sig: string; item: T }>();
  let changed = !prevItems || prevItems.length !== next.length;
  const items = next.map((n, i) => {
    const old = prev.get(n.id);
    // the mapping handed back the very object it drew last time (see FlowMemo): nothing to compare
    const sig = old && old.item === n ? old.sig : JSON.stringify(n);
    const item = old && old.sig === sig ? old.item : n;
    if (!changed && prevItems![i] !== item) changed = true;
    cache.set(n.id, { sig, item });
    return item;
  });
  return { items: changed || !prevItems ? items : prevItems, cache, changed };
}
