/** The schema reader of a starting cluster (a lesson's, a step's, a cluster question's): `sim reset` options and setup. */
import type { StartSpec } from '../types';
import { join, type Reader } from './reader';

const RESET_FLAGS = new Set(['--workers', '--cpu', '--memory', '--seed', '--max-pods']);

export function readStart(r: Reader, v: unknown, field: string): StartSpec {
  if (v === undefined || v === null) return {};
  const o = r.obj(v, field);
  if (!o) return {};
  r.keys(o, field, ['reset', 'setup']);
  const out: StartSpec = {};
  const reset = r.str(o.reset, join(field, 'reset'), false);
  if (reset !== undefined) {
    const parts = reset.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const flag = p.split('=')[0]!;
      if (!RESET_FLAGS.has(flag)) r.issue(join(field, 'reset'), `unknown sim reset option "${p}"`);
      else if (!p.includes('=')) i++;
    }
    out.reset = reset.trim();
  }
  const setup = r.str(o.setup, join(field, 'setup'), false);
  if (setup !== undefined) out.setup = setup;
  return out;
}
