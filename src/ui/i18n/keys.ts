/** Flat key lists of the UI texts, so tests (and the lessons' text check) can compare the two languages. */
import { en } from './en';
import { zh } from './zh';

/** Dotted paths of every string leaf, sorted. */
export function flattenKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) out.push(...flattenKeys(v, prefix ? `${prefix}.${k}` : k));
  return out.sort();
}

export const enKeys: string[] = flattenKeys(en);
export const zhKeys: string[] = flattenKeys(zh);

/** Keys present in one language and missing in the other. */
export function missingKeys(): { missingInZh: string[]; missingInEn: string[] } {
  const zs = new Set(zhKeys);
  const es = new Set(enKeys);
  return { missingInZh: enKeys.filter((k) => !zs.has(k)), missingInEn: zhKeys.filter((k) => !es.has(k)) };
}
