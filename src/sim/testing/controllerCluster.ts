/**
 * A cluster holding only the modules a unit test names (usually one controller), with the `default` namespace,
 * for per-controller tests: no scheduler, kubelet or network, so the test itself plays their part by writing
 * pod status and node names.
 */
import { Cluster, type SimModule } from '../cluster';
import type { KObject } from '../api/types';
import { newNamespace } from './builders';

/** A cluster of `modules` only, with namespace `default`; `objects` are created in order, then the queues settle. */
export function controllerCluster(modules: SimModule[], objects: KObject[] = []): Cluster {
  const c = new Cluster({ workers: 0, controlPlane: false }, modules);
  mustCreate(c, newNamespace('default'));
  for (const o of objects) mustCreate(c, o);
  c.settle();
  return c;
}

/** Creates `o` through the API server and returns the stored object; throws with the API error otherwise. */
export function mustCreate<T extends KObject>(c: Cluster, o: T): T {
  const r = c.api.create<T>(structuredClone(o), { actor: 'kubectl' });
  if (!r.ok) throw new Error(`create ${o.kind} ${o.metadata.name}: ${r.error.message}`);
  return r.obj;
}
