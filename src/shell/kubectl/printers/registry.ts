/**
 * Printers keyed by kind: table columns for `get` (normal and wide) and the describe body. Kinds without an
 * entry print `NAME AGE` and a generic describe. Other engineers add kinds with {@link registerPrinter}.
 */
import type { KObject } from '../../../sim/api/types';
import type { PrintContext } from './common';

export interface TablePrinter {
  kind: string;
  /** Header cells (without NAMESPACE / LABELS, which get adds). */
  headers(wide: boolean): string[];
  /** One row per object; a kind may print several rows per object (rare). */
  row(obj: KObject, pc: PrintContext, wide: boolean): string[];
  /** The describe body, when the kind has a specific one. */
  describe?(obj: KObject, pc: PrintContext): string;
}

const printers = new Map<string, TablePrinter>();

export function registerPrinter(p: TablePrinter): void {
  printers.set(p.kind, p);
}

export function printerFor(kind: string): TablePrinter | undefined {
  return printers.get(kind);
}
