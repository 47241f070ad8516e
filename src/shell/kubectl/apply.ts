/** kubectl apply -f: created / configured / unchanged, with the last-applied annotation and a 3-way merge. */
import type { KObject } from '../../sim/api/types';
import { readManifests } from './manifest';
import { KubectlError } from './errors';
import {
  apiErrorText,
  applyNamespace,
  LAST_APPLIED,
  lastAppliedOf,
  mapKind,
  reportWrite,
  threeWayMerge,
  withLastApplied,
  writeOptions,
} from './write';
import {
  fieldValidation,
  VALIDATE_FLAG,
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  flag,
  has,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';
import type { ManifestDoc } from './manifest';
import { pluralResource } from './client';

export const apply: VerbDef = {
  name: 'apply',
  summary: {
    en: 'Apply a configuration to a resource by file name or stdin',
    zh: '通过文件名或标准输入将配置应用到资源',
  },
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.",
  examples: `  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

  # Apply every manifest in a folder
  kubectl apply -f ./manifests/`,
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    boolFlag('server-side', 'If true, apply runs in the server instead of the client.'),
    boolFlag('force-conflicts', 'If true, server-side apply will force the changes against conflicts.'),
    flag('field-manager', 'Name of the manager used to track field ownership.'),
    boolFlag('force', 'If true, immediately remove resources from API and bypass graceful deletion.'),
  ],
  run(k, p) {
    const docs = readManifests(k, p);
    const mode = dryRun(p);
    fieldValidation(p);
    let status = 0;
    const done: { obj: KObject; verb: string }[] = [];
    for (const doc of docs) mapKind(k, doc); // unknown kinds stop everything before any write, as in kubectl
    if (has(p, 'server-side')) return serverSideApply(k, p, docs);
    for (const doc of docs) {
      try {
        const def = mapKind(k, doc);
        const obj = structuredClone(doc.obj);
        applyNamespace(k, def, obj);
        const modified = withLastApplied(obj);
        const current = k.cluster.api.get(def.kind, obj.metadata.namespace, obj.metadata.name);
        if (!current) {
          if (mode === 'client') {
            done.push({ obj: modified, verb: 'created' });
            continue;
          }
          const r = k.cluster.api.create(modified, writeOptions(k, p, mode));
          if (!r.ok) throw new KubectlError(apiErrorText(r.error, 'creating', doc.source));
          done.push({ obj: r.obj, verb: 'created' });
          continue;
        }
        const prev = current.metadata.annotations?.[LAST_APPLIED];
        if (prev === undefined)
          k.err(
            `Warning: resource ${pluralResource(def)}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        let original: unknown;
        try {
          original = prev ? JSON.parse(prev) : undefined;
        } catch {
          original = undefined;
        }
        const merged = threeWayMerge(original, modified, current) as KObject;
        merged.metadata.annotations = {
          ...(merged.metadata.annotations ?? {}),
          [LAST_APPLIED]: lastAppliedOf(obj),
        };
        delete merged.metadata.resourceVersion;
        if (mode === 'client') {
          const same = JSON.stringify(merged) === JSON.stringify(current) || prev === lastAppliedOf(obj);
          done.push({ obj: merged, verb: same ? 'unchanged' : 'configured' });
          continue;
        }
        const r = k.cluster.api.update(merged, writeOptions(k, p, mode));
        if (!r.ok) throw new KubectlError(apiErrorText(r.error, 'applying patch to', doc.source));
        const unchanged =
          mode === 'server'
            ? r.obj === current || JSON.stringify(r.obj) === JSON.stringify(current)
            : r.obj.metadata.resourceVersion === current.metadata.resourceVersion;
        done.push({ obj: r.obj, verb: unchanged ? 'unchanged' : 'configured' });
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        if (done.length) reportWrite(k, p, done.splice(0));
        k.err(e.text + '\n');
        status = 1;
      }
    }
    if (done.length) reportWrite(k, p, done);
    return status;
  },
};

/**
 * `kubectl apply --server-side`: the server merges the applied fields into the live object; kubectl keeps no
 * last-applied annotation and reports every object as `serverside-applied`, changed or not. The simulation
 * tracks no managedFields, so fields dropped from a later apply stay (real SSA removes fields this manager
 * owned alone).
 */
function serverSideApply(k: KubectlContext, p: Parsed, docs: ManifestDoc[]): number {
  const mode = dryRun(p);
  if (mode === 'client')
    throw new KubectlError(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  let status = 0;
  const done: { obj: KObject; verb: string }[] = [];
  for (const doc of docs) {
    try {
      const def = mapKind(k, doc);
      const obj = structuredClone(doc.obj);
      applyNamespace(k, def, obj);
      const current = k.cluster.api.get(def.kind, obj.metadata.namespace, obj.metadata.name);
      const opts = { actor: 'kubectl' as const, dryRun: mode === 'server' };
      let r;
      if (!current) r = k.cluster.api.create(obj, opts);
      else {
        const merged = threeWayMerge(undefined, obj, current) as KObject;
        delete merged.metadata.resourceVersion;
        r = k.cluster.api.update(merged, opts);
      }
      if (!r.ok) throw new KubectlError(apiErrorText(r.error));
      done.push({ obj: r.obj, verb: 'serverside-applied' });
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      if (done.length) reportWrite(k, p, done.splice(0));
      k.err(e.text + '\n');
      status = 1;
    }
  }
  if (done.length) reportWrite(k, p, done);
  return status;
}
