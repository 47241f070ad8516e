import { describe, expect, it } from 'vitest';
import { table, tabwrite } from './tabwriter';

describe('tabwriter', () => {
  it('pads every column but the last to the widest cell plus 3 (kubectl get)', () => {
    expect(
      table([
        ['NAME', 'READY', 'STATUS'],
        ['nginx-deployment-75675f5897-7ci7o', '1/1', 'Running'],
      ]),
    ).toBe(
      'NAME                                READY   STATUS\n' +
        'nginx-deployment-75675f5897-7ci7o   1/1     Running\n',
    );
  });

  it('honours the minimum width of 6', () => {
    expect(
      table([
        ['A', 'B'],
        ['x', 'y'],
      ]),
    ).toBe('A     B\nx     y\n');
  });

  it('ends a column block at a line without that cell (describe sections)', () => {
    const text =
      'Name:\tnginx\nNamespace:\tdefault\nContainers:\n  app:\n    Image:\tnginx\n    Restart Count:\t0\n';
    expect(tabwrite(text, 0, 2)).toBe(
      'Name:       nginx\nNamespace:  default\nContainers:\n  app:\n    Image:          nginx\n    Restart Count:  0\n',
    );
  });

  it('measures wide characters as two columns', () => {
    expect(
      table([
        ['名字', 'X'],
        ['ab', 'Y'],
      ]),
    ).toBe('名字   X\nab     Y\n');
  });
});
