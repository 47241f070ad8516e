import { describe, expect, it } from 'vitest';
import { catalogStatus } from '../../sim/runtime/catalog';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { imageProblems, type Say } from './imageMarkers';

const sayIn =
  (texts: unknown): Say =>
  (key, values) =>
    (key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], texts) as string).replace(
      /\{\{(\w+)\}\}/g,
      (_m, k: string) => values[k] ?? '',
    );

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      initContainers:
      - name: wait
        image: busybox:1.27.2
      containers:
      - name: web
        image: nginx:9.9
      - name: side
        image: myorg/sidecar:1
      - name: bad
        image: Nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-container
data:
  image: nginx:9.9
`;

describe('imageProblems', () => {
  it('warns on each container image beyond the catalogue, on its value, and on nothing else', () => {
    const ps = imageProblems(DEPLOY, (i) => catalogStatus(i), sayIn(en));
    expect(ps.map((p) => [p.line, p.col, p.endCol, p.severity])).toEqual([
      [17, 16, 25, 'warning'],
      [19, 16, 31, 'warning'],
      [21, 16, 21, 'warning'],
    ]);
    expect(ps[0]!.message).toBe(
      'nginx:9.9 is not in Kubelab’s image catalogue (nginx is, the tag 9.9 is not): it will not pull here.',
    );
    expect(ps[1]!.message).toMatch(
      /^myorg\/sidecar:1 is not in Kubelab’s image catalogue: it will not pull here/,
    );
    expect(ps[2]!.message).toMatch(/^“Nginx” is not a valid image reference \(.+\): the kubelet refuses it/);
  });

  it('speaks Chinese', () => {
    const ps = imageProblems(DEPLOY, (i) => catalogStatus(i), sayIn(zh));
    expect(ps[0]!.message).toBe(
      'nginx:9.9 不在 Kubelab 的镜像目录中（有 nginx，但没有标签 9.9）：在这里拉取不到。',
    );
  });

  it('counts an image pushed to the simulated registry as pullable, as the runtime does', () => {
    const pod = 'kind: Pod\nspec:\n  containers:\n  - name: a\n    image: myorg/sidecar:1\n';
    expect(imageProblems(pod, (i) => catalogStatus(i), sayIn(en))).toHaveLength(1);
    const pushed = (key: string) => key === 'docker.io/myorg/sidecar:1';
    expect(imageProblems(pod, (i) => catalogStatus(i, pushed), sayIn(en))).toEqual([]);
  });

  it('says nothing for half-typed or broken YAML', () => {
    expect(
      imageProblems('kind: Pod\nspec:\n  containers:\n  - name: a\n    image:\n', catalogStatus, sayIn(en)),
    ).toEqual([]);
    expect(imageProblems('kind: [', catalogStatus, sayIn(en))).toEqual([]);
  });
});
