import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('tabwriter invariants (seeded)', () => {
  it('every column starts at the same offset in every row, at least 3 after the previous cell', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((cols) =>
            fc.array(
              fc.array(fc.stringMatching(/^[a-z0-9/.:-]{0,12}$/), { minLength: cols, maxLength: cols }),
              { minLength: 1, maxLength: 6 },
            ),
          ),
        (rows) => {
          const lines = table(rows).split('\n').slice(0, -1);
          expect(lines).toHaveLength(rows.length);
          const cols = rows[0]!.length;
          let start = 0;
          for (let j = 0; j < cols; j++) {
            for (let i = 0; i < rows.length; i++)
              expect(lines[i]!.slice(start, start + rows[i]![j]!.length)).toBe(rows[i]![j]);
            if (j < cols - 1) start += Math.max(6, Math.max(...rows.map((r) => r[j]!.length)) + 3);
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
