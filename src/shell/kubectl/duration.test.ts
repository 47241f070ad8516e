import { describe, expect, it } from 'vitest';
import { humanDuration } from './duration';
import { goDuration, parseGoDuration } from '../../sim/util/duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (k8s.io/apimachinery duration.HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [-500, '0s'],
    [-5 * S, '<invalid>'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 30 * S, '2m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H + 5 * M, '3h5m'],
    [3 * H, '3h'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [8 * D + 4 * H, '8d'],
    [400 * D, '400d'],
    [365 * 2 * D + 10 * D, '2y10d'],
    [365 * 9 * D, '9y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('Go durations', () => {
  it('parses and prints', () => {
    expect(parseGoDuration('1m30s')).toBe(90 * S);
    expect(parseGoDuration('60')).toBe(60 * S);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('abc')).toBeNaN();
    expect(goDuration(5 * M)).toBe('5m0s');
    expect(goDuration(H + 90 * S)).toBe('1h1m30s');
  });
});
