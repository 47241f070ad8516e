/** The Docker daemon's image verbs: `docker pull`, `tag`, `rmi`, `push` (layer by layer, against the registry). */
import { catalogList } from '../runtime/catalog';
import { parseImageRef, type ImageRef } from '../runtime/imageRef';
import type { Arch, ImageRecord } from '../runtime/types';
import type { DaemonCore } from './dockerTypes';
import { type Result } from './dockerTypes';
import { platformText } from './platform';

// ---- images ---------------------------------------------------------------------------------------------

/** `docker pull`: layer by layer, `Already exists` for layers the host has, then the digest. */
export function pull(
  daemon: DaemonCore,
  text: string,
  opts: { platform?: Arch; quiet?: boolean } = {},
): Result<{ lines: string[]; image: ImageRecord; ref: ImageRef }> {
  const arch = opts.platform ?? daemon.arch;
  const r = daemon.rt.resolveRemote(text, arch, !!opts.platform);
  const parsed = parseImageRef(text);
  daemon.hop('dockerd', 'registry', 'GET', `resolve ${parsed.ok ? parsed.ref.familiar : text}`, 150, 'pull');
  if (r.kind === 'invalid') return { ok: false, error: r.message };
  // The registry's refusal is a hop of its own: the diagram shows the answer, and the studio reads it to say
  // when an image is beyond Kubelab's catalogue (a failed docker pull makes no Kubernetes event).
  if (r.kind === 'norepo' || r.kind === 'notag')
    daemon.hop(
      'registry',
      'dockerd',
      r.kind === 'norepo' ? 'denied' : 'not found',
      r.ref.familiar,
      0,
      'pull',
    );
  if (r.kind === 'norepo') {
    return {
      ok: false,
      error: `Error response from daemon: pull access denied for ${r.ref.familiarRepo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    };
  }
  if (r.kind === 'notag') {
    return {
      ok: false,
      error: `Error response from daemon: manifest for ${r.ref.familiar} not found: manifest unknown: manifest unknown`,
    };
  }
  if (r.kind === 'noplatform') {
    return {
      ok: false,
      error: `Error response from daemon: no matching manifest for ${platformText(r.arch)} in the manifest list entries`,
    };
  }
  const h = daemon.rt.host(daemon.host);
  const lines: string[] = [];
  const tagText = r.ref.digest && !text.includes(':') ? r.ref.digest : r.ref.tag;
  const path = r.ref.domain === 'docker.io' ? r.ref.path : r.ref.repo;
  lines.push(`${tagText}: Pulling from ${path}`);
  const existing = daemon.rt.localImage(daemon.host, r.ref.familiar);
  let downloaded = 0;
  for (const d of r.image.layers) {
    const l = daemon.rt.layer(d);
    const short = d.slice(7, 19);
    if (h.layers.includes(d)) {
      if (existing?.id !== r.image.id) lines.push(`${short}: Already exists`);
      continue;
    }
    downloaded++;
    const ms = Math.round(250 + ((l?.size ?? 0) / 60_000_000) * 1000);
    daemon.hop(
      'registry',
      'dockerd',
      'blob',
      `${short}: ${l ? Math.round(l.size / 1e5) / 10 : 0}MB`,
      ms,
      'pull',
    );
    lines.push(`${short}: Pull complete`);
  }
  const upToDate = existing?.id === r.image.id && downloaded === 0;
  daemon.rt.storeOnHost(daemon.host, r.image, [r.ref.familiar], `${r.ref.familiarRepo}@${r.digest}`);
  if (upToDate) lines.splice(1);
  lines.push(`Digest: ${r.digest}`);
  lines.push(
    upToDate
      ? `Status: Image is up to date for ${r.ref.familiar}`
      : `Status: Downloaded newer image for ${r.ref.familiar}`,
  );
  if (r.platformMismatch) {
    lines.push(
      `WARNING: The requested image's platform (${platformText(r.image.architecture)}) does not match the detected host platform (${platformText(h.arch)}) and no specific platform was requested`,
    );
  }
  return { ok: true, lines, image: r.image, ref: r.ref };
}

/** `docker tag`. */
export function tag(daemon: DaemonCore, src: string, dst: string): Result {
  const img = daemon.rt.localImage(daemon.host, src);
  if (!img) return { ok: false, error: `Error response from daemon: No such image: ${daemon.familiar(src)}` };
  const p = parseImageRef(dst);
  if (!p.ok)
    return {
      ok: false,
      error: `Error parsing reference: "${dst}" is not a valid repository/tag: ${p.message}`,
    };
  daemon.rt.tagImage(daemon.host, img.id, p.ref.familiar);
  daemon.hop('docker-cli', 'dockerd', 'POST', `tag ${src} → ${p.ref.familiar}`);
  return { ok: true };
}

