/** Namespaces: `NAME STATUS AGE` and describe. */
import type { KObject } from '../../../sim/api/types';
import { ageOf, DescribeWriter, rfc1123z, type PrintContext } from './common';
import { registerPrinter } from './registry';
import { limitRows, quotaRows } from './storage';

export function describeNamespace(obj: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  w.map(0, 'Labels', obj.metadata.labels);
  w.annotations(0, obj.metadata.annotations);
  w.kv(0, 'Status', obj.status?.phase ?? 'Active');
  // describe.go DescribeNamespace: the deletion conditions, when there are some.
  const conds = (obj.status?.conditions ?? []) as {
    type: string;
    status: string;
    lastTransitionTime?: string;
    reason?: string;
    message?: string;
  }[];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t------------------\t------\t-------');
    for (const c of conds)
      w.line(
        1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}`,
      );
  }
  // One writer, as DescribeResourceQuotas and DescribeLimitRanges write to describe's: `Name:` aligns with the rows.
  const quotas = pc.list('ResourceQuota', obj.metadata.name);
  w.raw('');
  if (quotas.length) {
    w.raw('Resource Quotas');
    for (const q of quotas) {
      w.line(1, `Name:\t${q.metadata.name}`);
      for (const r of quotaRows(q, '  ')) w.raw(r);
    }
  } else w.raw('No resource quota.');
  const limits = pc.list('LimitRange', obj.metadata.name);
  w.raw('');
  if (limits.length) {
    w.raw('Resource Limits');
    for (const l of limits) for (const r of limitRows(l, ' ')) w.raw(r);
  } else w.raw('No LimitRange resource.');
  return w.toString();
}

registerPrinter({
  kind: 'Namespace',
  headers: () => ['NAME', 'STATUS', 'AGE'],
  row: (obj, pc) => [
    obj.metadata.name,
    obj.status?.phase ?? 'Active',
    ageOf(pc, obj.metadata.creationTimestamp),
  ],
  describe: describeNamespace,
});
