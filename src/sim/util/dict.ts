/**
 * An empty dictionary for keys that come from data (node names, IPs, uids), with no prototype.
 *
 * Why not `{}`: V8 gives every object built from `{}` a hidden class reached by one transition per property
 * added, starting from one shared root. Each distinct *first* key becomes a transition of that root, which holds
 * about 1,500. Dictionaries whose first key is a node name or a pod IP fill it on a 1,000-node cluster; from then
 * on every new object shape anywhere in the program gets a hidden class of its own (unshared), so property reads
 * turn megamorphic and each object carries its own map — measured on the 10,000-pod benchmark. An object made by
 * `Object.create(null)` starts in dictionary mode and never adds transitions. `cloneJson` keeps such objects
 * prototype-free; JSON output is the same.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
