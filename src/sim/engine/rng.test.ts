import { describe, expect, it } from 'vitest';
import { Rng, seedRng } from './rng';

describe('Rng', () => {
  it('uuid is a version 4 UUID from four draws, digits high nibble first', () => {
    for (const seed of [1, 2, 42, 99991]) {
      const a = new Rng(seedRng(seed));
      const b = new Rng(seedRng(seed));
      const seen = new Set<string>();
      for (let n = 0; n < 50; n++) {
        const u = a.uuid();
        expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const words = [b.uint32(), b.uint32(), b.uint32(), b.uint32()];
        const digits = words.map((w) => w.toString(16).padStart(8, '0')).join('');
        const variant = '0123456789abcdef'[(parseInt(digits[16]!, 16) & 3) | 8];
        const ref = `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20)}`;
        expect(u).toBe(ref);
        seen.add(u);
      }
      expect(seen.size).toBe(50);
      expect(a.state).toEqual(b.state);
    }
  });
  it('hex(n) takes eight digits from each draw', () => {
    const a = new Rng(seedRng(5));
    const b = new Rng(seedRng(5));
    for (const n of [1, 8, 9, 32, 64]) {
      let ref = '';
      for (let i = 0; i < Math.ceil(n / 8); i++) ref += b.uint32().toString(16).padStart(8, '0');
      expect(a.hex(n)).toBe(ref.slice(0, n));
    }
    expect(a.state).toEqual(b.state);
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
  it('string() after a prefix is the prefix then the same draws', () => {
    const a = new Rng(seedRng(11));
    const b = new Rng(seedRng(11));
    for (const prefix of ['', 'web-7d4b9c8f6d-', 'kube-api-access-']) {
      expect(a.string('bcdfghjklmnpqrstvwxz2456789', 5, prefix)).toBe(
        prefix + b.string('bcdfghjklmnpqrstvwxz2456789', 5),
      );
    }
    expect(a.state).toEqual(b.state);
  });
  it('int(n) stays below n and uses one draw', () => {
    const r = new Rng(seedRng(7));
    for (let i = 0; i < 1000; i++) expect(r.int(16)).toBeLessThan(16);
  });
});
