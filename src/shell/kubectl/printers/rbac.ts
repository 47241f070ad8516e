/**
 * Table columns of the RBAC kinds and PriorityClass, as kubectl's server-side printers define them: roles
 * show `CREATED AT` (RFC 3339) instead of an age; bindings show `Kind/name` of their role and, wide, their
 * subjects by kind; priority classes their value, default flag and preemption policy.
 */
import type { KObject } from '../../../sim/api/types';
import { ageOf } from './common';
import { registerPrinter } from './registry';

for (const kind of ['Role', 'ClusterRole'])
  registerPrinter({
    kind,
    headers: () => ['NAME', 'CREATED AT'],
    row: (o) => [o.metadata.name, String(o.metadata.creationTimestamp ?? '').replace(/\.\d+Z$/, 'Z')],
  });

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}
const subjects = (o: KObject, kind: string, show: (s: Subject) => string) =>
  ((o.subjects ?? []) as Subject[])
    .filter((s) => s.kind === kind)
    .map(show)
    .join(', ');

for (const kind of ['RoleBinding', 'ClusterRoleBinding'])
  registerPrinter({
    kind,
    headers: (wide) => ['NAME', 'ROLE', 'AGE', ...(wide ? ['USERS', 'GROUPS', 'SERVICEACCOUNTS'] : [])],
    row: (o, pc, wide) => {
      const ref = (o.roleRef ?? {}) as { kind?: string; name?: string };
      const cells = [
        o.metadata.name,
        `${ref.kind ?? ''}/${ref.name ?? ''}`,
        ageOf(pc, o.metadata.creationTimestamp),
      ];
      if (!wide) return cells;
      return [
        ...cells,
        subjects(o, 'User', (s) => s.name ?? ''),
        subjects(o, 'Group', (s) => s.name ?? ''),
        subjects(o, 'ServiceAccount', (s) => `${s.namespace ?? ''}/${s.name ?? ''}`),
      ];
    },
  });

registerPrinter({
  kind: 'PriorityClass',
  headers: () => ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  row: (o, pc) => [
    o.metadata.name,
    String(o.value ?? 0),
    String(o.globalDefault === true),
    ageOf(pc, o.metadata.creationTimestamp),
    String(o.preemptionPolicy ?? ''),
  ],
});
