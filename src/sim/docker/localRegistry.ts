/**
 * A registry the learner runs on the Docker host (`docker run -d -p 5000:5000 registry:2`), reached as
 * `localhost:5000/…` by the daemon: `docker push` and `docker pull` go through the published port to the
 * container, ping `/v2/` first (as moby's registry client does) and keep the repositories in the container's
 * storage (`/var/lib/registry/docker/registry/v2/repositories/<name>/…`, on the image's anonymous volume), so
 * `curl localhost:5000/v2/_catalog` lists them and a new registry container starts empty. With nothing published
 * on the port the dial is refused, with moby's wording.
 *
 * Only the Docker host's localhost is this registry: a cluster node's `localhost:5000` is the node itself (see
 * the runtime's planPull), as on a kind or multi-node cluster beside Docker.
 */
import * as ufs from '../runtime/unionFs';
import type { ImageRef } from '../runtime/imageRef';
import type { ImageRecord } from '../runtime/types';
import { hex64 } from '../runtime/digest';
import type { DaemonCore } from './dockerTypes';

const REPOSITORIES = '/var/lib/registry/docker/registry/v2/repositories';

/** The port of a `localhost:N` / `127.0.0.1:N` registry host (the Docker host's loopback), else undefined. */
export function loopbackRegistry(ref: ImageRef): { host: string; port: number } | undefined {
  const m = /^(localhost|127\.0\.0\.1):(\d+)$/.exec(ref.domain);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/** The registry container behind a loopback port, or the client's error for the `/v2/` ping. */
function connect(d: DaemonCore, ref: ImageRef): { cid: string; port: number } | { error: string } {
  const at = loopbackRegistry(ref)!;
  const url = `Get "http://${at.host}:${at.port}/v2/"`;
  const dial = at.host === 'localhost' ? `[::1]:${at.port}` : `127.0.0.1:${at.port}`;
  for (const meta of Object.values(d.st.containers)) {
    const b = meta.ports.find((p) => p.hostPort === at.port && p.proto === 'tcp');
    if (!b || d.rt.record(meta.id)?.state !== 'running') continue;
    d.hop(
      'dockerd',
      `runtime/${d.host}`,
      'GET',
      `${at.host}:${at.port}/v2/ → ${meta.name}:${b.containerPort}`,
      2,
    );
    const r = d.rt.httpRequest(meta.id, b.containerPort, '/v2/');
    // The userland proxy accepted the connection; nothing behind it answered.
    if (!r) return { error: `${url}: EOF` };
    if (r.status !== 200 || r.body !== '{}')
      return {
        error:
          `${url}: received unexpected HTTP status: ${r.status} ${r.status === 404 ? 'Not Found' : ''}`.trim(),
      };
    return { cid: meta.id, port: b.containerPort };
  }
  return { error: `${url}: dial tcp ${dial}: connect: connection refused` };
}

function view(d: DaemonCore, cid: string): ufs.FsView {
  return d.rt.fsView(d.rt.record(cid)!);
}

/** Writes a file of the registry's storage, making its folders as the registry's filesystem driver does. */
function store(v: ufs.FsView, path: string, content: string): void {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) ufs.mkdir(v, '/' + parts.slice(0, i).join('/'));
  ufs.writeFile(v, path, content);
}

/** The manifest digest of an image as this registry stores it. */
function manifestDigest(img: ImageRecord): string {
  return `sha256:${hex64(`manifest|${img.id}`)}`;
}

/** `docker push localhost:N/…`: the layers the registry lacks, then the tag. */
export function pushLocal(
  d: DaemonCore,
  ref: ImageRef,
  img: ImageRecord,
  lines: string[],
): { ok: true; lines: string[]; digest: string } | { ok: false; error: string; lines: string[] } {
  const c = connect(d, ref);
  if ('error' in c) return { ok: false, error: c.error, lines };
  const v = view(d, c.cid);
  const repoDir = `${REPOSITORIES}/${ref.path}`;
  const others = (ufs.listDir(v, REPOSITORIES) ?? []).filter((n) => n !== ref.path);
  for (const dg of [...img.layers].reverse()) {
    const short = dg.slice(7, 19);
    const hex = dg.slice(7);
    const layerLink = (repo: string) => `${REPOSITORIES}/${repo}/_layers/sha256/${hex}/link`;
    if (ufs.exists(v, layerLink(ref.path))) {
      lines.push(`${short}: Layer already exists`);
      continue;
    }
    const from = others.find((o) => ufs.exists(v, layerLink(o)));
    if (from) lines.push(`${short}: Mounted from ${from}`);
    else {
      const l = d.rt.layer(dg);
      d.hop(
        'dockerd',
        `runtime/${d.host}`,
        'PUT',
        `blob ${short}`,
        Math.round(50 + ((l?.size ?? 0) / 200_000_000) * 1000),
      );
      lines.push(`${short}: Pushed`);
    }
    store(v, layerLink(ref.path), dg);
  }
  const digest = manifestDigest(img);
  store(v, `${repoDir}/_manifests/revisions/sha256/${digest.slice(7)}/link`, digest);
  store(v, `${repoDir}/_manifests/tags/${ref.tag}/current/link`, digest);
  (d.st.registryManifests ??= {})[digest] = img.id;
  lines.push(`${ref.tag}: digest: ${digest} size: ${1000 + img.layers.length * 210}`);
  return { ok: true, lines, digest };
}

/** `docker pull localhost:N/…`: the image the registry's tag (or digest) names, or the daemon's error. */
export function resolveLocal(
  d: DaemonCore,
  ref: ImageRef,
): { ok: true; image: ImageRecord; digest: string } | { ok: false; error: string } {
  const c = connect(d, ref);
  if ('error' in c) return { ok: false, error: `Error response from daemon: ${c.error}` };
  const v = view(d, c.cid);
  const repoDir = `${REPOSITORIES}/${ref.path}`;
  if (!ufs.isDir(v, `${repoDir}/_manifests`))
    return {
      ok: false,
      error: `Error response from daemon: repository ${ref.familiarRepo} not found: name unknown: repository name not known to registry`,
    };
  const digest = ref.digest
    ? ufs.exists(v, `${repoDir}/_manifests/revisions/sha256/${ref.digest.slice(7)}/link`)
      ? ref.digest
      : undefined
    : ufs.readFile(v, `${repoDir}/_manifests/tags/${ref.tag}/current/link`);
  const id = digest ? d.st.registryManifests?.[digest] : undefined;
  const image = id ? d.rt.image(id) : undefined;
  if (!digest || !image)
    return {
      ok: false,
      error: `Error response from daemon: manifest for ${ref.familiar} not found: manifest unknown: manifest unknown`,
    };
  return { ok: true, image, digest };
}
