import { describe, expect, it } from 'vitest';
import { rfc1123z } from './rfc1123z';

// Go: time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC).Format(time.RFC1123Z) == "Thu, 01 Jan 2026 00:05:00 +0000"
describe('rfc1123z', () => {
  it('formats as Go time.RFC1123Z in UTC', () => {
    expect(rfc1123z('2026-01-01T00:05:00Z')).toBe('Thu, 01 Jan 2026 00:05:00 +0000');
    expect(rfc1123z('2026-03-09T17:04:09Z')).toBe('Mon, 09 Mar 2026 17:04:09 +0000');
  });
  it('says <unknown> for no time', () => {
    expect(rfc1123z(undefined)).toBe('<unknown>');
  });
});
