/**
 * The reader under every schema reader of the lesson loader: one file's data, its issues with their field paths,
 * and the YAML parse that turns a syntax error into an issue.
 */
import { parse, YAMLParseError } from 'yaml';
import type { LoadIssue, Text } from '../types';

export interface LoadStats {
  /** Texts (each {en, zh} pair counts once per missing side). */
  texts: number;
  missingEn: number;
  missingZh: number;
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one file's data, collecting issues with their field paths. */
export class Reader {
  constructor(
    readonly file: string,
    readonly issues: LoadIssue[],
    readonly stats: LoadStats,
  ) {}

  issue(field: string, message: string): void {
    this.issues.push({ file: this.file, field: field || '(root)', message });
  }

  keys(o: Obj, field: string, allowed: string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k))
        this.issue(join(field, k), `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
    }
  }

  obj(v: unknown, field: string): Obj | undefined {
    if (v === undefined || v === null) {
      this.issue(field, 'required');
      return undefined;
    }
    if (!isObj(v)) {
      this.issue(field, `must be a mapping, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  arr(v: unknown, field: string, required = false): unknown[] {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return [];
    }
    if (!Array.isArray(v)) {
      this.issue(field, `must be a list, got ${describe(v)}`);
      return [];
    }
    return v;
  }

  /**
   * A required list of mappings with known keys: `read` builds an item from each valid mapping and its field path;
   * items that are not mappings are reported and left out.
   */
  items<T>(v: unknown, field: string, allowed: string[], read: (o: Obj, f: string) => T): T[] {
    return this.arr(v, field, true).flatMap((x, i) => {
      const f = join(field, i);
      const o = this.obj(x, f);
      if (!o) return [];
      this.keys(o, f, allowed);
      return [read(o, f)];
    });
  }

  /** A required bilingual text, or an empty pair when it is missing (the issue is already recorded). */
  textOrEmpty(v: unknown, field: string): Text {
    return this.text(v, field) ?? { en: '', zh: '' };
  }

  str(v: unknown, field: string, required = true): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return undefined;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.issue(field, `must be a string, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  num(v: unknown, field: string, required = false): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.issue(field, `must be a number, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  bool(v: unknown, field: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.issue(field, `must be true or false, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A bilingual text; a missing or empty side is an issue and counts in the stats. */
  text(v: unknown, field: string, required = true): Text | undefined {
    if (v === undefined || v === null) {
      if (required) {
        this.issue(field, 'required: { en: …, zh: … }');
        this.stats.texts++;
        this.stats.missingEn++;
        this.stats.missingZh++;
      }
      return undefined;
    }
    this.stats.texts++;
    if (typeof v === 'string') {
      this.issue(field, 'must give both languages: { en: …, zh: … }');
      this.stats.missingZh++;
      return { en: v, zh: '' };
    }
    if (!isObj(v)) {
      this.issue(field, `must be { en: …, zh: … }, got ${describe(v)}`);
      this.stats.missingEn++;
      this.stats.missingZh++;
      return undefined;
    }
    this.keys(v, field, ['en', 'zh']);
    const out: Text = { en: '', zh: '' };
    for (const lang of ['en', 'zh'] as const) {
      const s = v[lang];
      if (typeof s === 'number') out[lang] = String(s);
      else if (typeof s === 'string' && s.trim()) out[lang] = s;
      else {
        this.issue(join(field, lang), lang === 'en' ? 'missing English text' : 'missing Chinese text');
        if (lang === 'en') this.stats.missingEn++;
        else this.stats.missingZh++;
      }
    }
    return out;
  }

  regex(v: unknown, field: string): string | undefined {
    const s = this.str(v, field, false);
    if (s === undefined) return undefined;
    try {
      new RegExp(s);
    } catch (e) {
      this.issue(field, `not a valid regular expression: ${(e as Error).message}`);
      return undefined;
    }
    return s;
  }
}

export function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

export function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

/** Parses YAML text; a syntax error becomes an issue with its line and column. */
export function parseYamlFile(file: string, text: string, issues: LoadIssue[]): unknown {
  try {
    return parse(text, { prettyErrors: true, maxAliasCount: 50, uniqueKeys: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      issues.push({
        file,
        field: pos ? `line ${pos.line}, column ${pos.col}` : '(yaml)',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      });
    } else issues.push({ file, field: '(yaml)', message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
}
