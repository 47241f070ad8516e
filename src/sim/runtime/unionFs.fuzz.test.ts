/**
 * Seeded fuzzing of the copy-on-write filesystem against a plain map model: after any sequence of writes and
 * removals, the union view reads exactly what the model holds, and the image layers are never modified.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ufs from './unionFs';
import type { LayerData } from './types';

const PATHS = ['/a', '/b', '/d/x', '/d/y', '/e/f/g'];

describe('union filesystem (fuzz)', () => {
  it('matches a map model and never touches the image layers', () => {
    const op = fc.oneof(
      fc.record({
        k: fc.constant('write' as const),
        p: fc.constantFrom(...PATHS),
        v: fc.string({ maxLength: 3 }),
      }),
      fc.record({ k: fc.constant('rm' as const), p: fc.constantFrom(...PATHS) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const lower: LayerData = {
          digest: 'sha256:l',
          size: 0,
          files: { '/a': 'A', '/d/x': 'X' },
          dirs: ['/d', '/e', '/e/f'],
          createdBy: '',
        };
        const frozen = JSON.stringify(lower);
        const view: ufs.FsView = {
          layers: [lower],
          writable: { files: {}, dirs: [], deleted: [] },
          mounts: [],
          volume: () => undefined,
        };
        const model = new Map<string, string>([
          ['/a', 'A'],
          ['/d/x', 'X'],
        ]);
        for (const o of ops) {
          if (o.k === 'write') {
            expect(ufs.writeFile(view, o.p, o.v)).toBe(true);
            model.set(o.p, o.v);
          } else {
            expect(ufs.removeFile(view, o.p)).toBe(model.has(o.p));
            model.delete(o.p);
          }
        }
        for (const p of PATHS) expect(ufs.readFile(view, p)).toBe(model.get(p));
        expect(JSON.stringify(lower)).toBe(frozen);
        const diff = ufs.diffWritable(view);
        for (const p of ['/a', '/d/x']) {
          if (!model.has(p)) expect(diff).toContainEqual({ kind: 'D', path: p });
        }
      }),
      { seed: 20260101, numRuns: 300 },
    );
  });
});
