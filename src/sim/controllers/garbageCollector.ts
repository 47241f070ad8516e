/**
 * Garbage collector: follows ownerReferences. When an owner goes, its dependents are deleted (background);
 * an owner with the `foregroundDeletion` finalizer waits until its blocking dependents are gone; one with the
 * `orphan` finalizer has its dependents' references removed. Pods bound to a deleted node are removed (pod GC).
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { objectKey } from '../api/store';
import { CONTROLLER_MANAGER } from './util';

const NAME = 'garbage-collector';

/** Where an object is stored: kind, namespace, name. */
type Where = readonly [kind: string, namespace: string | undefined, name: string];

/**
 * Owner uid → the uids of the objects that name it as an owner, and uid → where that object is stored (derived,
 * rebuilt after a restore). Keyed by uids, strings every object already has: no key string is built per object.
 */
class DependentIndex {
  byOwner = new Map<string, Set<string>>();
  byUid = new Map<string, Where>();
  rebuild(c: Cluster): void {
    this.byOwner.clear();
    this.byUid.clear();
    for (const o of c.store.all()) if (o.kind !== 'Event') this.add(o);
  }
  add(o: KObject): void {
    const uid = o.metadata.uid;
    if (!uid) return;
    this.byUid.set(uid, [o.kind, o.metadata.namespace, o.metadata.name]);
    for (const r of o.metadata.ownerReferences ?? []) {
      let s = this.byOwner.get(r.uid);
      if (!s) this.byOwner.set(r.uid, (s = new Set()));
      s.add(uid);
    }
  }
  remove(o: KObject): void {
    const uid = o.metadata.uid;
    if (!uid) return;
    this.byUid.delete(uid);
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.byOwner.get(r.uid);
      s?.delete(uid);
      if (s && !s.size) this.byOwner.delete(r.uid);
    }
  }
  /** The stored object with this uid, if any. */
  get(c: Cluster, uid: string): KObject | undefined {
    const w = this.byUid.get(uid);
    const o = w && c.store.get(w[0], w[1], w[2]);
    return o && o.metadata.uid === uid ? o : undefined;
  }
  dependents(c: Cluster, uid: string): KObject[] {
    const out: KObject[] = [];
    for (const dep of this.byOwner.get(uid) ?? []) {
      const o = this.get(c, dep);
      if (o) out.push(o);
    }
    return out.sort((a, b) =>
      objectKey(a.kind, a.metadata.namespace, a.metadata.name) <
      objectKey(b.kind, b.metadata.namespace, b.metadata.name)
        ? -1
        : 1,
    );
  }
}

function ownerExists(c: Cluster, ix: DependentIndex, uid: string): boolean {
  return !!ix.get(c, uid);
}

function reconcile(c: Cluster, ix: DependentIndex, item: string): void {
  const [op, arg] = [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)];
  if (op === 'gone') {
    // Owner `arg` (a uid) no longer exists: delete dependents that have no other live owner.
    for (const dep of ix.dependents(c, arg)) {
      const others = (dep.metadata.ownerReferences ?? []).filter(
        (r) => r.uid !== arg && ownerExists(c, ix, r.uid),
      );
      if (others.length) {
        c.api.mutate(
          dep.kind,
          dep.metadata.namespace,
          dep.metadata.name,
          (x) => {
            x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== arg);
          },
          { actor: CONTROLLER_MANAGER },
        );
      } else if (!dep.metadata.deletionTimestamp) {
        c.api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name, {
          actor: CONTROLLER_MANAGER,
          propagationPolicy: 'Background',
        });
      }
    }
    return;
  }
  if (op === 'owner') {
    const o = c.store.getByKey(arg);
    if (!o || !o.metadata.deletionTimestamp) return;
    const fins = o.metadata.finalizers ?? [];
    const deps = ix.dependents(c, o.metadata.uid!);
    if (fins.includes('orphan')) {
      for (const dep of deps) {
        c.api.mutate(
          dep.kind,
          dep.metadata.namespace,
          dep.metadata.name,
          (x) => {
            x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter(
              (r) => r.uid !== o.metadata.uid,
            );
            if (!x.metadata.ownerReferences.length) delete x.metadata.ownerReferences;
          },
          { actor: CONTROLLER_MANAGER },
        );
      }
      c.api.mutate(
        o.kind,
        o.metadata.namespace,
        o.metadata.name,
        (x) => {
          x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== 'orphan');
        },
        { actor: CONTROLLER_MANAGER },
      );
      return;
    }
    if (fins.includes('foregroundDeletion')) {
      const blocking = deps.filter((d) =>
        (d.metadata.ownerReferences ?? []).some((r) => r.uid === o.metadata.uid && r.blockOwnerDeletion),
      );
      for (const dep of deps) {
        if (!dep.metadata.deletionTimestamp) {
          c.api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name, {
            actor: CONTROLLER_MANAGER,
            propagationPolicy: 'Foreground',
          });
        }
      }
      if (blocking.every((d) => !c.store.get(d.kind, d.metadata.namespace, d.metadata.name))) {
        c.api.mutate(
          o.kind,
          o.metadata.namespace,
          o.metadata.name,
          (x) => {
            x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion');
          },
          { actor: CONTROLLER_MANAGER },
        );
      }
    }
    return;
  }
  if (op === 'node') {
    for (const p of c.api.byIndex<Pod>('Pod', 'node', arg)) {
      if (!c.api.get('Node', undefined, arg)) {
        c.api.delete('Pod', p.metadata.namespace, p.metadata.name, {
          actor: CONTROLLER_MANAGER,
          gracePeriodSeconds: 0,
        });
      }
    }
  }
}

/** The garbage collector of one cluster: its dependents index lives on the instance (createSim makes one each). */
export function garbageCollector(): SimModule {
  const ix = new DependentIndex();
  return {
    name: NAME,
    install(c) {
      ix.rebuild(c);
      c.registerReconciler(NAME, (item) => reconcile(c, ix, item));
      c.store.watch('*', (type, o, old) => {
        // Events are never owners nor owned here, and they are most of the writes.
        if (o.kind === 'Event') return;
        // Most writes (status updates) keep the owner references: nothing to re-index then.
        const sameRefs =
          type === 'MODIFIED' && old && old.metadata.ownerReferences === o.metadata.ownerReferences;
        if (!sameRefs) {
          if (old) ix.remove(old);
          if (type !== 'DELETED') ix.add(o);
        }
        if (type === 'DELETED') {
          if (ix.byOwner.has(o.metadata.uid!)) c.enqueue(NAME, `gone:${o.metadata.uid}`);
          if (o.kind === 'Node') c.enqueue(NAME, `node:${o.metadata.name}`);
          // A dependent went away: its owners in foreground deletion may finish.
          for (const r of o.metadata.ownerReferences ?? []) {
            const owner = ix.get(c, r.uid);
            if (owner?.metadata.deletionTimestamp) {
              c.enqueue(
                NAME,
                `owner:${objectKey(owner.kind, owner.metadata.namespace, owner.metadata.name)}`,
              );
            }
          }
        } else if (
          o.metadata.deletionTimestamp &&
          (o.metadata.finalizers ?? []).some((f) => f === 'orphan' || f === 'foregroundDeletion')
        ) {
          c.enqueue(NAME, `owner:${objectKey(o.kind, o.metadata.namespace, o.metadata.name)}`);
        }
      });
    },
    restored(c) {
      ix.rebuild(c);
    },
  };
}
