/**
 * Label selectors: equality- and set-based, both as strings (`app=web,tier in (fe,be),!canary`) and as
 * LabelSelector objects (matchLabels / matchExpressions).
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from './types';

export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | '=' | '!=';
  values: string[];
}

export type Selector = Requirement[];

/** Matches labels against parsed requirements (all must hold). An empty selector matches everything. */
export function matches(sel: Selector, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
      case 'In':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case '!=':
      case 'NotIn':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Converts a LabelSelector object into requirements. A null/undefined selector matches nothing. */
export function fromLabelSelector(s: LabelSelector | undefined | null): Selector | null {
  if (!s) return null;
  const out: Selector = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({ key: k, op: '=', values: [v] });
  }
  for (const e of s.matchExpressions ?? []) out.push({ key: e.key, op: e.operator, values: e.values ?? [] });
  return out;
}

/** Matches a LabelSelector object; `undefined`/`null` selects nothing, `{}` selects everything. */
export function selectorMatches(s: LabelSelector | undefined | null, labels: Labels | undefined): boolean {
  const sel = fromLabelSelector(s);
  return sel !== null && matches(sel, labels);
}

/** A map selector (Service.spec.selector, nodeSelector): every pair must match. */
export function mapMatches(sel: Labels | undefined, labels: Labels | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const k in sel) if (l[k] !== sel[k]) return false;
  return true;
}

/** Parses a kubectl `-l` string. Throws an Error with kubectl's wording on a bad selector. */
export function parseSelector(text: string): Selector {
  const out: Selector = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() || parts.length) parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) throw new Error(`unable to parse requirement: found '', expected: identifier`);
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p))) {
      out.push({
        key: m[1]!,
        op: m[2] === 'in' ? 'In' : 'NotIn',
        values: m[3]!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      });
    } else if ((m = /^!\s*([^\s!=()]+)$/.exec(p))) {
      out.push({ key: m[1]!, op: 'DoesNotExist', values: [] });
    } else if ((m = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=()]*)$/.exec(p))) {
      out.push({ key: m[1]!, op: m[2] === '!=' ? '!=' : '=', values: [m[3]!] });
    } else if ((m = /^([^\s!=()]+)$/.exec(p))) {
      out.push({ key: m[1]!, op: 'Exists', values: [] });
    } else {
      throw new Error(`unable to parse requirement: ${p}`);
    }
  }
  return out;
}

/** Renders a LabelSelector the way kubectl describe / get -o wide print it: `app=web,tier in (fe)`. */
export function formatLabelSelector(s: LabelSelector | undefined): string {
  if (!s) return '<none>';
  // As metav1.LabelSelectorAsSelector prints it: requirements sorted by key, an operator's values sorted.
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of s.matchExpressions ?? ([] as LabelSelectorRequirement[])) {
    const text =
      e.operator === 'Exists'
        ? e.key
        : e.operator === 'DoesNotExist'
          ? `!${e.key}`
          : `${e.key} ${e.operator.toLowerCase()} (${[...new Set(e.values ?? [])].sort().join(',')})`;
    parts.push({ key: e.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.length ? parts.map((p) => p.text).join(',') : '<none>';
}

/** Renders a label map: `app=web,tier=fe` (sorted), `<none>` when empty. */
export function formatLabels(l: Labels | undefined): string {
  const keys = Object.keys(l ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${l![k]}`).join(',') : '<none>';
}
