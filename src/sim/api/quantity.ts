/**
 * Kubernetes resource quantities (`500m`, `2`, `128Mi`, `1G`, `1e3`). CPU is handled in millicores, everything
 * else in base units (bytes for memory).
 */
import { memoize } from '../util/memo';
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY_RE = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** True for a syntactically valid quantity. */
export function isQuantity(q: unknown): boolean {
  if (typeof q === 'number') return Number.isFinite(q);
  return typeof q === 'string' && QUANTITY_RE.test(q.trim()) && !Number.isNaN(parseQuantity(q));
}

/** Value in base units (memory: bytes; cpu: cores). NaN when invalid. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  return parsedQuantity(q);
}

/** Quantities seen before (`100m`, `128Mi` come back with every pod). */
const parsedQuantity = memoize(parseQuantityText);

function parseQuantityText(q: string): number {
  const m = QUANTITY_RE.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || m[1] === '.' || m[1] === '') return NaN;
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix]!;
  if (suffix in DECIMAL) return n * DECIMAL[suffix]!;
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return NaN;
}

/** CPU quantity in millicores (`500m` → 500, `2` → 2000). */
export function parseCpuMillis(q: string | number | undefined): number {
  return Math.round(parseQuantity(q) * 1000);
}

/** Memory quantity in bytes. */
export function parseBytes(q: string | number | undefined): number {
  return Math.round(parseQuantity(q));
}

/** Millicores as kubectl prints them: `250m`, `2`, `1500m`. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Bytes as kubectl prints them: the largest binary suffix that divides evenly (`128Mi`, `4Gi`), else bytes. */
export function formatBytes(bytes: number): string {
  for (const [suf, f] of [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes >= f && bytes % f === 0) return `${bytes / f}${suf}`;
  }
  return String(bytes);
}
