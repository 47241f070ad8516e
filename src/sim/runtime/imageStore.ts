/**
 * The runtime's hosts and their image stores: content-addressed layers shared between images, tags, the
 * registry (the catalogue plus pushed images) and pulls. The first layer of the runtime (see runtime.ts).
 */
import { memoize } from '../util/memo';
import type { Cluster } from '../cluster';
import {
  catalogEntry,
  catalogHasRepo,
  catalogImageById,
  catalogLayer,
  catalogList,
  type CatalogEntry,
} from './catalog';
import { hex64 } from './digest';
import { parseImageRef, type ImageRef } from './imageRef';
import type { Arch, HostState, ImageRecord, LayerData, PullPlan } from './types';
import type { RuntimeState } from './runtimeState';

/** Parsed image references by text (pods of a Deployment name the same image again and again). */
const parsedRef = memoize(parseImageRef);

/** Pull speed model: per-pull handshake, per-layer latency, bandwidth. Deterministic. */
export const PULL_MODEL = { handshakeMs: 400, perLayerMs: 250, bytesPerSecond: 60_000_000 };

export type ResolveResult =
  | { kind: 'ok'; ref: ImageRef; digest: string; image: ImageRecord; platformMismatch: boolean }
  | { kind: 'invalid'; message: string }
  | { kind: 'norepo'; ref: ImageRef }
  | { kind: 'notag'; ref: ImageRef }
  | { kind: 'noplatform'; ref: ImageRef; arch: Arch };

/** What a name led to on a host: the host's record of the image, its tag list then, the image, the image epoch. */
interface TagHint {
  meta: { repoTags: string[] };
  tags: string[];
  img: ImageRecord | undefined;
  gen: number;
}

/** Hosts, images and layers; the layers above add containers, exits and the network. */
export abstract class RuntimeImageStore {
  constructor(protected readonly cluster: Cluster) {}

  get st(): RuntimeState {
    return this.cluster.ext<RuntimeState>('runtime');
  }

  // ---- images and layers ---------------------------------------------------------------------------------

  layer(digest: string): LayerData | undefined {
    return catalogLayer(digest) ?? this.st.layers[digest];
  }

  image(id: string): ImageRecord | undefined {
    return this.st.images[id] ?? catalogImageById(id);
  }

  /** Stores a layer made on a host (docker build); content-addressed, so identical content is stored once. */
  addLayer(l: LayerData): void {
    if (!catalogLayer(l.digest) && !this.st.layers[l.digest]) this.st.layers[l.digest] = l;
  }

  addImage(img: ImageRecord): void {
    if (!catalogImageById(img.id)) this.st.images[img.id] = img;
  }

  host(name: string): HostState {
    const h = this.st.hosts[name];
    if (!h) throw new Error(`runtime: unknown host ${name}`);
    return h;
  }

  /** Resolves a reference against the registry (catalog + pushed images) for an architecture. */
  resolveRemote(text: string, arch: Arch, explicitPlatform = false): ResolveResult {
    const parsed = parseImageRef(text);
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
    const ref = parsed.ref;
    const pushed = this.st.registry[`${ref.repo}:${ref.tag}`];
    let entry: { digest: string; variants: Partial<Record<Arch, ImageRecord>> } | undefined;
    if (pushed) {
      const variants: Partial<Record<Arch, ImageRecord>> = {};
      for (const [a, id] of Object.entries(pushed.variants)) {
        const img = id ? this.image(id) : undefined;
        if (img) variants[a as Arch] = img;
      }
      entry = { digest: pushed.digest, variants };
    } else {
      const cat: CatalogEntry | undefined = ref.tag ? catalogEntry(ref.repo, ref.tag) : undefined;
      if (cat) entry = cat;
      else if (ref.digest) {
        for (const e of this.allEntries(ref.repo)) if (e.digest === ref.digest) entry = e;
      }
    }
    const repoKnown =
      catalogHasRepo(ref.repo) || Object.keys(this.st.registry).some((k) => k.startsWith(ref.repo + ':'));
    if (!entry) return repoKnown ? { kind: 'notag', ref } : { kind: 'norepo', ref };
    const archs = Object.keys(entry.variants) as Arch[];
    const exact = entry.variants[arch];
    if (exact) return { kind: 'ok', ref, digest: entry.digest, image: exact, platformMismatch: false };
    // A single-platform image (no manifest list) is pulled whatever the host; it fails later at exec.
    if (archs.length === 1 && !explicitPlatform) {
      return {
        kind: 'ok',
        ref,
        digest: entry.digest,
        image: entry.variants[archs[0]!]!,
        platformMismatch: true,
      };
    }
    return { kind: 'noplatform', ref, arch };
  }

  private allEntries(repo: string): CatalogEntry[] {
    return catalogList().filter((e) => e.repo === repo);
  }

  /**
   * Per host: name as tagged → the image and its record on the host last found by that name. A hint, checked on
   * use (the record still has the name); removing a host or an image from a host drops the host's hints, and all
   * go when the state object is replaced (a restore).
   */
  private tagHits = new Map<string, Map<string, TagHint>>();
  private tagHitsFor: unknown = null;
  /** Bumped when an image record is deleted (hints made before then are not trusted). */
  protected imageGen = 0;

