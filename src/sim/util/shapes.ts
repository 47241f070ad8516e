/**
 * Object construction that keeps V8's hidden classes shared. Two patterns give every object a hidden class of
 * its own (measured in Node 20 on the 10,000-pod benchmark: pod specs, mounts, projected files and process
 * servers each carried a map; property reads on them turn megamorphic and each object costs a map and a
 * descriptor array more):
 *
 * - `{ ...o, x }` (a spread followed by more fields, or by a later new field): use {@link withFields}.
 * - A dictionary built from `{}` whose first key comes from data (a node name, a pod IP). Objects built from
 *   `{}` reach their hidden class by one transition per field from one shared root, and each distinct first key
 *   is a transition of that root, which holds about 1,500; on a 1,000-node cluster the root fills and from then
 *   on every new object shape anywhere gets an unshared class. Use {@link dict}.
 *
 * Two more, which make hot code deoptimize and recompile (also measured on that benchmark):
 *
 * - `delete o.x` of a field that is not the last one added turns `o` into a slow dictionary-mode object (pod
 *   metadata did, through a `delete resourceVersion` before every store write). Leave the field, or build anew.
 * - An object that gains fields as it goes (a worker, a timer, a spec with optional parts): declare every field
 *   in the literal that makes it, `undefined` until set (JSON output is the same), so all such objects keep one
 *   hidden class and the code reading them does not meet a new one late in a run.
 */

/**
 * An empty dictionary for keys that come from data, with no prototype: it starts in dictionary mode and never
 * adds transitions. `cloneJson` keeps such objects prototype-free; JSON output is the same.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `{ ...o, ...fields }` (same keys, same order), built so that copies of one shape share a hidden class. */
export function withFields<T extends object>(o: T, fields: Partial<T>): T {
  return Object.assign({}, o, fields);
}

/**
 * `s` as one flat string, for strings kept long and never hashed (object names, file contents, log summaries; a
 * map key is flattened anyway when it is hashed). Template literals and
 * `+` make a tree of parts (a "cons string", 32 bytes a node, holding its parts); reading a character makes V8
 * flatten it in place and the collector then drops the tree: an event name takes 72 bytes instead of 214.
 */
export function flat<S extends string>(s: S): S {
  return s.charCodeAt(0) === -1 ? s : s;
}

/**
 * A new array: `list` then `items`, with room for exactly those. Arrays kept per pod or process are better
 * made this way: `push` onto `[]`, and `[...list, x]` too, reserve room for 17 entries.
 */
export function appended<T>(list: readonly T[], ...items: T[]): T[] {
  return list.concat(items);
}

/**
 * Freezes `v` and everything in it. Parts shared by many stored objects are frozen: stored objects are never
 * changed in place (writers copy first), so ten thousand pods can hold one copy, and a stray in-place change
 * throws instead of spreading.
 */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
