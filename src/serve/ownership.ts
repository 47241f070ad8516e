/**
 * Where writes meet field ownership (managedFields.ts): the request's manager and the object before and after
 * give the `metadata.managedFields` the object is stored with; a conflicting Apply gives the 409 instead.
 */
import type { KObject } from '../sim/api/types';
import type { ApiRequest } from './request';
import type { Target } from './apiContext';
import { failure, type StatusObject } from './status';
import {
  afterApply,
  afterUpdate,
  changedFields,
  conflictStatus as conflictOf,
  deletePath,
  fieldSetOf,
  managerOf,
  type ManagedFieldsEntry,
} from './managedFields';

const entriesOf = (o: KObject | undefined): ManagedFieldsEntry[] =>
  ((o?.metadata as { managedFields?: ManagedFieldsEntry[] } | undefined)?.managedFields ?? []).filter(
    (e) => e && typeof e === 'object' && typeof e.manager === 'string',
  );

function withEntries(o: KObject, entries: ManagedFieldsEntry[]): KObject {
  return { ...o, metadata: { ...o.metadata, managedFields: entries } } as KObject;
}

/** `next` (a create, PUT or non-apply PATCH of `before`) with the writer owning what it changed. */
export function ownUpdate(
  req: ApiRequest,
  t: Target,
  before: KObject | undefined,
  next: KObject,
  time: string,
): KObject {
  const manager = managerOf(req.query, req.headers['user-agent']);
  const changed = changedFields(before, next, t.info.kind);
  return withEntries(next, afterUpdate(entriesOf(before), manager, t.info.def!.apiVersion, time, changed));
}

/**
 * `merged` (the live object with the applied configuration merged in) with the applier owning exactly its
 * configuration, fields it no longer applies removed; or the 409 of its conflicts.
 */
export function ownApply(
  req: ApiRequest,
  t: Target,
  live: KObject | undefined,
  applied: KObject,
  merged: KObject,
  time: string,
): KObject | StatusObject {
  const manager = managerOf(req.query, req.headers['user-agent']);
  const force = req.query.get('force') === 'true';
  const kind = t.info.kind;
  // An object without managed fields (made before any write tracked them: here, by the simulation itself) gets
  // its existing fields owned by an Update of "before-first-apply" first, as kube-apiserver's field manager does;
  // changing one of them by an Apply is then a conflict with that manager.
  const known = entriesOf(live);
  const entries =
    live && !known.length
      ? afterUpdate(
          [],
          'before-first-apply',
          t.info.def!.apiVersion,
          time,
          changedFields(undefined, live, kind),
        )
      : known;
  const r = afterApply(
    entries,
    manager,
    t.info.def!.apiVersion,
    time,
    fieldSetOf(applied, kind),
    changedFields(live, merged, kind),
    force,
  );
  if (r.conflicts.length) {
    const c = conflictOf(r.conflicts);
    // (NewApplyConflict: the details carry the causes only)
    return failure(409, 'Conflict', c.message, { causes: c.causes });
  }
  const out = structuredClone(merged);
  for (const p of r.drop) deletePath(out, p, kind);
  return withEntries(out, r.entries);
}
