import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners';

describe('Listeners', () => {
  it('calls each listener with the arguments, in order, until it is removed', () => {
    const l = new Listeners<[string, number]>();
    const seen: string[] = [];
    const offA = l.add((s, n) => seen.push(`a ${s} ${n}`));
    l.add((s, n) => seen.push(`b ${s} ${n}`));
    l.emit('x', 1);
    offA();
    l.emit('y', 2);
    expect(seen).toEqual(['a x 1', 'b x 1', 'b y 2']);
    expect(l.size).toBe(1);
    l.clear();
    l.emit('z', 3);
    expect(seen).toHaveLength(3);
  });

  it('holds a listener added twice once, and follows Set iteration when listeners change during an emit', () => {
    const l = new Listeners();
    const seen: string[] = [];
    const twice = () => seen.push('twice');
    l.add(twice);
    l.add(twice);
    let offLate = () => {};
    l.add(() => {
      seen.push('first');
      offLate();
      l.add(() => seen.push('added during emit'));
    });
    offLate = l.add(() => seen.push('late'));
    l.emit();
    expect(seen).toEqual(['twice', 'first', 'added during emit']);
  });
});
