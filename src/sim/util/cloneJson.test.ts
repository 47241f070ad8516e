import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneJson } from './cloneJson';
import { dict } from './shapes';

describe('cloneJson', () => {
  it('equals structuredClone on JSON data and shares nothing with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const c = cloneJson(v);
        expect(c).toStrictEqual(structuredClone(v));
        if (v && typeof v === 'object') expect(c).not.toBe(v);
      }),
      { seed: 5, numRuns: 300 },
    );
  });
  it('copies nested objects deeply and keeps undefined properties', () => {
    const a = { x: { y: [1, { z: 2 }] }, u: undefined };
    const b = cloneJson(a);
    (b.x.y[1] as { z: number }).z = 3;
    expect((a.x.y[1] as { z: number }).z).toBe(2);
    expect('u' in b).toBe(true);
  });
  it('keeps dictionaries made by dict() prototype-free, with the same JSON', () => {
    const d = dict<string>();
    d['10.244.1.2'] = 'uid-1';
    const c = cloneJson({ ips: d, plain: { a: 1 } });
    expect(Object.getPrototypeOf(c.ips)).toBe(null);
    expect(Object.getPrototypeOf(c.plain)).toBe(Object.prototype);
    expect(JSON.stringify(c)).toBe('{"ips":{"10.244.1.2":"uid-1"},"plain":{"a":1}}');
  });
});
