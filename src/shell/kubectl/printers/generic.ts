/**
 * The fallback for kinds without their own printer: `NAME AGE` in tables and kubectl's generic describer
 * (Name / Namespace / Labels / Annotations, then every other field with its key in Title Case).
 */
import type { KObject } from '../../../sim/api/types';
import { ageOf, DescribeWriter, type PrintContext } from './common';

export const genericHeaders = (): string[] => ['NAME', 'AGE'];
export const genericRow = (obj: KObject, pc: PrintContext): string[] => [
  obj.metadata.name,
  ageOf(pc, obj.metadata.creationTimestamp),
];

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** Splits camelCase into runs of lower, upper, digit and other characters; `HTMLParser` → `HTML`, `Parser`. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1]!.push(c);
    else runs.push([c]);
    last = k;
  }
  // an upper run followed by a lower run gives its last letter to the lower one
  for (let i = 0; i < runs.length - 1; i++) {
    const a = runs[i]!;
    const b = runs[i + 1]!;
    if (cls(a[0]!) === 2 && cls(b[0]!) === 1) b.unshift(a.pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/**
 * kubectl's smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`; a key with
 * anything but letters and `-` stays as written.
 */
export function titleCase(key: string): string {
  if ([...key].some((c) => c !== '-' && !/\p{L}/u.test(c))) return key;
  return camelSplit(key)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
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
  for (const k of Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    writeValue(w, level, titleCase(k), o[k]);
}

export function describeGeneric(obj: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${obj.metadata.name}`);
  w.line(0, `Namespace:\t${obj.metadata.namespace ?? ''}`);
  w.map(0, 'Labels', obj.metadata.labels);
  w.annotations(0, obj.metadata.annotations);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'metadata') rest[k] = v;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj.metadata))
    if (!['name', 'namespace', 'labels', 'annotations'].includes(k)) meta[k] = v;
  rest.metadata = meta;
  writeFields(w, 0, rest);
  return w.events(pc, obj).toString();
}
