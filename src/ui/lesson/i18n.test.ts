import { describe, expect, it } from 'vitest';
import { en, zh } from './i18n';

describe('lesson UI strings', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[k].trim(), k).not.toBe('');
      expect(zh[k].trim(), k).not.toBe('');
      const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(vars(zh[k]), k).toEqual(vars(en[k]));
    }
  });
});
