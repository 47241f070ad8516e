import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, isBase64 } from './base64';

describe('base64', () => {
  it('round-trips UTF-8 text with padding', () => {
    for (const t of ['', 'a', 'ab', 'abc', 'admin', 'S!B\\*d$zDsb=', '密码 ✓']) {
      expect(decodeBase64(encodeBase64(t))).toBe(t);
    }
    expect(encodeBase64('admin')).toBe('YWRtaW4=');
    expect(encodeBase64('1f2d1e2e67df')).toBe('MWYyZDFlMmU2N2Rm');
  });
  it('tells valid from invalid base64', () => {
    expect(isBase64('YWRtaW4=')).toBe(true);
    expect(isBase64('YWR!aW4=')).toBe(false);
  });
});
