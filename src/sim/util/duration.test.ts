import { describe, expect, it } from 'vitest';
import { goDuration, goDurationSeconds, parseGoDuration } from './duration';

// Go's time.Duration.String() for the same durations (time.Millisecond multiples).
describe('Go durations', () => {
  it.each([
    [0, '0s'],
    [545, '545ms'],
    [5017, '5.017s'],
    [5100, '5.1s'],
    [62_500, '1m2.5s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [5000.2, '5s'],
    [544.6, '545ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
  it('rounds to whole seconds for the kubelet’s back-off text', () => {
    expect([goDurationSeconds(10_400), goDurationSeconds(80_000), goDurationSeconds(300_000)]).toEqual([
      '10s',
      '1m20s',
      '5m0s',
    ]);
  });
  it('reads flags as time.ParseDuration, a bare number as seconds', () => {
    expect([parseGoDuration('1m30s'), parseGoDuration('500ms'), parseGoDuration('20')]).toEqual([
      90_000, 500, 20_000,
    ]);
    expect(parseGoDuration('5x')).toBeNaN();
  });
});
