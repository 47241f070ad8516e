import { describe, expect, it } from 'vitest';
import { MAX_LINES, SCROLLBACK_KEY, Scrollback, bound } from './scrollback';

function memory() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('terminal scrollback', () => {
  it('keeps the last lines, cut at a line start so no escape sequence is split', () => {
    const text = Array.from({ length: 800 }, (_, i) => `\x1b[1mline ${i}\x1b[0m\r\n`).join('');
    const b = bound(text);
    expect(b.split('\n').length - 1).toBe(MAX_LINES);
    expect(b.startsWith('\x1b[1mline 300')).toBe(true);
    expect(b.endsWith('line 799\x1b[0m\r\n')).toBe(true);
    const long = 'x'.repeat(50) + '\n' + 'y'.repeat(50) + '\n';
    expect(bound(long, 10, 60)).toBe('y'.repeat(50) + '\n');
  });

  it('comes back after a reload, and not after clear', () => {
    const store = memory();
    const a = new Scrollback(store, 0);
    a.append('$ kubectl get pods\r\nNo resources found in default namespace.\r\n');
    a.save();
    expect(new Scrollback(store).restore()).toContain('No resources found');
    a.clear();
    expect(store.m.has(SCROLLBACK_KEY)).toBe(false);
    expect(new Scrollback(store).restore()).toBe('');
  });
});
