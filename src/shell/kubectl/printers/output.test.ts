import { describe, expect, it } from 'vitest';
import { parseOutput, printObjects, toJson, toYaml } from './output';
import type { KObject } from '../../../sim/api/types';

describe('serializations', () => {
  it('yaml like kubectl: sorted keys, unindented sequences, YAML 1.1 quoting', () => {
    const y = toYaml({
      kind: 'X',
      b: { port: '80', on: 'yes', ts: '2026-01-01T00:00:00Z', empty: {} },
      a: [{ name: 'web', x: 1 }],
    });
    expect(y).toBe(
      'a:\n- name: web\n  x: 1\nb:\n  empty: {}\n  "on": "yes"\n  port: "80"\n  ts: "2026-01-01T00:00:00Z"\nkind: X\n',
    );
  });

  it('json with 4 spaces and sorted keys', () => {
    expect(toJson({ b: 1, a: { d: [1], c: true } })).toBe(
      '{\n    "a": {\n        "c": true,\n        "d": [\n            1\n        ]\n    },\n    "b": 1\n}\n',
    );
  });

  it('several objects print as a List', () => {
    const objs = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } },
    ] as KObject[];
    const y = printObjects(objs, { type: 'yaml' }, (o) => `pod/${o.metadata.name}`, false);
    expect(y.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(y.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(printObjects(objs, { type: 'name' }, (o) => `pod/${o.metadata.name}`, false)).toBe(
      'pod/a\npod/b\n',
    );
  });

  it('refuses unknown output formats with the allowed list', () => {
    expect(() => parseOutput('xml')).toThrow(
      'unable to match a printer suitable for the output format "xml"',
    );
    expect(parseOutput('jsonpath={.a}')).toEqual({ type: 'jsonpath', template: '{.a}' });
    expect(parseOutput('wide')).toEqual({ type: 'table', wide: true });
  });
});
