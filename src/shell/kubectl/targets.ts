/**
 * Selecting the objects a verb acts on: `TYPE NAME…`, `TYPE/NAME…`, `-l selector`, `--all`, `-f file`.
 * Missing names are reported like kubectl (`Error from server (NotFound): pods "x" not found`).
 */
import type { KObject } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import { matches } from '../../sim/api/labels';
import { pluralResource } from './client';
import { KubectlError } from './errors';
import { readManifests } from './manifest';
import { parseResourceArgs } from './resources';
import { selectorOf } from './get';
import { applyNamespace, mapKind } from './write';
import { has, str, type KubectlContext, type Parsed } from './verb';

export interface Target {
  def: KindDef;
  obj: KObject;
}

/**
 * Resolves the objects named by args / -f / -l / --all. `args` are the resource arguments only. `local`
 * (`--local -f file`): the file's objects themselves, as read, without asking the server.
 */
export function selectTargets(
  k: KubectlContext,
  p: Parsed,
  args: string[],
  errors: string[],
  local = false,
): Target[] {
  const out: Target[] = [];
  if (str(p, 'filename') !== undefined) {
    for (const doc of readManifests(k, p)) {
      const def = mapKind(k, doc);
      const o = structuredClone(doc.obj);
      if (local) {
        out.push({ def, obj: o });
        continue;
      }
      applyNamespace(k, def, o);
      const got = k.cluster.api.get(def.kind, o.metadata.namespace, o.metadata.name);
      if (got) out.push({ def, obj: got });
      else errors.push(`Error from server (NotFound): ${pluralResource(def)} "${o.metadata.name}" not found`);
    }
    return out;
  }
  if (!args.length)
    throw new KubectlError(`error: You must provide one or more resources by argument or filename.`);
  const { requests } = parseResourceArgs(k.cluster, args);
  const sel = selectorOf(p);
  const allNs = has(p, 'all-namespaces');
  for (const r of requests) {
    const ns = r.def.namespaced ? k.namespace : undefined;
    if (r.names.length) {
      for (const name of r.names) {
        const o = k.cluster.api.get(r.def.kind, ns, name);
        if (o) out.push({ def: r.def, obj: o });
        else errors.push(`Error from server (NotFound): ${pluralResource(r.def)} "${name}" not found`);
      }
    } else if (sel || has(p, 'all')) {
      for (const o of k.cluster.api.list(r.def.kind, r.def.namespaced && !allNs ? ns : undefined))
        if (!sel || matches(sel, o.metadata.labels)) out.push({ def: r.def, obj: o });
    } else {
      throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
    }
  }
  return out;
}

/** Pod template spec of a workload (or the pod spec of a Pod), for `set image`, `logs deploy/x`, expose. */
export function podSpecOf(o: KObject):
  | {
      containers?: {
        name: string;
        image: string;
        ports?: { containerPort: number; protocol?: string; name?: string }[];
      }[];
      initContainers?: { name: string; image: string }[];
    }
  | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

/** Writes an updated copy; returns the stored object or throws kubectl's error text. */
export function writeBack(
  k: KubectlContext,
  obj: KObject,
  dryRunMode: 'none' | 'client' | 'server' = 'none',
): KObject {
  if (dryRunMode === 'client') return obj;
  const r = k.cluster.api.update(obj, {
    actor: 'kubectl',
    ...(dryRunMode === 'server' ? { dryRun: true } : {}),
  });
  if (!r.ok)
    throw new KubectlError(
      r.error.reason === 'Invalid'
        ? r.error.message
        : `Error from server (${r.error.reason}): ${r.error.message}`,
    );
  return r.obj;
}
