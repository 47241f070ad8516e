import { expect, it } from 'vitest';
import { formatVirtual } from './formatTime';

it('formats virtual time', () => {
  expect(formatVirtual(0)).toBe('00:00.0');
  expect(formatVirtual(61_250)).toBe('01:01.2');
  expect(formatVirtual(3_600_000 + 5_000)).toBe('1:00:05.0');
});
