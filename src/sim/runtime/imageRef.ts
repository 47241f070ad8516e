/**
 * Image references as Docker and containerd parse them (distribution/reference): `nginx` means
 * `docker.io/library/nginx:latest`; a first component with a dot, a colon or `localhost` is a registry host.
 */

export interface ImageRef {
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`. */
  domain: string;
  /** Path inside the registry, e.g. `library/nginx`. */
  path: string;
  /** `docker.io/library/nginx` */
  repo: string;
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:1.27` */
  full: string;
  /** What Docker prints: `nginx:1.27`, `polinux/stress:latest`, `registry.k8s.io/pause:3.9`. */
  familiar: string;
  /** Familiar repository without tag: `nginx`. */
  familiarRepo: string;
}

export type ParseResult = { ok: true; ref: ImageRef } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Familiar form of a normalised repository (`docker.io/library/nginx` → `nginx`). */
export function familiarRepo(repo: string): string {
  if (repo.startsWith('docker.io/library/')) return repo.slice('docker.io/library/'.length);
  if (repo.startsWith('docker.io/')) return repo.slice('docker.io/'.length);
  return repo;
}

export function parseImageRef(text: string): ParseResult {
  const input = text.trim();
  if (!input) return { ok: false, message: 'invalid reference format' };
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) return { ok: false, message: 'invalid reference format' };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, message: 'invalid reference format' };
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first;
    parts.shift();
  }
  if (!parts.length) return { ok: false, message: 'invalid reference format' };
  for (const p of parts) {
    if (p !== p.toLowerCase() && COMPONENT.test(p.toLowerCase())) {
      // distribution/reference names the remote path as normalised (`Nginx` → `library/Nginx`)
      const remote = (domain === 'docker.io' && parts.length === 1 ? ['library', ...parts] : parts).join('/');
      return {
        ok: false,
        message: `invalid reference format: repository name (${remote}) must be lowercase`,
      };
    }
    if (!COMPONENT.test(p)) return { ok: false, message: 'invalid reference format' };
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  const repo = `${domain}/${path}`;
  const t = tag ?? (digest ? '' : 'latest');
  const fam = familiarRepo(repo);
  const full = digest ? `${repo}${t ? ':' + t : ''}@${digest}` : `${repo}:${t}`;
  const familiar = digest ? `${fam}${t ? ':' + t : ''}@${digest}` : `${fam}:${t}`;
  return { ok: true, ref: { domain, path, repo, tag: t, digest, full, familiar, familiarRepo: fam } };
}