  /** Finds an image present on a host by name, full name, ID or ID prefix. */
  localImage(host: string, text: string): ImageRecord | undefined {
    const st = this.st;
    // The usual question, a name exactly as tagged ("nginx:1.27"; never an ID): a name points to one image.
    const byTag = text.includes(':') && !text.startsWith('sha256:');
    let hits: Map<string, TagHint> | undefined;
    if (byTag) {
      if (this.tagHitsFor !== st) {
        this.tagHits = new Map();
        this.tagHitsFor = st;
      }
      hits = this.tagHits.get(host);
      const hit = hits?.get(text);
      // (tags are removed by replacing the list, never in place: the same list still has the name)
      if (hit !== undefined && hit.gen === this.imageGen && hit.meta.repoTags === hit.tags) return hit.img;
    }
    const h = st.hosts[host];
    if (!h) return undefined;
    if (byTag) {
      if (!hits) this.tagHits.set(host, (hits = new Map()));
      for (const id in h.images) {
        const meta = h.images[id]!;
        if (meta.repoTags.includes(text)) {
          const img = this.image(id);
          hits.set(text, { meta, tags: meta.repoTags, img, gen: this.imageGen });
          return img;
        }
      }
    }
    const t = text.replace(/^sha256:/, '');
    if (/^[a-f0-9]{4,64}$/.test(t)) {
      for (const id of Object.keys(h.images)) if (id.slice(7).startsWith(t)) return this.image(id);
    }
    const parsed = parsedRef(text);
    if (!parsed.ok) return undefined;
    const { ref } = parsed;
    for (const id in h.images) {
      const meta = h.images[id]!;
      if (meta.repoTags.includes(ref.familiar) || meta.repoTags.includes(ref.full)) return this.image(id);
      if (ref.digest && meta.repoDigests.some((d) => d === `${ref.familiarRepo}@${ref.digest}`))
        return this.image(id);
    }
    return undefined;
  }

  imageSize(img: ImageRecord): number {
    return img.layers.reduce((n, d) => n + (this.layer(d)?.size ?? 0), 0);
  }

  /** Tags an image on a host (`docker tag`, pulls, builds): a name points to one image at a time. */
  tagImage(host: string, imageId: string, familiar: string): void {
    const h = this.host(host);
    // Already tagged so (pods pulling an image a node has just pulled): nothing moves.
    if (h.images[imageId]?.repoTags.includes(familiar)) return;
    for (const id in h.images) {
      const m = h.images[id]!;
      if (m.repoTags.includes(familiar)) m.repoTags = m.repoTags.filter((t) => t !== familiar);
    }
    const meta = (h.images[imageId] ??= { repoTags: [], repoDigests: [], pulledAt: this.cluster.now });
    if (!meta.repoTags.includes(familiar)) meta.repoTags.push(familiar);
  }

  /** Removes an image's record from a host and frees layers no other image uses. */
  deleteImage(host: string, imageId: string): string[] {
    const h = this.host(host);
    delete h.images[imageId];
    this.tagHits.delete(host);
    return this.gcLayers(host);
  }

  /** Drops layers no image on the host references; returns the removed digests. */
  gcLayers(host: string): string[] {
    const h = this.host(host);
    const used = new Set<string>();
    for (const id of Object.keys(h.images)) for (const d of this.image(id)?.layers ?? []) used.add(d);
    const removed = h.layers.filter((d) => !used.has(d));
    h.layers = h.layers.filter((d) => used.has(d));
    return removed;
  }

  /** Makes an image and its layers present on a host (after a pull or a build). */
  storeOnHost(host: string, img: ImageRecord, names: string[], repoDigest?: string): void {
    const h = this.host(host);
    for (const d of img.layers) if (!h.layers.includes(d)) h.layers.push(d);
    const meta = (h.images[img.id] ??= { repoTags: [], repoDigests: [], pulledAt: this.cluster.now });
    for (const n of names) this.tagImage(host, img.id, n);
    if (repoDigest && !meta.repoDigests.includes(repoDigest)) meta.repoDigests.push(repoDigest);
  }

  /** Registers an image in the registry under `repo:tag` (docker push). */
  pushToRegistry(ref: ImageRef, img: ImageRecord): string {
    const key = `${ref.repo}:${ref.tag}`;
    const digest = `sha256:${hex64(`manifest|${img.id}`)}`;
    this.st.registry[key] = { digest, variants: { [img.architecture]: img.id }, pushedAt: this.cluster.now };
    return digest;
  }

  // ---- RuntimeApi: hosts and images ---------------------------------------------------------------------

  ensureHost(host: string, opts: { arch: Arch; kind: 'node' | 'docker' }): void {
    if (!this.st.hosts[host])
      this.st.hosts[host] = { arch: opts.arch, kind: opts.kind, layers: [], images: {} };
  }

