/**
 * A cluster holding only the modules a unit test names (usually one controller), with the `default` namespace,
 * for per-controller tests: no scheduler, kubelet or network, so the test itself plays their part by writing
 * pod status and node names.
 */
import { Cluster, type SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { withFields } from '../util/shapes';
import { newNamespace, podStatus } from './builders';

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

/**
 * Plays the scheduler and the kubelet for one pod: binds it to `nodeName` (when given and unbound) and writes
 * `status` through the status subresource.
 */
export function writePodStatus(
  c: Cluster,
  name: string,
  status: Pod['status'],
  nodeName?: string,
  namespace = 'default',
): void {
  if (nodeName && !c.api.get<Pod>('Pod', namespace, name)?.spec.nodeName)
    c.api.mutate<Pod>('Pod', namespace, name, (x) => void (x.spec.nodeName = nodeName));
  const p = c.api.get<Pod>('Pod', namespace, name);
  if (!p) throw new Error(`no pod ${namespace}/${name}`);
  c.api.updateStatus(withFields(p, { status }));
}

/** Makes every pending pod of `namespace` (or those `which` picks) Running and Ready on `nodeName`, then settles. */
export function runPods(
  c: Cluster,
  which: (p: Pod) => boolean = () => true,
  nodeName = 'node-1',
  namespace = 'default',
): string[] {
  const names: string[] = [];
  for (const p of c.api.list<Pod>('Pod', namespace)) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Running' || !which(p)) continue;
    writePodStatus(
      c,
      p.metadata.name,
      podStatus({ readySince: c.iso() }),
      p.spec.nodeName ?? nodeName,
      namespace,
    );
    names.push(p.metadata.name);
  }
  c.settle();
  return names;
}

/** Plays the kubelet for terminating pods: removes every pod with a deletion timestamp, then settles. */
export function finishTerminating(c: Cluster, namespace = 'default'): string[] {
  const gone: string[] = [];
  for (const p of c.api.list<Pod>('Pod', namespace)) {
    if (!p.metadata.deletionTimestamp) continue;
    c.api.delete('Pod', namespace, p.metadata.name, { gracePeriodSeconds: 0 });
    gone.push(p.metadata.name);
  }
  c.settle();
  return gone;
}
