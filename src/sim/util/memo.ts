/**
 * Small caches for values the simulator computes again and again from the same text (quantities, image names,
 * messages): bounded, so a long session cannot grow them without end — past `limit` entries they start over.
 */

/** `fn` with its results remembered by argument. */
export function memoize<A, R>(fn: (a: A) => R, limit = 1000): (a: A) => R {
  const cache = new Map<A, R>();
  return (a: A): R => {
    const hit = cache.get(a);
    if (hit !== undefined || cache.has(a)) return hit as R;
    const r = fn(a);
    if (cache.size >= limit) cache.clear();
    cache.set(a, r);
    return r;
  };
}

/** One shared instance per distinct string (the first one seen). */
export function interner(limit = 10_000): (s: string) => string {
  return memoize((s: string) => s, limit);
}
