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
  let out = w.toString();
  const quotas = pc.list('ResourceQuota', obj.metadata.name);
  out += quotas.length
    ? `\nResource Quotas\n${quotas.map((q) => `  Name:  ${q.metadata.name}\n${quotaRows(q, '  ')}`).join('')}`
    : '\nNo resource quota.\n';
  const limits = pc.list('LimitRange', obj.metadata.name);
  out += limits.length
    ? `\nResource Limits\n${limits.map((q) => limitRows(q, ' ')).join('')}`
    : '\nNo LimitRange resource.\n';
  return out;
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
