/**
 * Server-side printing: the `meta.k8s.io/v1` Table kubectl asks for (`Accept: application/json;as=Table;…`).
 * Columns and cells come from the same printers as the in-app kubectl (src/shell/kubectl/printers): one printer,
 * two paths. Columns only `-o wide` shows carry priority 1, as kube-apiserver's printers mark them.
 */
import type { KObject } from '../sim/api/types';
import { printerFor, genericHeaders, genericRow, type PrintContext } from '../shell/kubectl/printers';
import { moveTime } from './wallDates';

/** Columns that print a date (kube-apiserver's printers type them `date`): RFC 3339 creation times. */
const DATE_COLUMNS = new Set(['CREATED AT']);

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Whether an Accept header asks for a Table (meta.k8s.io v1 or v1beta1). */
export function wantsTable(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    if (!/as=Table/.test(part) || !/g=meta\.k8s\.io/.test(part)) continue;
    if (/v=v1beta1/.test(part)) return 'v1beta1';
    if (/v=v1(;|$|\s)/.test(part)) return 'v1';
  }
  return undefined;
}

/**
 * The kind's columns: the wide header list, each column marked priority 0 when the normal listing shows it.
 * (Every printer's normal columns are its wide columns minus some, in the same order.)
 */
export function columnsOf(kind: string): TableColumn[] {
  const p = printerFor(kind);
  const wide = p ? p.headers(true) : genericHeaders();
  const normal = p ? p.headers(false) : genericHeaders();
  let j = 0;
  return wide.map((h, i) => {
    const shown = normal[j] === h;
    if (shown) j++;
    return {
      name: h,
      type: DATE_COLUMNS.has(h) ? 'date' : 'string',
      format: i === 0 ? 'name' : '',
      description: i === 0 ? 'Name must be unique within a namespace.' : '',
      priority: shown ? 0 : 1,
    };
  });
}

function rowObject(o: KObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** A Table of objects of one kind; `headers` false leaves the column definitions out (later watch events). */
export function toTable(
  kind: string,
  objs: KObject[],
  pc: PrintContext,
  opts: {
    include: IncludeObject;
    headers: boolean;
    resourceVersion?: string;
    version: 'v1' | 'v1beta1';
    /** Wall minus simulation ms, by which date cells move as the objects' timestamps do (see wallDates.ts). */
    timeDelta?: number;
  },
): unknown {
  const p = printerFor(kind);
  const delta = opts.timeDelta ?? 0;
  const dateAt = delta ? columnsOf(kind).flatMap((c, i) => (c.type === 'date' ? [i] : [])) : [];
  const rows = objs.map((o) => {
    const cells = p ? p.row(o, pc, true) : genericRow(o, pc);
    for (const i of dateAt) cells[i] = moveTime(cells[i] ?? '', delta);
    const object = rowObject(o, opts.include);
    return { cells, ...(object ? { object } : {}) };
  });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {},
    columnDefinitions: opts.headers ? columnsOf(kind) : null,
    rows,
  };
}
