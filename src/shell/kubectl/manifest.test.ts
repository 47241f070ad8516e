import { describe, expect, it } from 'vitest';
import { KubectlError } from './errors';
import { MAX_MANIFEST_BYTES, parseManifest } from './manifest';

const text = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof KubectlError) return e.text;
    throw e;
  }
  throw new Error('expected a KubectlError');
};

describe('parseManifest', () => {
  it('reads several documents and expands Lists, skipping empty ones', () => {
    const objs = parseManifest(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n',
      'x.yaml',
    );
    expect(objs.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('reports malformed YAML with the file, 1-based line and column', () => {
    const t = text(() =>
      parseManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: app: web\n', 'pod.yaml'),
    );
    expect(t).toMatch(
      /^error: error parsing pod\.yaml: error converting YAML to JSON: yaml: line 5, column \d+: mapping values are not allowed in this context$/,
    );
  });

  it('names a missing kind like kubectl validation', () => {
    expect(text(() => parseManifest('apiVersion: v1\nmetadata:\n  name: x\n', 'p.yaml'))).toBe(
      'error: error validating "p.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  });

  it('refuses an alias bomb quickly', () => {
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nkind: Pod\napiVersion: v1\n';
    const t0 = process.hrtime.bigint();
    expect(text(() => parseManifest(bomb, 'bomb.yaml'))).toContain('excessive aliasing');
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(500);
  });

  it('refuses inputs over 3 MiB before parsing', () => {
    const big =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "' +
      'a'.repeat(5 * 1024 * 1024) +
      '"\n';
    const t0 = process.hrtime.bigint();
    expect(text(() => parseManifest(big, 'big.yaml'))).toContain('larger than the 3 MiB limit');
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(100);
    expect(big.length).toBeGreaterThan(MAX_MANIFEST_BYTES);
  });

  it('refuses a scalar document', () => {
    expect(text(() => parseManifest('just text\n', 's.yaml'))).toContain(
      'cannot unmarshal string into Go value of type map[string]interface {}',
    );
  });
});
