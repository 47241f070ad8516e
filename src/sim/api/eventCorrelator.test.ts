import { describe, expect, it } from 'vitest';
import type { KEvent } from './types';
import {
  aggregate,
  COMBINED_PREFIX,
  pruneSpam,
  SPAM_BURST,
  SPAM_REFILL_MS,
  spamAccept,
  type SpamState,
} from './eventCorrelator';

describe('event spam filter', () => {
  it('lets 25 through at once, then one more every 5 minutes', () => {
    const s: SpamState = { buckets: {} };
    const take = (object: string, at: number, host = 'n1') => spamAccept(s, object, 'kubelet', host, at);
    let ok = 0;
    for (let i = 0; i < 40; i++) if (take('k', 0)) ok++;
    expect(ok).toBe(SPAM_BURST);
    expect(take('k', SPAM_REFILL_MS - 1)).toBe(false);
    expect(take('k', SPAM_REFILL_MS)).toBe(true);
    expect(take('k', SPAM_REFILL_MS + 1)).toBe(false);
    expect(take('other', 0)).toBe(true);
    expect(take('k', 0, 'n2')).toBe(true);
  });
  it('forgets buckets once they are full again', () => {
    const s: SpamState = { buckets: {} };
    spamAccept(s, 'a', 'c', '', 0);
    for (let i = 0; i < 30; i++) spamAccept(s, 'b', 'c', '', 0);
    pruneSpam(s, SPAM_REFILL_MS);
    expect(Object.keys(s.buckets)).toEqual(['b']);
    pruneSpam(s, SPAM_REFILL_MS * SPAM_BURST);
    expect(Object.keys(s.buckets)).toEqual([]);
  });
});

describe('event aggregation', () => {
  const ev = (message: string, at = 0): KEvent =>
    ({ message, reason: 'R', lastTimestamp: String(at) }) as unknown as KEvent;
  const agg = (about: KEvent[], m: string, now = 0) =>
    aggregate(
      about,
      () => true,
      m,
      now,
      (t) => Number(t),
    );
  it('combines the 10th different message within 10 minutes', () => {
    const nine = Array.from({ length: 9 }, (_, i) => ev(`m${i}`));
    expect(agg(nine.slice(0, 8), 'new')).toEqual({ message: 'new', combined: false });
    expect(agg(nine, 'new')).toEqual({ message: `${COMBINED_PREFIX}new`, combined: true });
    expect(agg(nine, 'm3')).toEqual({ message: 'm3', combined: false });
    expect(agg(nine, 'new', 600_001)).toEqual({ message: 'new', combined: false });
  });
});
