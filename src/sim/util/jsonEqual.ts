/**
 * Deep equality of JSON values, as `JSON.stringify(a) === JSON.stringify(b)` would see them except for key
 * order: properties whose value is `undefined` count as absent. No allocation (the API server compares every
 * status it is sent with the stored one).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      // JSON.stringify writes undefined array entries as null.
      const u = x[i] === undefined ? null : x[i];
      const v = y[i] === undefined ? null : y[i];
      if (!jsonEqual(u, v)) return false;
    }
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    const u = x[k];
    if (u === undefined) continue;
    defined++;
    if (!jsonEqual(u, y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}
