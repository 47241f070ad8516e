/**
 * The fallback for kinds without their own printer: `NAME AGE` in tables and kubectl's generic describer
 * (Name / Namespace / Labels / Annotations, then every other field with its key in Title Case).
 */
import type { KObject } from '../../../sim/api/types';
import { ageOf, describeEvents, DescribeWriter, type PrintContext } from './common';

export const genericHeaders = (): string[] => ['NAME', 'AGE'];
export const genericRow = (obj: KObject, pc: PrintContext): string[] => [
  obj.metadata.name,
  ageOf(pc, obj.metadata.creationTimestamp),
];

/** `creationTimestamp` → `Creation Timestamp`. */
export function titleCase(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function writeValue(w: DescribeWriter, level: number, key: string, v: unknown): void {
  if (v === null || v === undefined) return w.line(level, `${key}:\t<nil>`);
  if (Array.isArray(v)) {
    w.line(level, `${key}:`);
    for (const item of v) {
      if (item && typeof item === 'object') {
        writeFields(w, level + 1, item as Record<string, unknown>);
      } else w.line(level + 1, String(item));
    }
    return;
  }
  if (typeof v === 'object') {
    w.line(level, `${key}:`);
    writeFields(w, level + 1, v as Record<string, unknown>);
    return;
  }
  w.line(level, `${key}:\t${String(v)}`);
}

function writeFields(w: DescribeWriter, level: number, o: Record<string, unknown>): void {
  for (const k of Object.keys(o).sort()) writeValue(w, level, titleCase(k), o[k]);
}

export function describeGeneric(obj: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.kv(0, 'Name', obj.metadata.name);
  if (obj.metadata.namespace) w.kv(0, 'Namespace', obj.metadata.namespace);
  w.map(0, 'Labels', obj.metadata.labels);
  w.annotations(0, obj.metadata.annotations);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'metadata') rest[k] = v;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj.metadata))
    if (!['name', 'namespace', 'labels', 'annotations'].includes(k)) meta[k] = v;
  rest.metadata = meta;
  writeValue(w, 0, 'API Version', rest.apiVersion);
  delete rest.apiVersion;
  writeFields(w, 0, rest);
  return w.toString() + describeEvents(pc, obj);
}
