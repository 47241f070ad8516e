/**
 * Helpers shared by the controllers: controller references, pod readiness, templates and indexes.
 */
import type { Cluster } from '../cluster';
import type { KObject, OwnerReference, Pod, PodTemplateSpec } from '../api/types';
import { isPodReady } from '../api/podReady';

export const CONTROLLER_MANAGER = 'kube-controller-manager' as const;

export function controllerRef(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRefTo(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

// The work queues' key and pod readiness live below the controllers (the network and metrics read them too).
export { nsKey } from '../api/store';
export { isPodReady } from '../api/podReady';

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function isPodActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

/** Ready for at least minReadySeconds at `now` (ms). */
export function isPodAvailable(c: Cluster, p: Pod, minReadySeconds: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const ready = p.status.conditions!.find((x) => x.type === 'Ready')!;
  return c.now - c.fromIso(ready.lastTransitionTime) >= minReadySeconds * 1000;
}

/** Pods indexed by controller uid, and by node (installed once per cluster). */
export function ensurePodIndexes(c: Cluster): void {
  if (c.store.hasIndex('Pod', 'controller')) return;
  c.store.addIndex('Pod', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
  c.store.addIndex('Pod', 'node', (o) => ((o as Pod).spec?.nodeName ? [(o as Pod).spec.nodeName!] : []));
  c.store.addIndex('Pod', 'namespace', (o) => [o.metadata.namespace ?? '']);
  c.store.addIndex('Pod', 'orphans', (o) => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']));
  c.store.addIndex('ReplicaSet', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
}

/** Canonical JSON with sorted keys (for template hashing and comparison). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** pod-template-hash: FNV-32a of the template (+ collision count), as rand.SafeEncodeString of its decimal form. */
export function podTemplateHash(t: PodTemplateSpec, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const s = canonical(t) + (collisionCount ? String(collisionCount) : '');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h >>> 0)].map((ch) => SAFE[ch.charCodeAt(0) % SAFE.length]).join('');
}

const canonicalTemplates = new WeakMap<object, string>();
/** canonical(templateWithoutHash(t)), memoized per (immutable) stored template object. */
export function templateKey(t: PodTemplateSpec): string {
  let k = canonicalTemplates.get(t);
  if (k === undefined) {
    k = canonical(templateWithoutHash(t));
    canonicalTemplates.set(t, k);
  }
  return k;
}

/** Template without the pod-template-hash label (to compare a Deployment's template with its ReplicaSets'). */
export function templateWithoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(t);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels['pod-template-hash'];
  }
  return copy;
}

type OwnedPodQueues = Map<
  string,
  { queue: string; alsoChanged: ((old: Pod, pod: Pod) => boolean) | undefined }
>;
/** Per cluster: owner kind → the queue of its controller (see {@link watchOwnedPods}). */
const ownedPodQueues = new WeakMap<Cluster, OwnedPodQueues>();

/**
 * Enqueues `queue` for the owner (of `kind`) of a pod that appears, goes away, or changes in a way its workload
 * controller reacts to: phase, readiness, deletion, and whatever `alsoChanged` adds (the node, restarts…). One
 * watch per cluster serves every kind (a pod's controller reference is looked up once per change).
 */
export function watchOwnedPods(
  c: Cluster,
  kind: string,
  queue: string,
  alsoChanged?: (old: Pod, pod: Pod) => boolean,
): void {
  let byKind = ownedPodQueues.get(c);
  if (!byKind) {
    const kinds: OwnedPodQueues = new Map();
    ownedPodQueues.set(c, (byKind = kinds));
    c.api.watch('Pod', (type, o, old) => {
      const ref = controllerRef(o);
      const w = ref && kinds.get(ref.kind);
      if (!w) return;
      const p = o as Pod;
      const q = old as Pod | undefined;
      if (
        type === 'MODIFIED' &&
        q &&
        q.status?.phase === p.status?.phase &&
        isPodReady(q) === isPodReady(p) &&
        !!q.metadata.deletionTimestamp === !!p.metadata.deletionTimestamp &&
        !w.alsoChanged?.(q, p)
      )
        return;
      c.enqueue(w.queue, `${o.metadata.namespace}/${ref.name}`);
    });
  }
  byKind.set(kind, { queue, alsoChanged });
}
