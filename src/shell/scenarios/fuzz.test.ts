/**
 * Seeded fuzz test: random applies, deletes, scales, node failures and crashes, then quiet time; the invariants
 * must hold. On failure it prints the operation log; failing seeds are pinned in PINNED as regression tests.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants, fuzzRun } from '../testing/fuzz';

// 1003: a rollout stuck forever when proportional scaling had nothing to change (fixed).
const PINNED: number[] = [1003];
const RANDOM_SEEDS = Array.from({ length: 12 }, (_, i) => 1100 + i);

describe('fuzz: random operations then quiet time', () => {
  for (const seed of [...PINNED, ...RANDOM_SEEDS]) {
    it(`seed ${seed} keeps every invariant`, () => {
      const { session, log } = fuzzRun(seed);
      const problems = checkInvariants(session);
      if (problems.length)
        console.log(
          `seed ${seed} operation log:\n  ${log.join('\n  ')}\nproblems:\n  ${problems.join('\n  ')}`,
        );
      expect(problems).toEqual([]);
    });
  }
});
