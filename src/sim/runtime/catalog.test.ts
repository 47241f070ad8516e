import { describe, expect, it } from 'vitest';
import { catalogEntry, catalogLayer, catalogList } from './catalog';
import { digestOf, hex64 } from './digest';
import { parseImageRef } from './imageRef';

const size = (repo: string, tag: string, arch: 'amd64' | 'arm64' = 'amd64') => {
  const img = catalogEntry(repo, tag)!.variants[arch]!;
  return img.layers.reduce((n, d) => n + catalogLayer(d)!.size, 0);
};

describe('digests', () => {
  it('are sha256-shaped, deterministic and distinct', () => {
    expect(digestOf('nginx')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hex64('nginx')).toBe(hex64('nginx'));
    expect(hex64('nginx')).not.toBe(hex64('nginy'));
  });
});

describe('image references', () => {
  it('normalise like Docker', () => {
    const r = parseImageRef('nginx');
    expect(r.ok && r.ref.full).toBe('docker.io/library/nginx:latest');
    const s = parseImageRef('polinux/stress');
    expect(s.ok && s.ref.repo).toBe('docker.io/polinux/stress');
    const p = parseImageRef('registry.k8s.io/pause:3.9');
    expect(p.ok && [p.ref.domain, p.ref.path, p.ref.tag, p.ref.familiar]).toEqual([
      'registry.k8s.io',
      'pause',
      '3.9',
      'registry.k8s.io/pause:3.9',
    ]);
  });
  it('reject upper case and garbage', () => {
    const r = parseImageRef('Nginx');
    expect(r.ok).toBe(false);
    // distribution/reference (normalize.go) names the normalised remote path
    expect(!r.ok && r.message).toBe(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    );
    const o = parseImageRef('myorg/MyApp:1');
    expect(!o.ok && o.message).toBe(
      'invalid reference format: repository name (myorg/MyApp) must be lowercase',
    );
    expect(parseImageRef('nginx:').ok).toBe(false);
  });
});

