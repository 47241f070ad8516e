/**
 * Strict decoding and `--validate`: the API server's strict decoder names unknown fields with their list
 * indexes (sigs.k8s.io/json: `unknown field "spec.containers[0].bogus"`); kubectl's `--validate` maps strict
 * (or true) / warn / ignore (or false) to the request's fieldValidation and refuses anything else with
 * cmdutil.GetValidationDirective's text (checked with the real kubectl 1.32: `--validate=WARN` is refused too).
 */
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { labCluster, kubectlRun } from './testHarness';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: bog
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 80
    - containerPort: 81
      nope: 2
    bogus: 1
`;

function setup() {
  const fs = memoryFs({ 'pod.yaml': POD });
  return { c: labCluster(), fs };
}

describe('strict decoding', () => {
  it('names unknown fields with list indexes and refuses the object', () => {
    const { c, fs } = setup();
    const r = kubectlRun(c, 'apply -f pod.yaml', { fs });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].ports[1].nope", unknown field "spec.containers[0].bogus"\n',
    );
    expect(c.api.get('Pod', 'default', 'bog')).toBeUndefined();
  });

  it('--validate=warn creates the object without the fields, one warning each', () => {
    const { c, fs } = setup();
    const r = kubectlRun(c, 'create -f pod.yaml --validate=warn', { fs });
    expect(r.err).toBe(
      'Warning: unknown field "spec.containers[0].ports[1].nope"\nWarning: unknown field "spec.containers[0].bogus"\n',
    );
    expect(r.out).toBe('pod/bog created\n');
    const ct = c.api.get('Pod', 'default', 'bog')!.spec.containers[0];
    expect('bogus' in ct).toBe(false);
    expect(ct.ports[1]).toEqual({ containerPort: 81, protocol: 'TCP' });
  });

  it('--validate=false and ignore drop them silently; other values are refused', () => {
    const { c, fs } = setup();
    const r = kubectlRun(c, 'apply -f pod.yaml --validate=false', { fs });
    expect(r).toMatchObject({ out: 'pod/bog created\n', err: '', code: 0 });
    expect(kubectlRun(c, 'apply -f pod.yaml --validate=ignore', { fs }).err).toBe('');
    const bad = kubectlRun(c, 'apply -f pod.yaml --validate=WARN', { fs });
    expect(bad.err).toBe(
      'error: invalid - validate option "WARN"; must be one of: strict (or true), warn, ignore (or false)\n',
    );
    expect(bad.code).toBe(1);
  });
});
