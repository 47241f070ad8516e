/** How the event log names an object: a hop's reference and its label in summaries. */
import type { KObject } from './types';
import type { ObjectRef } from '../engine/eventLog';

/** A hop's reference to an object (no `namespace` field for a cluster-scoped one). */
export function refTo(o: KObject): ObjectRef {
  const ns = o.metadata.namespace;
  return ns
    ? { kind: o.kind, name: o.metadata.name, namespace: ns }
    : { kind: o.kind, name: o.metadata.name };
}

/** `Pod default/web-1`, `Node worker-1`: a hop's object as summaries name it. */
export function refLabel(r: ObjectRef | undefined): string {
  if (!r) return '';
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
