/** Namespaces: `NAME STATUS AGE` and describe. */
import type { KObject } from '../../../sim/api/types';
import { ageOf, DescribeWriter, type PrintContext } from './common';
import { registerPrinter } from './registry';
import { limitRows, quotaRows } from './storage';

export function describeNamespace(obj: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  w.map(0, 'Labels', obj.metadata.labels);
  w.annotations(0, obj.metadata.annotations);
  w.kv(0, 'Status', obj.status?.phase ?? 'Active');
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
