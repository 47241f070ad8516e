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

describe('plain diagnostics at the line of the mistake', () => {
  const deploy = (imageLine: string, portsLine: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n${imageLine}\n${portsLine}\n        - containerPort: 80\n`;

  it('puts a wrongly indented key on its own line, in plain words, once', () => {
    const p = yamlSyntaxProblems(deploy('        image: nginx:1.14.2', '         ports:'));
    expect(p.map((x) => [x.line, x.message])).toEqual([
      [17, 'Indentation: this line does not line up with the keys above it.'],
    ]);
    expect(p[0]!.col).toBe(10);
    expect(
      yamlSyntaxProblems(deploy('        image: nginx:1.14.2', '         ports:'), 'zh')[0]!.message,
    ).toBe('缩进有误：这一行没有和上面的键对齐。');
  });

  it('never ends a message in a dangling colon', () => {
    for (const p of yamlSyntaxProblems('a: [1, 2\n')) expect(p.message).not.toMatch(/:$/);
  });

  it('marks an unknown field at the field, also when the path has no item index', () => {
    const text = deploy('        imagee: nginx:1.14.2', '        ports:');
    const errs = parseApplyErrors(
      'Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers.imagee"\n',
    );
    expect(apiErrorsToProblems(text, errs).map((x) => [x.line, x.col])).toEqual([[16, 9]]);
    const indexed = parseApplyErrors(
      'Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"\n',
    );
    expect(apiErrorsToProblems(text, indexed).map((x) => [x.line, x.col])).toEqual([[16, 9]]);
  });
});
