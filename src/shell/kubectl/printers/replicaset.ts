/** ReplicaSets: `NAME DESIRED CURRENT READY AGE` (+ CONTAINERS IMAGES SELECTOR) and describe. */
import type { KObject, Pod, ReplicaSet } from '../../../sim/api/types';
import { formatLabelSelector, selectorMatches } from '../../../sim/api/labels';
import { ageOf, DescribeWriter, type PrintContext } from './common';
import { describePodTemplate } from './podTemplate';
import { registerPrinter } from './registry';

export function describeReplicaSet(obj: KObject, pc: PrintContext): string {
  const rs = obj as ReplicaSet;
  const w = new DescribeWriter();
  w.kv(0, 'Name', rs.metadata.name);
  w.kv(0, 'Namespace', rs.metadata.namespace);
  w.kv(0, 'Selector', formatLabelSelector(rs.spec.selector));
  w.map(0, 'Labels', rs.metadata.labels);
  w.annotations(0, rs.metadata.annotations);
  const owner = rs.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.kv(0, 'Controlled By', `${owner.kind}/${owner.name}`);
  w.kv(0, 'Replicas', `${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired`);
  const pods = (pc.list('Pod', rs.metadata.namespace) as Pod[]).filter(
    (p) =>
      p.metadata.ownerReferences?.some((o) => o.controller && o.uid === rs.metadata.uid) ??
      selectorMatches(rs.spec.selector, p.metadata.labels),
  );
  const count = (ph: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === ph).length;
  w.kv(
    0,
    'Pods Status',
    `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`,
  );
  describePodTemplate(w, rs.spec.template);
  // describe.go DescribeReplicaSet: the conditions (ReplicaFailure) only when there are some.
  const conds = (rs.status?.conditions ?? []) as { type: string; status: string; reason?: string }[];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason');
    w.line(1, '----\t------\t------');
    for (const c of conds) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
  }
  return w.events(pc, obj).toString();
}

registerPrinter({
  kind: 'ReplicaSet',
  headers: (wide) =>
    wide
      ? ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']
      : ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  row(obj, pc, wide) {
    const rs = obj as ReplicaSet;
    const row = [
      rs.metadata.name,
      String(rs.spec.replicas ?? 1),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      ageOf(pc, rs.metadata.creationTimestamp),
    ];
    if (wide) {
      const cs = rs.spec.template?.spec?.containers ?? [];
      row.push(
        cs.map((c) => c.name).join(','),
        cs.map((c) => c.image).join(','),
        formatLabelSelector(rs.spec.selector),
      );
    }
    return row;
  },
  describe: describeReplicaSet,
});
