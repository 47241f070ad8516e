import { describe, expect, it } from 'vitest';
import { catalogEntry, catalogLayer, catalogStatus } from './catalog';
import { resolveTag } from './catalogTags';

const LIB = 'docker.io/library/';
const img = (repo: string, tag: string) => catalogEntry(LIB + repo, tag)?.variants.amd64;
const base = (repo: string, tag: string) => img(repo, tag)!.layers[0]!;
const env = (repo: string, tag: string) => img(repo, tag)!.config.Env;

// The tag sets below are Docker Hub's as published by December 2024 (the catalogue's snapshot): nginx's
// mainline 1.27.3 / stable 1.26.2, postgres 17.2 … 9.6.24 (final), busybox 1.37.0, node LTS 22.11.0.
describe('published tag sets', () => {
  it.each([
    ['nginx', '1.25.3', '1.25.3'],
    ['nginx', '1.17', '1.17.10'],
    ['nginx', '1', '1.27.3'],
    ['nginx', 'stable', '1.26.2'],
    ['nginx', 'mainline-alpine', '1.27.3'],
    ['nginx', '1.23-alpine-slim', '1.23.4'],
    ['busybox', '1.27.2', '1.27.2'],
    ['busybox', '1.36-musl', '1.36.1'],
    ['postgres', '16', '16.6'],
    ['postgres', '9.6', '9.6.24'],
    ['postgres', '13-alpine', '13.18'],
    ['node', 'lts', '22.11.0'],
    ['node', '18-alpine', '18.20.5'],
    ['python', '3.11-slim-bookworm', '3.11.10'],
    ['alpine', '3.18', '3.18.9'],
    ['mariadb', 'lts', '11.4.4'],
    ['traefik', 'v3.1', '3.1.7'],
  ])('%s:%s is release %s', (repo, tag, version) => {
    expect(resolveTag(LIB + repo, tag)?.version).toBe(version);
    expect(img(repo, tag), `${repo}:${tag}`).toBeDefined();
  });

  it.each([
    ['nginx', '9.9'],
    ['nginx', '1.16.2'], // 1.16 ended at 1.16.1
    ['nginx', '1.27.4'], // released after the snapshot
    ['nginx', '1.21-alpine-slim'], // alpine-slim began with 1.23
    ['busybox', '1.37.1'],
    ['postgres', '9.6.25'],
    ['postgres', '18'],
    ['redis', '7.4.2-alpine'],
  ])('%s:%s was never published', (repo, tag) => {
    expect(catalogEntry(LIB + repo, tag)).toBeUndefined();
    expect(catalogStatus(`${repo}:${tag}`).kind).toBe('unknown-tag');
  });
});

describe('derived images', () => {
  it('rewrite the release into config and layers', () => {
    expect(env('nginx', '1.25.3')).toContain('NGINX_VERSION=1.25.3');
    expect(env('postgres', '16')).toContain('PG_MAJOR=16');
    expect(env('postgres', '16')![0]).toContain('/usr/lib/postgresql/16/bin');
    expect(img('nginx', '1.25.3')!.id).not.toBe(img('nginx', '1.27.3')!.id);
  });

  it('share the base of their build: alpine variants the alpine release then current, debian variants debian', () => {
    // nginx 1.25.5 (April 2024) was built on Alpine 3.19; postgres 16 (November 2024) on bookworm-slim
    expect(base('nginx', '1.25.5-alpine')).toBe(base('alpine', '3.19.1'));
    expect(base('postgres', '16')).toBe(base('debian', 'bookworm-slim'));
    expect(base('postgres', '16-alpine')).toBe(base('alpine', '3.20'));
    expect(base('nginx', '1.19')).toBe(base('debian', 'buster-slim'));
    expect(catalogLayer(base('nginx', '1.19'))!.createdBy).toContain("'buster'");
  });

  it('name the defined image for the same release and variant', () => {
    expect(img('nginx', '1.27.3-alpine')!.id).toBe(img('nginx', '1.27-alpine')!.id);
    expect(img('nginx', '1.27.3-bookworm')!.id).toBe(img('nginx', '1.27.3')!.id);
    expect(catalogEntry(LIB + 'nginx', '1.27.3-bookworm')!.tag).toBe('1.27.3-bookworm');
  });

  it('are deterministic: the same tag, the same digest and ID', () => {
    const a = catalogEntry(LIB + 'redis', '6.2.10')!;
    const b = catalogEntry(LIB + 'redis', '6.2.10')!;
    expect(a.digest).toBe(b.digest);
    expect(a.variants.arm64!.id).toBe(b.variants.arm64!.id);
  });
});

describe('catalogStatus', () => {
  it('says where a reference stands', () => {
    expect(catalogStatus('nginx:1.27').kind).toBe('defined');
    expect(catalogStatus('nginx:1.25.3')).toMatchObject({ kind: 'derived', version: '1.25.3', suffix: '' });
    expect(catalogStatus('nosuch/thing:1').kind).toBe('unknown-repo');
    expect(catalogStatus('Nginx')).toEqual({
      kind: 'invalid',
      message: 'invalid reference format: repository name (library/Nginx) must be lowercase',
    });
    expect(catalogStatus('me/app:1', (k) => k === 'docker.io/me/app:1').kind).toBe('pushed');
  });
});
