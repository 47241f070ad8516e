import { describe, expect, it } from 'vitest';
import { apiErrorsToProblems, parseApplyErrors, splitFieldPath, yamlSyntaxProblems } from './yamlMarkers';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
      - name: side
        image: ""
`;

describe('editor markers', () => {
  it('splits field paths', () => {
    expect(splitFieldPath('spec.template.spec.containers[1].image')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      1,
      'image',
    ]);
    expect(splitFieldPath('metadata.labels[app]')).toEqual(['metadata', 'labels', 'app']);
  });

  it('reports YAML syntax errors on their line', () => {
    const p = yamlSyntaxProblems('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [1, 2\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]!.severity).toBe('error');
    expect(p[0]!.line).toBeGreaterThanOrEqual(4);
    expect(yamlSyntaxProblems(deploy)).toEqual([]);
  });

  it('parses kubectl validation output, single and multiple causes', () => {
    expect(parseApplyErrors('The Pod "x" is invalid: spec.containers[0].image: Required value')).toEqual([
      { kind: 'Pod', name: 'x', path: 'spec.containers[0].image', message: 'Required value' },
    ]);
    const multi =
      'The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.containers[1].image: Required value';
    expect(parseApplyErrors(multi).map((e) => [e.kind, e.name, e.path])).toEqual([
      ['Deployment', 'web', 'spec.replicas'],
      ['Deployment', 'web', 'spec.template.spec.containers[1].image'],
    ]);
    const strict =
      'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"';
    expect(parseApplyErrors(strict)).toEqual([
      { kind: 'Deployment', name: undefined, path: 'spec.replica', message: 'unknown field "spec.replica"' },
    ]);
  });

  it('places an API error on the line of the field', () => {
    const errs = parseApplyErrors(
      'The Deployment "web" is invalid: spec.template.spec.containers[1].image: Required value',
    );
    const [p] = apiErrorsToProblems(deploy, errs);
    expect(p!.line).toBe(19);
    const [r] = apiErrorsToProblems(deploy, [
      { kind: 'Deployment', name: 'web', path: 'spec.replicas', message: 'x' },
    ]);
    expect(r!.line).toBe(6);
  });

  it('falls back to the nearest existing parent and picks the right document', () => {
    const two = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n${deploy}`;
    const [p] = apiErrorsToProblems(two, [
      {
        kind: 'Deployment',
        name: 'web',
        path: 'spec.template.spec.containers[0].resources.limits',
        message: 'x',
      },
    ]);
    expect(p!.line).toBe(5 + 16); // the `- name: nginx` item, line 16 of the second document
    const [q] = apiErrorsToProblems(two, [
      { kind: 'Service', name: 'web', path: 'spec.ports', message: 'Required value' },
    ]);
    expect(q!.line).toBe(1);
  });
});
