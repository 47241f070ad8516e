import { describe, expect, it } from 'vitest';
import { Rng, seedRng } from './rng';

describe('Rng', () => {
  it('uuid draws the same hex digits as int(16) would (shift instead of float)', () => {
    for (const seed of [1, 2, 42, 99991]) {
      const a = new Rng(seedRng(seed));
      const b = new Rng(seedRng(seed));
      for (let n = 0; n < 50; n++) {
        const HEX = '0123456789abcdef';
        let ref = '';
        for (let i = 0; i < 32; i++) {
          if (i === 8 || i === 12 || i === 16 || i === 20) ref += '-';
          ref += HEX[b.int(16)];
        }
        ref = `${ref.slice(0, 14)}4${ref.slice(15, 19)}${'89ab'[b.int(4)]}${ref.slice(20)}`;
        expect(a.uuid()).toBe(ref);
      }
      expect(a.state).toEqual(b.state);
    }
  });
  it('string() over a power-of-two alphabet draws the characters int() would', () => {
    for (const alphabet of [
      '0123456789abcdef',
      'ab',
      'abcdefghijklmnopqrstuvwxyz012345',
      'bcdfghjklmnpqrstvwxz2456789',
    ]) {
      const a = new Rng(seedRng(3));
      const b = new Rng(seedRng(3));
      for (let n = 1; n < 70; n += 7) {
        let ref = '';
        for (let i = 0; i < n; i++) ref += alphabet[b.int(alphabet.length)];
        expect(a.string(alphabet, n)).toBe(ref);
      }
      expect(a.state).toEqual(b.state);
    }
  });
  it('int(n) stays below n and uses one draw', () => {
    const r = new Rng(seedRng(7));
    for (let i = 0; i < 1000; i++) expect(r.int(16)).toBeLessThan(16);
  });
});
