import { describe, expect, it } from 'vitest';
import { interner, memoize } from './memo';

describe('memoize', () => {
  it('computes once per argument, remembers undefined results too, and starts over past its limit', () => {
    let calls = 0;
    const f = memoize((x: number) => {
      calls++;
      return x % 2 ? undefined : x * 10;
    }, 3);
    expect([f(2), f(2), f(1), f(1)]).toEqual([20, 20, undefined, undefined]);
    expect(calls).toBe(2);
    f(4);
    f(6); // the cache was full: it starts over
    f(2);
    expect(calls).toBe(5);
  });
  it('interns strings: equal texts come back as the first instance', () => {
    const intern = interner();
    const a = ['ab', 'c'].join('');
    const b = ['a', 'bc'].join('');
    expect(intern(a)).toBe(a);
    expect(intern(b)).toBe(a);
  });
});
