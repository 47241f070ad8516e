import { describe, expect, it } from 'vitest';
import { catalogEntry, catalogLayer, catalogStatus } from './catalog';
import { resolveTag } from './catalogTags';
import { Cluster } from '../cluster';
import { dockerModule } from '../docker/daemon';
import { runtimeModule } from './runtime';

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

// The official node image as of the end of November 2024: 18.20.5 (hydrogen, maintenance), 20.18.1 (iron),
// 22.11.0 (jod, LTS since 2024-10-29), 23.3.0 (current); 14 ended at 14.21.3, 16 at 16.20.2, 19 at 19.9.0.
describe('the node repository', () => {
  const host = () => {
    const runtime = runtimeModule();
    const docker = dockerModule(runtime);
    new Cluster({ seed: 7 }, [runtime, docker]);
    return docker.daemon;
  };
  const osRelease = (digest: string) => catalogLayer(digest)!.files['/etc/os-release'] ?? '';

  it.each([
    ['18', '18.20.5'],
    ['18.20', '18.20.5'],
    ['18.20.4', '18.20.4'],
    ['hydrogen', '18.20.5'],
    ['iron-alpine', '20.18.1'],
    ['jod', '22.11.0'],
    ['current', '23.3.0'],
    ['20.1', '20.1.0'],
    ['19', '19.9.0'],
    ['17.9-slim', '17.9.1'],
    ['gallium', '16.20.2'],
    ['fermium-alpine', '14.21.3'],
    ['14.17.6-buster', '14.17.6'],
    ['16.14-stretch-slim', '16.14.2'],
  ])('node:%s is release %s', (tag, version) => {
    expect(resolveTag(LIB + 'node', tag)?.version).toBe(version);
  });

  it('pulls a dozen published tags onto a Docker host, each on the base it was built on', () => {
    const d = host();
    const cases: [tag: string, distro: string][] = [
      ['18', 'debian-bookworm'],
      ['18.20', 'debian-bookworm'],
      ['18.20.4', 'debian-bookworm'],
      ['20-alpine', 'alpine-3.20'],
      ['20-alpine3.19', 'alpine-3.19'],
      ['20-slim', 'debian-bookworm-slim'],
      ['20-bookworm', 'debian-bookworm'],
      ['20-bookworm-slim', 'debian-bookworm-slim'],
      ['20-bullseye', 'debian-bullseye'],
      ['lts', 'debian-bookworm'],
      ['lts-alpine', 'alpine-3.20'],
      ['current', 'debian-bookworm'],
      ['hydrogen-bullseye-slim', 'debian-bullseye-slim'],
      // 16.20.2 (August 2023) came after the image made bookworm its default (June 2023); 14.21.3 before
      ['gallium', 'debian-bookworm'],
      ['14', 'debian-bullseye'],
      ['fermium-alpine', 'alpine-3.17'],
      ['18.12.1-alpine3.16', 'alpine-3.16'],
    ];
    const bases: Record<string, string> = {
      'debian-bookworm': base('debian', 'bookworm'),
      'debian-bookworm-slim': base('debian', 'bookworm-slim'),
      'debian-bullseye': base('debian', 'bullseye'),
      'debian-bullseye-slim': base('debian', 'bullseye-slim'),
      'alpine-3.20': base('alpine', '3.20'),
      'alpine-3.19': base('alpine', '3.19'),
    };
    for (const [tag, distro] of cases) {
      const r = d.pull(`node:${tag}`);
      expect(r.ok, `node:${tag}`).toBe(true);
      if (!r.ok) continue;
      expect(r.lines).toContain(`Status: Downloaded newer image for node:${tag}`);
      const first = r.image.layers[0]!;
      if (bases[distro]) expect(first, `node:${tag}`).toBe(bases[distro]);
      const [os, release] = distro.split('-') as [string, string];
      const text = osRelease(first);
      expect(text, `node:${tag}`).toContain(
        os === 'alpine' ? `VERSION_ID=${release}.` : `VERSION_CODENAME=${release}`,
      );
      if (os === 'alpine') expect(catalogLayer(first)!.files['/etc/debian_version']).toBeUndefined();
      expect(r.image.config.Env!.join(' ')).toMatch(/NODE_VERSION=\d+\.\d+\.\d+/);
    }
    // the releases' own install layers differ, their base does not
    const n18 = img('node', '18.20.4')!;
    const n20 = img('node', '20-bookworm')!;
    expect(n18.layers[0]).toBe(n20.layers[0]);
    expect(n18.id).not.toBe(n20.id);
    expect(env('node', '18.20.4')).toContain('NODE_VERSION=18.20.4');
    // tags naming the release a build used anyway are one image
    expect(img('node', '20-bookworm-slim')!.id).toBe(img('node', '20-slim')!.id);
    expect(img('node', '20.18.1-alpine3.20')!.id).toBe(img('node', '20.18.1-alpine')!.id);
    expect(img('node', '20.18.1-alpine3.19')!.id).not.toBe(img('node', '20.18.1-alpine')!.id);
    expect(img('node', 'jod')!.id).toBe(img('node', '22.11.0')!.id);
  });

  it('fails a tag that was never published with the registry text', () => {
    const d = host();
    for (const tag of ['19.99', '24', '18.20.6', '20-alpine3.21', '16-stretch', '13', '22.12']) {
      const r = d.pull(`node:${tag}`);
      expect(r.ok, `node:${tag}`).toBe(false);
      expect(!r.ok && r.error).toBe(
        `Error response from daemon: manifest for node:${tag} not found: manifest unknown: manifest unknown`,
      );
      expect(catalogStatus(`node:${tag}`).kind).toBe('unknown-tag');
    }
  });
});