export function familiar(daemon: DaemonCore, text: string): string {
  const p = parseImageRef(text);
  return p.ok ? p.ref.familiar : text;
}

/** `docker rmi`: refused while a container uses the image (unless forced, and never while it runs). */
export function rmi(daemon: DaemonCore, text: string, force = false): Result<{ lines: string[] }> {
  const img = daemon.rt.localImage(daemon.host, text);
  if (!img)
    return { ok: false, error: `Error response from daemon: No such image: ${daemon.familiar(text)}` };
  const h = daemon.rt.host(daemon.host);
  const meta = h.images[img.id]!;
  const users = daemon.list(true).filter((c) => c.rec.imageId === img.id);
  const byName = !/^(sha256:)?[a-f0-9]{4,64}$/.test(text);
  const name = daemon.familiar(text);
  const lines: string[] = [];
  if (byName && meta.repoTags.length > 1) {
    meta.repoTags = meta.repoTags.filter((t) => t !== name);
    return { ok: true, lines: [`Untagged: ${name}`] };
  }
  const running = users.find((u) => u.rec.state === 'running');
  if (running && force) {
    return {
      ok: false,
      error: `Error response from daemon: conflict: unable to delete ${img.id.slice(7, 19)} (cannot be forced) - image is being used by running container ${running.meta.id.slice(0, 12)}`,
    };
  }
  if (users.length && !force) {
    const u = users[0]!;
    return {
      ok: false,
      error: byName
        ? `Error response from daemon: conflict: unable to remove repository reference "${name}" (must force) - container ${u.meta.id.slice(0, 12)} is using its referenced image ${img.id.slice(7, 19)}`
        : `Error response from daemon: conflict: unable to delete ${img.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${u.meta.id.slice(0, 12)}`,
    };
  }
  for (const t of meta.repoTags) lines.push(`Untagged: ${t}`);
  for (const d of meta.repoDigests) lines.push(`Untagged: ${d}`);
  if (users.length) {
    meta.repoTags = [];
    return { ok: true, lines };
  }
  lines.push(`Deleted: ${img.id}`);
  const removed = daemon.rt.deleteImage(daemon.host, img.id);
  for (const d of [...img.layers].reverse()) if (removed.includes(d)) lines.push(`Deleted: ${d}`);
  daemon.hop('docker-cli', 'dockerd', 'DELETE', `rmi ${name}: ${removed.length} layers freed`);
  return { ok: true, lines };
}

/** `docker push`: layers the registry has are skipped (`Layer already exists`). */
export function push(daemon: DaemonCore, text: string): Result<{ lines: string[] }> {
  const p = parseImageRef(text);
  if (!p.ok) return { ok: false, error: p.message };
  const img = daemon.rt.localImage(daemon.host, text);
  if (!img)
    return { ok: false, error: `An image does not exist locally with the tag: ${p.ref.familiarRepo}` };
  if (p.ref.domain === 'docker.io' && p.ref.path.startsWith('library/')) {
    return { ok: false, error: 'denied: requested access to the resource is denied' };
  }
  const lines = [`The push refers to repository [${p.ref.repo}]`];
  const known = new Set<string>();
  for (const e of Object.values(daemon.rt.st.registry))
    for (const id of Object.values(e.variants))
      for (const d of daemon.rt.image(id!)?.layers ?? []) known.add(d);
  for (const d of [...img.layers].reverse()) {
    const short = d.slice(7, 19);
    // A layer another repository of the registry holds is mounted across, not uploaded again.
    const owner = known.has(d) ? undefined : catalogRepoWithLayer(d);
    if (known.has(d)) lines.push(`${short}: Layer already exists`);
    else if (owner) lines.push(`${short}: Mounted from ${owner.replace(/^docker\.io\//, '')}`);
    else {
      const l = daemon.rt.layer(d);
      daemon.hop(
        'dockerd',
        'registry',
        'PUT',
        `blob ${short}`,
        Math.round(200 + ((l?.size ?? 0) / 30_000_000) * 1000),
        'pull',
      );
      lines.push(`${short}: Pushed`);
    }
  }
  const digest = daemon.rt.pushToRegistry(p.ref, img);
  lines.push(`${p.ref.tag}: digest: ${digest} size: ${1000 + img.layers.length * 210}`);
  const meta = daemon.rt.host(daemon.host).images[img.id]!;
  const rd = `${p.ref.familiarRepo}@${digest}`;
  if (!meta.repoDigests.includes(rd)) meta.repoDigests.push(rd);
  return { ok: true, lines };
}

/** The first catalog repository whose images contain a layer (for `Mounted from library/nginx`). */
function catalogRepoWithLayer(digest: string): string | undefined {
  for (const e of catalogList())
    for (const v of Object.values(e.variants)) if (v?.layers.includes(digest)) return e.repo;
  return undefined;
}
