/**
 * The transcript corpus stays byte for byte (see corpus.ts). A difference here is a behaviour change: if it is
 * intended, rewrite the goldens with `npx tsx src/cli/corpus.ts --write` and let the diff show what changed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusEntries, goldenDir } from './corpus';

const entries = corpusEntries();

describe('transcript corpus', () => {
  it('has a golden transcript for every entry and no stale ones', () => {
    const names = new Set(entries.map((e) => `${e.name}.txt`));
    expect(readdirSync(goldenDir).filter((f) => !names.has(f))).toEqual([]);
    expect(entries.length).toBeGreaterThan(50);
  });
  for (const e of entries) {
    it(`${e.name} is unchanged`, () => {
      const file = join(goldenDir, `${e.name}.txt`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      expect(e.run()).toBe(readFileSync(file, 'utf8'));
    });
  }
});
