import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flat, flatten } from './flat';

describe('flat strings', () => {
  it('the tag gives the text the template literal gives', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.string(), (a, n, b) => {
        expect(flat`${a}-${n}\n${b}.`).toBe(`${a}-${n}\n${b}.`);
        expect(flatten(a + String(n) + b)).toBe(a + String(n) + b);
      }),
      { seed: 11, numRuns: 300 },
    );
    expect(flat`plain`).toBe('plain');
    expect(flatten('')).toBe('');
  });
});