describe('catalog', () => {
  it('has realistic uncompressed sizes', () => {
    expect(size('docker.io/library/nginx', '1.27') / 1e6).toBeCloseTo(187, 0);
    expect(size('docker.io/library/alpine', 'latest') / 1e6).toBeCloseTo(7.8, 1);
    expect(size('docker.io/library/busybox', 'latest') / 1e6).toBeCloseTo(4.27, 1);
    expect(size('docker.io/library/ubuntu', '24.04') / 1e6).toBeCloseTo(78.1, 1);
    expect(size('docker.io/library/debian', 'bookworm') / 1e6).toBeCloseTo(117, 0);
  });

  it('shares base layers between images on the same base', () => {
    const nginx = catalogEntry('docker.io/library/nginx', '1.27')!.variants.amd64!;
    const httpd = catalogEntry('docker.io/library/httpd', '2.4')!.variants.amd64!;
    const redis = catalogEntry('docker.io/library/redis', '7.4')!.variants.amd64!;
    expect(nginx.layers[0]).toBe(httpd.layers[0]);
    expect(nginx.layers[0]).toBe(redis.layers[0]);
    const nginxAlpine = catalogEntry('docker.io/library/nginx', 'alpine')!.variants.amd64!;
    const alpine = catalogEntry('docker.io/library/alpine', '3.20')!.variants.amd64!;
    expect(nginxAlpine.layers[0]).toBe(alpine.layers[0]);
    expect(nginxAlpine.layers[0]).not.toBe(nginx.layers[0]);
  });

  it('gives each architecture its own layers and image ID', () => {
    const e = catalogEntry('docker.io/library/nginx', '1.27')!;
    expect(e.variants.amd64!.id).not.toBe(e.variants.arm64!.id);
    expect(e.variants.amd64!.layers[0]).not.toBe(e.variants.arm64!.layers[0]);
    // tags of one image share its manifest digest
    expect(catalogEntry('docker.io/library/nginx', 'latest')!.digest).toBe(e.digest);
  });

  it('carries the real image config', () => {
    const nginx = catalogEntry('docker.io/library/nginx', '1.27')!.variants.amd64!;
    expect(nginx.config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(nginx.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(Object.keys(nginx.config.ExposedPorts!)).toEqual(['80/tcp']);
    const redis = catalogEntry('docker.io/library/redis', 'latest')!.variants.amd64!;
    expect(redis.config.WorkingDir).toBe('/data');
    const pause = catalogEntry('registry.k8s.io/pause', '3.9')!.variants.amd64!;
    expect(pause.config.User).toBe('65535:65535');
  });

  it('includes every image of the kubernetes.io tutorials', () => {
    const refs = [
      'nginx:1.14.2',
      'nginx:1.16.1',
      'nginx:1.27',
      'busybox:1.28',
      'busybox',
      'registry.k8s.io/busybox',
      'registry.k8s.io/hpa-example',
      'registry.k8s.io/pause:3.9',
      'polinux/stress',
      'perl:5.34.0',
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      'redis',
      'httpd',
      'mysql:5.6',
      'postgres',
      'k8s.gcr.io/echoserver:1.4',
      'registry.k8s.io/echoserver:1.10',
      'gcr.io/google-samples/hello-app:1.0',
      'gcr.io/google-samples/hello-app:2.0',
      'hashicorp/http-echo',
      'registry.k8s.io/coredns/coredns:v1.11.1',
      'registry.k8s.io/metrics-server/metrics-server:v0.7.1',
      'alpine',
      'ubuntu',
      'debian',
      'node:20',
      'python:3.12',
    ];
    for (const text of refs) {
      const p = parseImageRef(text);
      expect(p.ok, text).toBe(true);
      if (p.ok) expect(catalogEntry(p.ref.repo, p.ref.tag), text).toBeDefined();
    }
    expect(catalogList().length).toBeGreaterThan(60);
  });

  it('holds the files a learner looks at', () => {
    const nginx = catalogEntry('docker.io/library/nginx', '1.27')!.variants.amd64!;
    const all = Object.assign({}, ...nginx.layers.map((d) => catalogLayer(d)!.files)) as Record<
      string,
      string
    >;
    expect(all['/usr/share/nginx/html/index.html']).toContain('Welcome to nginx!');
    expect(all['/etc/os-release']).toContain('bookworm');
    expect(all['/bin/sh']).toBeDefined();
  });
});

describe('equivalent tags', () => {
  const node = (tag: string) => {
    const e = catalogEntry('docker.io/library/node', tag)!;
    const env = e.variants.amd64!.config.Env ?? [];
    return [e.variants.amd64!.id, env.find((v) => v.startsWith('NODE_VERSION='))];
  };
  // As Docker Hub's node repository in December 2024: a line, its newest patch and its codename are one manifest;
  // `latest` and `alpine` follow the Current line (23), `lts` the Active LTS (22, jod).
  it.each([
    [['20', '20.18', '20.18.1', 'iron'], 'NODE_VERSION=20.18.1'],
    [['latest', '23', 'current', '23.3.0'], 'NODE_VERSION=23.3.0'],
    [['lts', '22', 'jod', '22.11.0'], 'NODE_VERSION=22.11.0'],
    [['alpine', 'current-alpine', '23-alpine'], 'NODE_VERSION=23.3.0'],
    [['lts-alpine', 'jod-alpine', '22-alpine', '22.11.0-alpine'], 'NODE_VERSION=22.11.0'],
    [['20-alpine', 'iron-alpine', '20.18.1-alpine'], 'NODE_VERSION=20.18.1'],
  ])('share one image: node:%s', (tags, version) => {
    const images = tags.map(node);
    for (const i of images) expect(i).toEqual([images[0]![0], version]);
  });
  it('keep releases apart: node:20.18.0 is not node:20', () => {
    expect(node('20.18.0')[0]).not.toBe(node('20')[0]);
    expect(node('20.18.0')[1]).toBe('NODE_VERSION=20.18.0');
  });
});
