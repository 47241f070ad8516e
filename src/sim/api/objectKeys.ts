/**
 * Work-queue keys of namespaced objects: `namespace/name` (cache.MetaNamespaceKeyFunc and SplitMetaNamespaceKey).
 */
import type { KObject } from './types';

/** `namespace/name` of an object. */
export function nsKey(o: KObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** The namespace and name of a `namespace/name` key. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
