import { describe, expect, it } from 'vitest';
import { Clock, parseDuration } from './clock';
import { Rng, seedRng } from './rng';

describe('Clock', () => {
  it('fires timers in time order, ties first-in first-out, and moves now', () => {
    const c = new Clock({ now: 0, nextSeq: 0, timers: [] });
    const seen: string[] = [];
    c.on<string>('t', (p) => seen.push(`${p}@${c.now}`));
    c.after(30, 't', 'c');
    c.after(10, 't', 'a');
    c.after(10, 't', 'b');
    c.runUntil(20);
    expect(seen).toEqual(['a@10', 'b@10']);
    expect(c.now).toBe(20);
    c.runUntil(100);
    expect(seen).toEqual(['a@10', 'b@10', 'c@30']);
    expect(c.now).toBe(100);
  });

  it('replaces a keyed timer and cancels by key', () => {
    const c = new Clock({ now: 0, nextSeq: 0, timers: [] });
    const seen: number[] = [];
    c.on<number>('t', (p) => seen.push(p));
    c.after(10, 't', 1, 'k');
    c.after(20, 't', 2, 'k');
    c.after(5, 't', 3, 'x');
    c.cancel('x');
    c.runUntil(50);
    expect(seen).toEqual([2]);
  });

  it('parses Go durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30000);
    expect(parseDuration('1h30m')).toBe(5400000);
    expect(parseDuration('5x')).toBeNaN();
    expect(parseDuration('')).toBeNaN();
  });
});

describe('Rng', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = new Rng(seedRng(7));
    const b = new Rng(seedRng(7));
    const c = new Rng(seedRng(8));
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
  });
  it('draws integers in range', () => {
    const r = new Rng(seedRng(1));
    for (let i = 0; i < 1000; i++) {
      const n = r.int(27);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(27);
    }
  });
});
