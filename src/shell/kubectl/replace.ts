/** kubectl replace -f: a full update of existing objects (`--force` deletes and re-creates them). */
import type { KObject } from '../../sim/api/types';
import { KubectlError } from './errors';
import { readManifests } from './manifest';
import { apiErrorText, applyNamespace, mapKind, reportWrite } from './write';
import {
  boolFlag,
  DRY_RUN_FLAG,
  dryRun,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  type VerbDef,
} from './verb';

export const replace: VerbDef = {
  name: 'replace',
  summary: { en: 'Replace a resource by file name or stdin', zh: '通过文件名或标准输入替换资源' },
  usage: 'kubectl replace -f FILENAME [options]',
  long: 'Replace a resource by file name or stdin.\n\n JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided.',
  examples:
    '  # Replace a pod using the data in pod.json\n  kubectl replace -f ./pod.json\n\n  # Force replace, delete and then re-create the resource\n  kubectl replace --force -f ./pod.json',
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    boolFlag('force', 'If true, immediately remove resources from API and bypass graceful deletion.'),
  ],
  run(k, p) {
    const docs = readManifests(k, p);
    for (const d of docs) mapKind(k, d);
    const mode = dryRun(p);
    const force = p.flags.get('force') === 'true';
    let status = 0;
    for (const doc of docs) {
      const def = mapKind(k, doc);
      const obj: KObject = structuredClone(doc.obj);
      try {
        applyNamespace(k, def, obj);
        const cur = k.cluster.api.get(def.kind, obj.metadata.namespace, obj.metadata.name);
        if (!cur)
          throw new KubectlError(
            `Error from server (NotFound): error when replacing "${doc.source}": ${def.group ? `${def.plural}.${def.group}` : def.plural} "${obj.metadata.name}" not found`,
          );
        if (mode === 'client') {
          reportWrite(k, p, [{ obj, verb: 'replaced' }]);
          continue;
        }
        if (force && mode === 'none') {
          const del = k.cluster.api.delete(def.kind, obj.metadata.namespace, obj.metadata.name, {
            actor: 'kubectl',
            gracePeriodSeconds: 0,
          });
          if (!del.ok) throw new KubectlError(apiErrorText(del.error));
          k.out(
            `${def.group ? `${def.kind.toLowerCase()}.${def.group}` : def.kind.toLowerCase()} "${obj.metadata.name}" deleted\n`,
          );
          for (
            let i = 0;
            i < 120 && k.cluster.api.get(def.kind, obj.metadata.namespace, obj.metadata.name);
            i++
          )
            k.cluster.advance(1000);
          const r = k.cluster.api.create(obj, { actor: 'kubectl' });
          if (!r.ok) throw new KubectlError(apiErrorText(r.error, 'creating', doc.source));
          reportWrite(k, p, [{ obj: r.obj, verb: 'replaced' }]);
          continue;
        }
        const r = k.cluster.api.update(obj, { actor: 'kubectl', dryRun: mode === 'server' });
        if (!r.ok) throw new KubectlError(apiErrorText(r.error, 'replacing', doc.source));
        reportWrite(k, p, [{ obj: r.obj, verb: 'replaced' }]);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        k.err(e.text + '\n');
        status = 1;
      }
    }
    return status;
  },
};
