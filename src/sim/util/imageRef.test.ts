import { describe, expect, it } from 'vitest';
import { imageRepoTag, normalizeImage } from './imageRef';

// Docker's reference defaults (distribution/reference ParseNormalizedNamed + TagNameOnly).
describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause:3.9'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('%s is %s', (ref, full) => {
    expect(normalizeImage(ref)).toBe(full);
  });
  it('names the repository, its family and the tag', () => {
    expect(imageRepoTag('docker.io/library/nginx:1.27')).toEqual({
      repo: 'nginx',
      family: 'nginx',
      tag: '1.27',
    });
    expect(imageRepoTag('polinux/stress')).toEqual({
      repo: 'polinux/stress',
      family: 'stress',
      tag: 'latest',
    });
    expect(imageRepoTag('localhost:5000/web:v2@sha256:ff')).toEqual({
      repo: 'web',
      family: 'web',
      tag: 'v2',
    });
  });
});
