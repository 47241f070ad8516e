/**
 * `kubectl rollout history|undo` for DaemonSets and StatefulSets, read from their ControllerRevisions.
 */
import type { KindDef } from '../../sim/api/kinds';
import type { KObject } from '../../sim/api/types';
import { canonical } from '../../sim/controllers/podTemplateHash';
import { CHANGE_CAUSE, revisionsOf, revisionTemplate } from '../../sim/controllers/controllerRevisions';
import { fail, KubectlError } from './errors';
import { DescribeWriter } from './printers/common';
import { describePodTemplate } from './printers/podTemplate';
import { tabwrite } from './tabwriter';
import { writeBack } from './targets';
import { dryRun, intFlag, type KubectlContext, type Parsed } from './verb';

export const hasRevisions = (def: KindDef) => def.kind === 'DaemonSet' || def.kind === 'StatefulSet';

const head = (def: KindDef, name: string) => `${def.singular}.${def.group}/${name}`;

function owner(k: KubectlContext, def: KindDef, name: string): KObject {
  const o = k.cluster.api.get(def.kind, k.namespace, name);
  if (!o)
    throw new KubectlError(`Error from server (NotFound): ${def.plural}.${def.group} "${name}" not found`);
  return o;
}

/** `kubectl rollout history daemonset/x [--revision=N]` */
export function revisionHistory(k: KubectlContext, p: Parsed, def: KindDef, name: string): void {
  const o = owner(k, def, name);
  const revs = revisionsOf(k.cluster, o);
  const rev = intFlag(p, 'revision');
  if (rev !== undefined && rev > 0) {
    const cr = revs.find((r) => r.revision === rev);
    if (!cr) fail(`unable to find the specified revision`);
    const w = new DescribeWriter();
    describePodTemplate(w, revisionTemplate(cr));
    k.out(`${head(def, name)} with revision #${rev}\n${w.plain()}\n`);
    return;
  }
  const rows = [
    ['REVISION', 'CHANGE-CAUSE'],
    ...revs.map((r) => [String(r.revision ?? 0), r.metadata.annotations?.[CHANGE_CAUSE] ?? '<none>']),
  ];
  k.out(`${head(def, name)} \n${tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', 0, 2)}\n`);
}

/**
 * `kubectl rollout undo daemonset/x [--to-revision=N]`: the operation kubectl prints after the name (with
 * `--dry-run=client`, the template it would roll back to) and the object as read before.
 */
export function revisionUndo(
  k: KubectlContext,
  p: Parsed,
  def: KindDef,
  name: string,
): { obj: KObject; operation: string } {
  const o = owner(k, def, name);
  const revs = revisionsOf(k.cluster, o);
  const to = intFlag(p, 'to-revision') ?? 0;
  if (to < 0) fail(`unable to find specified revision ${to} in history`);
  if (to === 0 && revs.length <= 1) fail('no last revision to roll back to');
  const target =
    to === 0
      ? [...revs].sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[1]
      : revs.find((r) => r.revision === to);
  if (!target) fail(`unable to find specified revision ${to} in history`);
  const tpl = revisionTemplate(target);
  const mode = dryRun(p);
  if (mode === 'client') {
    const w = new DescribeWriter();
    describePodTemplate(w, tpl);
    return { obj: o, operation: `will roll back to ${w.plain()}` };
  }
  if (canonical(tpl) === canonical(o.spec.template))
    return {
      obj: o,
      operation: `skipped rollback (current template already matches revision ${target.revision})`,
    };
  const copy = structuredClone(o);
  copy.spec.template = tpl;
  writeBack(k, copy, mode);
  return { obj: o, operation: 'rolled back' };
}
