import { describe, expect, it } from 'vitest';
import { validateLabels } from './validation';

describe('validateLabels', () => {
  it('remembers only frozen maps found valid: an invalid one is reported every time', () => {
    const ok = Object.freeze({ app: 'web', 'pod-template-hash': '5d4b9c' });
    const bad = Object.freeze({ 'a/b/c': 'x' });
    expect(validateLabels(ok, 'metadata.labels')).toEqual([]);
    expect(validateLabels(ok, 'metadata.labels')).toEqual([]);
    for (let i = 0; i < 2; i++) {
      expect(validateLabels(bad, 'metadata.labels').map((e) => [e.field, e.value])).toEqual([
        ['metadata.labels', 'a/b/c'],
      ]);
    }
    // a map that is not frozen is checked anew after it changes
    const open: Record<string, string> = { app: 'web' };
    expect(validateLabels(open, 'metadata.labels')).toEqual([]);
    open.app = 'not valid!';
    expect(validateLabels(open, 'metadata.labels')).toHaveLength(1);
  });
});
