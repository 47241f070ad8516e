/** Table rows for `kubectl get`: the kind's printer plus the NAMESPACE, LABELS and kind-prefix decorations. */
import type { KObject } from '../../../sim/api/types';
import { formatLabels } from '../../../sim/api/labels';
import type { PrintContext } from './common';
import { genericHeaders, genericRow } from './generic';
import { printerFor } from './registry';
import './index';

export interface TableOptions {
  wide: boolean;
  /** Adds the NAMESPACE column first. */
  allNamespaces: boolean;
  showLabels: boolean;
  /** `-L app,tier`: one upper-cased column per label key. */
  labelColumns?: string[];
  /** Prefix names with `kind.group/` (several kinds in one listing). */
  kindPrefix?: string;
}

export function headerRow(kind: string, o: TableOptions): string[] {
  const p = printerFor(kind);
  const h = p ? p.headers(o.wide) : genericHeaders();
  const extra = (o.labelColumns ?? []).map((key) => (key.split('/').pop() ?? key).toUpperCase());
  return [...(o.allNamespaces ? ['NAMESPACE'] : []), ...h, ...extra, ...(o.showLabels ? ['LABELS'] : [])];
}

export function objectRow(obj: KObject, pc: PrintContext, o: TableOptions): string[] {
  const p = printerFor(obj.kind);
  const row = p ? p.row(obj, pc, o.wide) : genericRow(obj, pc);
  if (o.kindPrefix) row[0] = `${o.kindPrefix}/${row[0]}`;
  return [
    ...(o.allNamespaces ? [obj.metadata.namespace ?? ''] : []),
    ...row,
    ...(o.labelColumns ?? []).map((key) => obj.metadata.labels?.[key] ?? ''),
    ...(o.showLabels ? [formatLabels(obj.metadata.labels)] : []),
  ];
}