  removeHost(host: string): void {
    for (const c of Object.values(this.st.containers)) if (c.host === host) this.removeContainer(c.id);
    delete this.st.hosts[host];
    delete this.st.hostMemory[host];
    this.tagHits.delete(host);
  }

  /** Sets the memory of a host for its OOM killer (Docker host). */
  setHostMemory(host: string, bytes: number): void {
    this.st.hostMemory[host] = bytes;
  }

  hasImage(host: string, ref: string): boolean {
    return this.localImage(host, ref) !== undefined;
  }

  planPull(host: string, text: string): PullPlan {
    const h = this.host(host);
    const loop = loopbackPull(text);
    if (loop) return loop;
    const r = this.resolveRemote(text, h.arch);
    if (r.kind === 'invalid') {
      return {
        ok: false,
        reason: 'InvalidImageName',
        message: `Failed to apply default image tag "${text}": couldn't parse image name "${text}": ${r.message}`,
      };
    }
    if (r.kind === 'norepo') {
      return {
        ok: false,
        reason: 'Unauthorized',
        message:
          `rpc error: code = Unknown desc = failed to pull and unpack image "${r.ref.full}": failed to resolve reference ` +
          `"${r.ref.full}": pull access denied, repository does not exist or may require authorization: server message: ` +
          'insufficient_scope: authorization failed',
      };
    }
    if (r.kind === 'notag') {
      return {
        ok: false,
        reason: 'NotFound',
        message:
          `rpc error: code = NotFound desc = failed to pull and unpack image "${r.ref.full}": failed to resolve reference ` +
          `"${r.ref.full}": ${r.ref.full}: not found`,
      };
    }
    if (r.kind === 'noplatform') {
      return {
        ok: false,
        reason: 'NotFound',
        message: `rpc error: code = NotFound desc = failed to pull and unpack image "${r.ref.full}": no match for platform in manifest: not found`,
      };
    }
    const missing = r.image.layers.filter((d) => !h.layers.includes(d));
    const missingBytes = missing.reduce((n, d) => n + (this.layer(d)?.size ?? 0), 0);
    return {
      ok: true,
      imageId: r.image.id,
      digest: r.digest,
      sizeBytes: this.imageSize(r.image),
      missingBytes,
      durationMs: pullDuration(missing.length, missingBytes),
    };
  }

  commitPull(host: string, text: string): void {
    const h = this.host(host);
    const r = this.resolveRemote(text, h.arch);
    if (r.kind !== 'ok') return;
    const missing = r.image.layers.filter((d) => !h.layers.includes(d)).length;
    this.storeOnHost(host, r.image, [r.ref.familiar], `${r.ref.familiarRepo}@${r.digest}`);
    this.cluster.log.emit(this.cluster.now, {
      kind: 'pull',
      source: 'registry',
      target: `runtime/${host}`,
      verb: 'pull',
      summary: `${r.ref.familiar}: ${missing} of ${r.image.layers.length} layers downloaded`,
    });
  }

  listImages(host: string): { names: string[]; sizeBytes: number }[] {
    const h = this.st.hosts[host];
    if (!h) return [];
    return Object.entries(h.images).map(([id, meta]) => {
      const img = this.image(id);
      const names = [
        ...meta.repoDigests.map((d) =>
          parseImageRef(d).ok
            ? (parseImageRef(d) as { ok: true; ref: ImageRef }).ref.repo + d.slice(d.indexOf('@'))
            : d,
        ),
        ...meta.repoTags.map((t) => {
          const p = parseImageRef(t);
          return p.ok ? p.ref.full : t;
        }),
      ];
      return { names, sizeBytes: img ? this.imageSize(img) : 0 };
    });
  }

  /** Removes a container (the containers layer). */
  abstract removeContainer(cid: string): void;
}

/** Pull time for `layers` layers totalling `bytes`: handshake + per-layer latency + transfer. */
export function pullDuration(layers: number, bytes: number): number {
  if (layers === 0) return 0;
  return (
    PULL_MODEL.handshakeMs +
    layers * PULL_MODEL.perLayerMs +
    Math.round((bytes / PULL_MODEL.bytesPerSecond) * 1000)
  );
}

/**
 * A node pulling from `localhost:5000/…` asks the node itself: nothing listens there (a registry the learner runs
 * on the Docker host is that host's localhost, not the node's — on kind or a multi-node cluster the nodes reach a
 * registry by a name or address of theirs). containerd dials plain HTTP for a loopback host and is refused.
 */
function loopbackPull(text: string): PullPlan | undefined {
  const p = parsedRef(text);
  if (!p.ok) return undefined;
  const m = /^(localhost|127\.0\.0\.1)(?::(\d+))?$/.exec(p.ref.domain);
  if (!m) return undefined;
  const port = m[2] ?? '80';
  const ref = p.ref;
  const what = ref.digest ?? ref.tag;
  return {
    ok: false,
    reason: 'NotFound',
    message:
      `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference ` +
      `"${ref.full}": failed to do request: Head "http://${p.ref.domain}/v2/${ref.path}/manifests/${what}": ` +
      `dial tcp 127.0.0.1:${port}: connect: connection refused`,
  };
}
