/**
 * The container runtime: one model for the cluster's nodes (the kubelet calls it through CRI-like methods) and
 * the Docker host (the daemon calls it). Each host has its own image cache of content-addressed layers; each
 * container gets namespaces, a cgroup, a writable layer over its image's layers, and a process run by the
 * process model, for which this module implements the {@link ProcessIO}.
 *
 * All state is JSON under `cluster.state.ext.runtime`; timers are data (`runtime.*`).
 */
import { appended, deepFreeze, flat } from '../util/shapes';
import { memoize } from '../util/memo';
import { nodeComponent, type SummaryFormat } from '../engine/eventLog';
import type { Cluster, SimModule } from '../cluster';
import { installProcessModel, type ProcessIO, type ProcessModelApi } from '../process/processModel';
import {
  catalogEntry,
  catalogHasRepo,
  catalogImageById,
  catalogLayer,
  catalogList,
  DEFAULT_PATH,
  type CatalogEntry,
} from './catalog';
import { hex64, shortId } from './digest';
import { parseImageRef, type ImageRef } from './imageRef';

/** An image's layer records, bottom first (see fsView). */
const imageLayers = new WeakMap<ImageRecord, LayerData[]>();

/**
 * A new container's empty log and writable layer: shared and frozen until its first line or write (a pod's pause
 * container never has either), then replaced by its own.
 */
const NO_LOGS: ContainerLog = deepFreeze({ times: [], lines: [] });
const NO_WRITES: WritableLayer = deepFreeze(ufs.emptyWritable());

/** Appends a line to a container's log (its own from the first line on); a log keeps its newest 5000 lines. */
function appendLog(c: { logs: ContainerLog }, time: number, text: string): void {
  if (c.logs === NO_LOGS) c.logs = { times: [], lines: [] };
  const log = c.logs;
  log.times.push(time);
  log.lines.push(text);
  if (log.lines.length > 5000) {
    const drop = log.lines.length - 5000;
    log.times.splice(0, drop);
    log.lines.splice(0, drop);
  }
}

/** Parsed image references by text (pods of a Deployment name the same image again and again). */
const parsedRef = memoize(parseImageRef);
import * as ufs from './unionFs';
import type {
  Arch,
  ContainerInfo,
  ContainerRecord,
  ContainerSpec,
  ExitEvent,
  ExitReason,
  HostState,
  ImageRecord,
  LayerData,
  MountSpec,
  NamespaceIds,
  NetworkProvider,
  PullPlan,
  RuntimeApi,
  ContainerLog,
  WritableLayer,
} from './types';

export interface RuntimeState {
  hosts: Record<string, HostState>;
  /** Images not in the static catalog (built, pushed), by ID. */
  images: Record<string, ImageRecord>;
  /** Layers not in the static catalog, by digest. */
  layers: Record<string, LayerData>;
  containers: Record<string, ContainerRecord>;
  volumes: Record<string, ufs.VolumeData>;
  /** Pushed repositories: `repo:tag` → manifest digest and per-arch image IDs. */
  registry: Record<string, { digest: string; variants: Partial<Record<Arch, string>>; pushedAt: number }>;
  /** Host memory capacity for the host-wide OOM killer (Docker hosts). */
  hostMemory: Record<string, number>;
  nextNs: number;
  /** A host OOM kill or cgroup OOM kill waiting to be delivered. */
  oomPending: Record<string, true>;
  /** Containers the runtime itself SIGKILLed (stop after grace, kill). */
  killed: Record<string, true>;
}

/** Pull speed model: per-pull handshake, per-layer latency, bandwidth. Deterministic. */
export const PULL_MODEL = { handshakeMs: 400, perLayerMs: 250, bytesPerSecond: 60_000_000 };

/** The user namespace every container shares with the host unless user namespaces are enabled (Docker default). */
export const HOST_USER_NS = '4026531837';

/** Free host memory a container start needs (runc, the shim, the first pages of the process). */
export const START_MEMORY = 64 * 2 ** 20;

export type ResolveResult =
  | { kind: 'ok'; ref: ImageRef; digest: string; image: ImageRecord; platformMismatch: boolean }
  | { kind: 'invalid'; message: string }
  | { kind: 'norepo'; ref: ImageRef }
  | { kind: 'notag'; ref: ImageRef }
  | { kind: 'noplatform'; ref: ImageRef; arch: Arch };

/** Hook through which the Docker daemon resolves container names on user-defined networks. */
export type NameResolver = (fromCid: string, name: string) => string | undefined;

/** Hosts outside the lab answer a small fixed page; info.cern.ch (the init-container tutorial) its real one. */
const EXTERNAL_PAGE = (host: string) =>
  host === 'info.cern.ch'
    ? '<html><head></head><body><header>\n<title>http://info.cern.ch</title>\n</header>\n\n' +
      '<h1>http://info.cern.ch - home of the first website</h1>\n<p>From here you can:</p>\n<ul>\n' +
      '<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>\n' +
      '<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>\n' +
      '</ul>\n</body></html>\n'
    : `<html><head><title>${host}</title></head><body><h1>${host}</h1><p>A page from outside the lab (simulated).</p></body></html>\n`;

/** An image's `Env` list as variables, parsed once per image (the strings are shared by its containers). */
const imageEnvs = new WeakMap<readonly string[], Readonly<Record<string, string>>>();
function imageEnv(list: readonly string[] | undefined): Readonly<Record<string, string>> {
  if (!list) return {};
  let env = imageEnvs.get(list);
  if (!env) {
    const parsed: Record<string, string> = {};
    for (const e of list) {
      const i = e.indexOf('=');
      parsed[e.slice(0, i)] = e.slice(i + 1);
    }
    imageEnvs.set(list, (env = Object.freeze(parsed)));
  }
  return env;
}

/** What a name led to on a host: the host's record of the image, its tag list then, the image, the image epoch. */
interface TagHint {
  meta: { repoTags: string[] };
  tags: string[];
  img: ImageRecord | undefined;
  gen: number;
}

export class Runtime implements RuntimeApi {
  private exitListeners: ((e: ExitEvent) => void)[] = [];
  private network: NetworkProvider | undefined;
  private nameResolver: NameResolver | undefined;
  process!: ProcessModelApi;

  constructor(private readonly cluster: Cluster) {}

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
  private imageGen = 0;

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

  // ---- containers ---------------------------------------------------------------------------------------

  private newNs(): string {
    return String(this.st.nextNs++);
  }

  private newId(): string {
    return this.cluster.rng.hex(64);
  }

  /**
   * A container's cgroup (derived, not stored: every container has one): Docker's `system.slice/docker-<id>`;
   * on a node, the pod's slice (named after the pod uid) and `cri-containerd-<id>`.
   */
  private cgroupOf(c: ContainerRecord): string {
    if (this.st.hosts[c.host]?.kind === 'docker') return `/system.slice/docker-${c.id}.scope`;
    const owner = c.sandbox ? c : c.sandboxId ? this.st.containers[c.sandboxId] : undefined;
    const podUid = owner?.labels['io.kubernetes.pod.uid'];
    return `/kubepods.slice/kubepods-${podUid ? `pod${podUid.replace(/-/g, '_')}.slice/` : ''}cri-containerd-${c.id}.scope`;
  }

  createSandbox(
    host: string,
    spec: { podUid: string; name: string; namespace: string; hostname: string; ip: string },
  ): string {
    const pause = 'registry.k8s.io/pause:3.9';
    if (!this.hasImage(host, pause)) this.commitPull(host, pause);
    // (the fields in the kubelet's order, all present: one hidden class for every spec)
    const id = this.createContainer(host, {
      name: flat(`k8s_POD_${spec.name}_${spec.namespace}_${spec.podUid}_0`),
      image: pause,
      command: undefined,
      args: undefined,
      workingDir: undefined,
      env: {},
      memoryLimitBytes: undefined,
      cpuLimitMillis: undefined,
      cpuRequestMillis: undefined,
      mounts: [],
      sandboxId: undefined,
      labels: {
        'io.kubernetes.pod.name': spec.name,
        'io.kubernetes.pod.namespace': spec.namespace,
        'io.kubernetes.pod.uid': spec.podUid,
      },
      hostname: spec.hostname,
      ip: spec.ip,
      user: undefined,
    });
    const c = this.st.containers[id]!;
    c.sandbox = true;
    this.startContainer(id);
    return id;
  }

  createContainer(host: string, spec: ContainerSpec): string {
    this.host(host); // (throws for an unknown host)
    const img = this.localImage(host, spec.image);
    const id = this.newId();
    const sandbox = spec.sandboxId ? this.st.containers[spec.sandboxId] : undefined;
    const cfg = img?.config;
    let argv: string[];
    if (spec.command && spec.command.length) argv = spec.command.concat(spec.args ?? []);
    else argv = (cfg?.Entrypoint ?? []).concat(spec.args && spec.args.length ? spec.args : (cfg?.Cmd ?? []));
    const env: Record<string, string> = Object.assign({}, imageEnv(cfg?.Env));
    env.PATH ??= DEFAULT_PATH;
    const hostname = spec.hostname ?? sandbox?.hostname ?? id.slice(0, 12);
    env.HOSTNAME = hostname;
    Object.assign(env, spec.env);
    const ip = spec.ip ?? sandbox?.ip ?? '';
    const namespaces: NamespaceIds = {
      pid: this.newNs(),
      mnt: this.newNs(),
      net: sandbox ? sandbox.namespaces.net : this.newNs(),
      uts: sandbox ? sandbox.namespaces.uts : this.newNs(),
      ipc: sandbox ? sandbox.namespaces.ipc : this.newNs(),
      user: HOST_USER_NS,
      cgroup: this.newNs(),
    };
    const mounts: MountSpec[] = [...spec.mounts];
    const has = (p: string) => mounts.some((m) => ufs.normPath(m.mountPath) === p);
    // The pod's containers see the sandbox's /etc/hostname and /etc/hosts (one file each per pod, as the CRI
    // bind-mounts them), unless the container has its own.
    for (const m of sandbox && sandbox.hostname === hostname && sandbox.ip === ip ? sandbox.mounts : []) {
      if ((m.mountPath === '/etc/hostname' || m.mountPath === '/etc/hosts') && !has(m.mountPath))
        mounts.push(m);
    }
    if (!has('/etc/hostname'))
      mounts.push({
        mountPath: '/etc/hostname',
        volume: { kind: 'files', files: { '': flat(`${hostname}\n`) } },
      });
    if (!has('/etc/hosts')) {
      mounts.push({
        mountPath: '/etc/hosts',
        volume: {
          kind: 'files',
          files: {
            '': flat(
              `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip ? `${ip}\t${hostname}\n` : ''}`,
            ),
          },
        },
      });
    }
    if (!has('/etc/resolv.conf')) {
      mounts.push({
        mountPath: '/etc/resolv.conf',
        volume: { kind: 'files', files: { '': 'nameserver 8.8.8.8\nnameserver 8.8.4.4\n' } },
      });
    }
    for (const m of mounts) if (m.volume.kind === 'dir') this.volumeEnsure(m.volume.id);
    const rec: ContainerRecord = {
      id,
      host,
      name: spec.name,
      image: spec.image,
      imageId: img?.id ?? '',
      argv,
      workingDir: spec.workingDir || cfg?.WorkingDir || '/',
      env,
      user: spec.user ?? cfg?.User ?? '',
      hostname,
      ip,
      labels: spec.labels ?? {}, // the caller's fresh object (ContainerSpec is handed over)
      mounts: mounts.slice(), // exact size: kept with the container
      memoryLimitBytes: spec.memoryLimitBytes,
      cpuLimitMillis: spec.cpuLimitMillis,
      cpuRequestMillis: spec.cpuRequestMillis,
      sandboxId: spec.sandboxId,
      namespaces,
      state: 'created',
      createdAt: this.cluster.now,
      starts: 0,
      writable: NO_WRITES,
      logs: NO_LOGS,
      memoryBytes: 0,
      cpuMillis: 0,
      ports: [],
    };
    this.st.containers[id] = rec;
    this.cluster.log.hop(
      this.cluster.now,
      'runtime',
      nodeComponent('runtime', host),
      `container/${id.slice(0, 12)}`,
      'create',
      undefined,
      createdSummary,
      spec.name,
      spec.image,
      String(img?.layers.length ?? 0),
    );
    return id;
  }

  /**
   * A container for one `docker build` step: the intermediate image's layers plus a writable layer, "running"
   * without a main process so the step's command can be executed in it. Its writable layer becomes the new layer.
   */
  createBuildContainer(
    host: string,
    img: ImageRecord,
    env: Record<string, string>,
    workingDir: string,
    user: string,
    imageName: string,
  ): string {
    if (!this.image(img.id)) this.st.images[img.id] = img;
    const id = this.newId();
    this.st.containers[id] = {
      id,
      host,
      name: `buildkit-${id.slice(0, 12)}`,
      image: img.id,
      imageId: img.id,
      argv: [],
      workingDir: workingDir || '/',
      env: { PATH: DEFAULT_PATH, ...env, HOSTNAME: 'buildkitsandbox' },
      user,
      hostname: 'buildkitsandbox',
      ip: '',
      labels: {},
      mounts: [],
      namespaces: {
        pid: this.newNs(),
        mnt: this.newNs(),
        net: this.newNs(),
        uts: this.newNs(),
        ipc: this.newNs(),
        user: HOST_USER_NS,
        cgroup: this.newNs(),
      },
      cgroup: `/system.slice/buildkit-${id}.scope`,
      state: 'running',
      createdAt: this.cluster.now,
      startedAt: this.cluster.now,
      starts: 1,
      writable: ufs.emptyWritable(),
      logs: { times: [], lines: [] },
      memoryBytes: 0,
      cpuMillis: 0,
      ports: [],
      build: true,
    };
    // An idle shell as the step's main process, so the step's command runs as an exec beside it.
    if (ufs.readFile(this.fsView(this.st.containers[id]!), '/bin/sh') !== undefined) {
      this.process.start(id, {
        image: imageName,
        argv: ['/bin/sh', '-c', 'sleep 2147483647'],
        workingDir: workingDir || '/',
      });
    }
    return id;
  }

  /** Forgets a build step's container (no events: BuildKit's sandboxes are internal). */
  dropBuildContainer(cid: string): void {
    this.process.remove(cid);
    delete this.st.containers[cid];
  }

  /** Drops temporary build images that no host lists and no container uses. */
  dropImage(id: string): void {
    for (const h of Object.values(this.st.hosts)) if (h.images[id]) return;
    for (const c of Object.values(this.st.containers)) if (c.imageId === id) return;
    delete this.st.images[id];
    this.imageGen++;
  }

  /** The union filesystem view of a container. */
  fsView(c: ContainerRecord): ufs.FsView {
    const img = this.image(c.imageId);
    let layers = img ? imageLayers.get(img) : undefined;
    if (!layers) {
      layers = (img?.layers ?? []).map((d) => this.layer(d)).filter((l): l is LayerData => !!l);
      // Images and layers never change: keep the list once every layer is known.
      if (img && layers.length === img.layers.length) imageLayers.set(img, layers);
    }
    return { layers, writable: c.writable, owner: c, mounts: c.mounts, volume: (id) => this.st.volumes[id] };
  }

  startContainer(cid: string): { ok: true } | { ok: false; message: string; exitCode: number } {
    const c = this.st.containers[cid];
    if (!c) return { ok: false, message: `container ${cid} not found`, exitCode: 128 };
    if (c.state === 'running') return { ok: true };
    const h = this.host(c.host);
    const img = this.image(c.imageId);
    if (!img || !h.images[img.id]) {
      return {
        ok: false,
        message: `failed to create containerd container: image "${c.image}": not found`,
        exitCode: 128,
      };
    }
    if (!c.argv.length) return { ok: false, message: 'no command specified', exitCode: 128 };
    const view = this.fsView(c);
    const exe = ufs.whichExecutable(view, c.argv[0]!, c.env.PATH ?? DEFAULT_PATH, c.workingDir);
    if (!exe) {
      c.exitCode = 128;
      const what = c.argv[0]!.includes('/')
        ? `stat ${c.argv[0]}: no such file or directory`
        : `exec: "${c.argv[0]}": executable file not found in $PATH`;
      return {
        ok: false,
        exitCode: 128,
        message:
          'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
          `unable to start container process: ${what}: unknown`,
      };
    }
    const cap = this.st.hostMemory[c.host];
    if (cap !== undefined && this.hostMemoryUsed(c.host) + START_MEMORY > cap) {
      return {
        ok: false,
        exitCode: 128,
        message:
          'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: ' +
          'unable to start container process: error during container init: cannot allocate memory: unknown',
      };
    }
    c.state = 'running';
    c.startedAt = this.cluster.now;
    c.finishedAt = undefined;
    c.exitCode = undefined;
    c.reason = undefined;
    c.oomKilled = false;
    c.starts++;
    c.memoryBytes = 0;
    c.cpuMillis = 0;
    c.ports = [];
    if (c.starts > 1) c.namespaces.pid = this.newNs();
    delete this.st.killed[cid];
    delete this.st.oomPending[cid];
    this.cluster.log.hop(
      this.cluster.now,
      'runtime',
      nodeComponent('runtime', c.host),
      `container/${cid.slice(0, 12)}`,
      'start',
      undefined,
      startedSummary,
      c.name,
      c.argv.join(' '),
    );
    if (img.architecture !== h.arch) {
      // The binary is for another CPU: the kernel refuses to exec it (runc reports it in the container's log).
      appendLog(c, this.cluster.now, `exec ${exe}: exec format error`);
      this.cluster.clock.after(0, 'runtime.exit', { cid, code: 1, starts: c.starts }, `rt-exit:${cid}`);
      return { ok: true };
    }
    this.process.start(cid, { image: img.baseImage ?? c.image, argv: c.argv, workingDir: c.workingDir });
    const after = this.st.containers[cid];
    if (after?.startFailed) {
      after.startFailed = undefined;
      return {
        ok: false,
        exitCode: 128,
        message:
          'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
          `unable to start container process: exec: "${c.argv[0]}": executable file not found in $PATH: unknown`,
      };
    }
    return { ok: true };
  }

  stopContainer(cid: string, graceMs: number): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    c.stopping = true;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'stop',
      summary: `SIGTERM to ${c.name}, SIGKILL after ${Math.round(graceMs / 1000)}s`,
    });
    this.signal(c, 'SIGTERM');
    if (this.st.containers[cid]?.state === 'running') {
      this.cluster.clock.after(graceMs, 'runtime.stopKill', { cid, starts: c.starts }, `rt-stop:${cid}`);
    }
  }

  killContainer(cid: string, signal: 'SIGTERM' | 'SIGKILL'): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'kill',
      summary: `${signal} to ${c.name}`,
    });
    this.signal(c, signal);
  }

  private signal(c: ContainerRecord, signal: 'SIGTERM' | 'SIGKILL'): void {
    if (signal === 'SIGKILL') this.st.killed[c.id] = true;
    if (this.st.containers[c.id]?.state !== 'running') return;
    if (this.process.running(c.id)) this.process.kill(c.id, signal);
    else if (signal === 'SIGKILL' || c.imageId === '') this.exited(c.id, 137);
    // A container whose process already ended (exec format error) exits through its pending timer.
    const still = this.st.containers[c.id];
    if (still?.state === 'running' && signal === 'SIGKILL') this.exited(c.id, 137);
  }

  removeContainer(cid: string): void {
    const c = this.st.containers[cid];
    if (!c) return;
    if (c.state === 'running') {
      this.st.killed[cid] = true;
      if (this.process.running(cid)) this.process.kill(cid, 'SIGKILL');
      if (this.st.containers[cid]?.state === 'running') this.exited(cid, 137);
    }
    this.process.remove(cid);
    this.cluster.clock.cancel(`rt-stop:${cid}`);
    this.cluster.clock.cancel(`rt-exit:${cid}`);
    this.cluster.clock.cancel(`rt-oom:${cid}`);
    delete this.st.containers[cid];
    delete this.st.killed[cid];
    delete this.st.oomPending[cid];
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'remove',
      summary: `removed ${c.name} and its writable layer`,
    });
  }

  record(cid: string): ContainerRecord | undefined {
    return this.st.containers[cid];
  }

  container(cid: string): ContainerInfo | undefined {
    const c = this.st.containers[cid];
    if (!c) return undefined;
    const view = this.fsView(c);
    return {
      id: c.id,
      host: c.host,
      name: c.name,
      image: c.image,
      imageId: c.imageId,
      argv: c.argv,
      state: c.state,
      exitCode: c.exitCode,
      reason: c.reason,
      oomKilled: !!c.oomKilled,
      createdAt: c.createdAt,
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      namespaces: c.namespaces,
      cgroup: c.cgroup ?? this.cgroupOf(c),
      ip: c.ip,
      hostname: c.hostname,
      sandboxId: c.sandboxId,
      memoryLimitBytes: c.memoryLimitBytes,
      cpuLimitMillis: c.cpuLimitMillis,
      diff: ufs.diffWritable(view),
      writableBytes: ufs.writableBytes(c.writable),
      ports: [...c.ports],
      mounts: c.mounts,
      env: c.env,
      workingDir: c.workingDir,
      user: c.user,
      labels: c.labels,
    };
  }

  logs(cid: string): string[] {
    return this.st.containers[cid]?.logs.lines ?? [];
  }

  exec(cid: string, argv: string[], stdin?: string): { exitCode: number; stdout: string; stderr: string } {
    const c = this.st.containers[cid];
    if (!c) return { exitCode: 1, stdout: '', stderr: `Error: No such container: ${cid}` };
    if (c.state !== 'running') {
      return { exitCode: 126, stdout: '', stderr: `container ${cid.slice(0, 12)} is not running` };
    }
    if (!argv.length) return { exitCode: 126, stdout: '', stderr: 'no command specified' };
    const exe = ufs.whichExecutable(this.fsView(c), argv[0]!, c.env.PATH ?? DEFAULT_PATH, c.workingDir);
    if (!exe) {
      const what = argv[0]!.includes('/')
        ? `stat ${argv[0]}: no such file or directory`
        : `exec: "${argv[0]}": executable file not found in $PATH`;
      return {
        exitCode: 127,
        stdout: '',
        stderr: `OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`,
      };
    }
    return this.process.exec(cid, argv, stdin);
  }

  httpRequest(cid: string, port: number, path: string): { status: number; body: string } | undefined {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return undefined;
    const r = this.process.httpRequest(cid, port, path);
    return r ? { status: r.status, body: r.body } : undefined;
  }

  listening(cid: string, port: number): boolean {
    const c = this.st.containers[cid];
    return !!c && c.state === 'running' && this.process.listening(cid, port);
  }

  volumeEnsure(id: string): void {
    this.st.volumes[id] ??= { files: {}, dirs: [] };
  }

  volumeRemove(id: string): void {
    delete this.st.volumes[id];
  }

  volume(id: string): ufs.VolumeData | undefined {
    return this.st.volumes[id];
  }

  onExit(listener: (e: ExitEvent) => void): void {
    this.exitListeners.push(listener);
  }

  setNetwork(net: NetworkProvider): void {
    this.network = net;
  }

  setNameResolver(r: NameResolver): void {
    this.nameResolver = r;
  }

  stats(cid: string): {
    cpuMillis: number;
    memoryBytes: number;
    memoryLimitBytes?: number;
    throttled: boolean;
  } {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running')
      return { cpuMillis: 0, memoryBytes: 0, memoryLimitBytes: c?.memoryLimitBytes, throttled: false };
    return {
      cpuMillis: c.cpuMillis,
      memoryBytes: c.memoryBytes,
      memoryLimitBytes: c.memoryLimitBytes,
      throttled: !!c.cpuLimitMillis && (c.demandMillis ?? 0) > c.cpuLimitMillis,
    };
  }

  hostMemoryUsed(host: string): number {
    let n = 0;
    for (const c of Object.values(this.st.containers))
      if (c.host === host && c.state === 'running') n += c.memoryBytes;
    return n;
  }

  // ---- exits ----------------------------------------------------------------------------------------------

  /** The main process ended (or was killed): record it and tell the listeners (kubelet, Docker daemon). */
  exited(cid: string, exitCode: number, why?: string): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    if (why === 'StartError') {
      // The process model found no such program: the start fails (reported by startContainer), no exit event.
      c.state = 'created';
      c.exitCode = 128;
      c.startFailed = true;
      return;
    }
    let reason: ExitReason;
    if (this.st.oomPending[cid] || why === 'OOMKilled') reason = 'OOMKilled';
    else if (this.st.killed[cid] && exitCode === 137) reason = 'Killed';
    else reason = exitCode === 0 ? 'Completed' : 'Error';
    c.state = 'exited';
    c.exitCode = exitCode;
    c.reason = reason;
    c.oomKilled = reason === 'OOMKilled';
    c.finishedAt = this.cluster.now;
    c.memoryBytes = 0;
    c.cpuMillis = 0;
    c.demandMillis = 0;
    c.ports = [];
    c.stopping = false;
    delete this.st.oomPending[cid];
    delete this.st.killed[cid];
    this.cluster.clock.cancel(`rt-stop:${cid}`);
    this.cluster.clock.cancel(`rt-oom:${cid}`);
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `container/${cid.slice(0, 12)}`,
      target: `runtime/${c.host}`,
      verb: 'exit',
      summary: `${c.name} exited with code ${exitCode} (${reason})`,
    });
    for (const l of this.exitListeners) l({ cid, host: c.host, exitCode, reason });
  }

  private oomKill(cid: string): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    this.st.oomPending[cid] = true;
    this.cluster.log.emit(this.cluster.now, {
      kind: 'runtime',
      source: `runtime/${c.host}`,
      target: `container/${cid.slice(0, 12)}`,
      verb: 'oom-kill',
      summary: `Memory cgroup out of memory: Killed process 1 (${c.argv[0] ?? c.name})`,
    });
    if (this.process.running(cid)) this.process.kill(cid, 'SIGKILL');
    if (this.st.containers[cid]?.state === 'running') this.exited(cid, 137, 'OOMKilled');
  }

  // ---- network ------------------------------------------------------------------------------------------

  private sharesNet(a: ContainerRecord, b: ContainerRecord): boolean {
    return a.host === b.host && a.namespaces.net === b.namespaces.net;
  }

  /** The running container answering on `ip:port` (same host), or sharing the caller's network namespace. */
  /**
   * Whether `to` is reachable from `from` by IP: pod IPs are routed between all nodes of the cluster; a Docker
   * host's bridge addresses only on that host.
   */
  private reachable(from: ContainerRecord, to: ContainerRecord): boolean {
    if (from.host === to.host) return true;
    return this.st.hosts[from.host]?.kind === 'node' && this.st.hosts[to.host]?.kind === 'node';
  }

  private hasIp(c: ContainerRecord, ip: string): boolean {
    return c.ip === ip || !!c.ips?.includes(ip);
  }

  /** The running container answering on `ip:port`, or sharing the caller's network namespace for localhost. */
  private targetFor(from: ContainerRecord, host: string, port: number): ContainerRecord | undefined {
    const cands = Object.values(this.st.containers).filter((c) => c.state === 'running' && !c.sandbox);
    if (host === 'localhost' || host === '127.0.0.1') {
      return cands.find((c) => this.sharesNet(c, from) && this.process.listening(c.id, port));
    }
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      ip = this.nameResolver?.(from.id, host) ?? '';
      if (!ip) return undefined;
    }
    return cands.find(
      (c) => this.hasIp(c, ip) && this.reachable(from, c) && this.process.listening(c.id, port),
    );
  }

  private knownIp(from: ContainerRecord, ip: string): boolean {
    return Object.values(this.st.containers).some(
      (c) => this.hasIp(c, ip) && this.reachable(from, c) && c.state === 'running',
    );
  }

  netHttp(
    cid: string,
    url: string,
    timeoutMs: number,
  ): { status: number; body: string; latencyMs: number } | { error: string; latencyMs: number } {
    const fromNet = this.network?.http(cid, url, timeoutMs);
    if (fromNet) return fromNet;
    const from = this.st.containers[cid];
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!from || !m) return { error: `bad address '${url}'`, latencyMs: 1 };
    const scheme = m[1] ?? 'http';
    const host = m[2]!;
    const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
    const path = m[4] ?? '/';
    const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    const local = host === 'localhost' || host === '127.0.0.1';
    const named = !isIp && !local && !!this.nameResolver?.(cid, host);
    if (local || isIp || named) {
      const t = this.targetFor(from, host, port);
      if (t) {
        const r = this.process.httpRequest(t.id, port, path, from.ip);
        if (r) return { status: r.status, body: r.body, latencyMs: 2 };
      }
      if (isIp && !local && !this.knownIp(from, host))
        return { error: 'download timed out', latencyMs: timeoutMs };
      return {
        error: `can't connect to remote host (${isIp ? host : local ? '127.0.0.1' : this.nameResolver?.(cid, host)}): Connection refused`,
        latencyMs: 1,
      };
    }
    if (!host.includes('.')) return { error: `bad address '${host}'`, latencyMs: 5 };
    return { status: 200, body: EXTERNAL_PAGE(host), latencyMs: 40 };
  }

  netResolve(cid: string, name: string): { name: string; addresses: string[]; server: string } | undefined {
    const fromNet = this.network?.resolve(cid, name);
    if (fromNet) return fromNet;
    const ip = this.nameResolver?.(cid, name);
    if (ip) return { name, addresses: [ip], server: '127.0.0.11' };
    if (name === 'localhost') return { name, addresses: ['127.0.0.1'], server: '8.8.8.8' };
    if (name.includes('.'))
      return {
        name,
        addresses: [
          `93.184.${(hex64(name).charCodeAt(0) % 200) + 1}.${(hex64(name).charCodeAt(1) % 200) + 1}`,
        ],
        server: '8.8.8.8',
      };
    return undefined;
  }

  netTcp(cid: string, host: string, port: number): boolean {
    const fromNet = this.network?.tcp(cid, host, port);
    if (fromNet !== undefined) return fromNet;
    const from = this.st.containers[cid];
    if (!from) return false;
    return !!this.targetFor(from, host, port);
  }

  // ---- the process model's IO ---------------------------------------------------------------------------

  processIo(): ProcessIO {
    const view = (cid: string) => {
      const c = this.st.containers[cid];
      return c ? this.fsView(c) : undefined;
    };
    return {
      readFile: (cid, path) => {
        const v = view(cid);
        return v ? ufs.readFile(v, path) : undefined;
      },
      writeFile: (cid, path, content) => {
        const v = view(cid);
        return v ? ufs.writeFile(v, path, content) : false;
      },
      removeFile: (cid, path, recursive) => {
        const v = view(cid);
        return v ? ufs.removeFile(v, path, recursive) : false;
      },
      isDir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.isDir(v, path) : false;
      },
      listDir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.listDir(v, path) : undefined;
      },
      mkdir: (cid, path) => {
        const v = view(cid);
        return v ? ufs.mkdir(v, path) : false;
      },
      stdout: (cid, text) => {
        const c = this.st.containers[cid];
        if (!c) return;
        appendLog(c, this.cluster.now, text);
      },
      exited: (cid, code, reason) => this.exited(cid, code, reason),
      setMemory: (cid, bytes) => this.setMemory(cid, bytes),
      setCpu: (cid, millis) => {
        const c = this.st.containers[cid];
        if (!c || c.state !== 'running') return;
        c.demandMillis = millis;
        c.cpuMillis = c.cpuLimitMillis ? Math.min(millis, c.cpuLimitMillis) : millis;
      },
      listen: (cid, port) => {
        const c = this.st.containers[cid];
        if (c && !c.ports.includes(port)) c.ports = appended(c.ports, port);
      },
      http: (cid, url, timeoutMs) => this.netHttp(cid, url, timeoutMs),
      resolve: (cid, name) => this.netResolve(cid, name),
      tcp: (cid, host, port) => this.netTcp(cid, host, port),
      env: (cid) => ({ ...(this.st.containers[cid]?.env ?? {}) }),
      hostname: (cid) => this.st.containers[cid]?.hostname ?? '',
    };
  }

  private setMemory(cid: string, bytes: number): void {
    const c = this.st.containers[cid];
    if (!c || c.state !== 'running') return;
    c.memoryBytes = bytes;
    if (c.memoryLimitBytes && bytes > c.memoryLimitBytes) {
      // cgroup memory.max exceeded: the kernel's OOM killer ends the process (delivered on the clock, not re-entrantly).
      c.memoryBytes = c.memoryLimitBytes;
      if (!this.st.oomPending[cid]) {
        this.st.oomPending[cid] = true;
        this.cluster.clock.after(0, 'runtime.oom', { cid }, `rt-oom:${cid}`);
      }
      return;
    }
    const cap = this.st.hostMemory[c.host];
    if (cap !== undefined && this.hostMemoryUsed(c.host) > cap) {
      // The host ran out: the global OOM killer picks the biggest process on the host.
      let victim: ContainerRecord | undefined;
      for (const o of Object.values(this.st.containers)) {
        if (o.host === c.host && o.state === 'running' && (!victim || o.memoryBytes > victim.memoryBytes))
          victim = o;
      }
      if (victim && !this.st.oomPending[victim.id]) {
        this.st.oomPending[victim.id] = true;
        this.cluster.clock.after(0, 'runtime.oom', { cid: victim.id }, `rt-oom:${victim.id}`);
      }
    }
  }

  install(): void {
    const clock = this.cluster.clock;
    clock.on<{ cid: string }>('runtime.oom', ({ cid }) => {
      delete this.st.oomPending[cid];
      this.oomKill(cid);
    });
    clock.on<{ cid: string; starts: number }>('runtime.stopKill', ({ cid, starts }) => {
      const c = this.st.containers[cid];
      if (!c || c.state !== 'running' || c.starts !== starts) return;
      this.st.killed[cid] = true;
      if (this.process.running(cid)) this.process.kill(cid, 'SIGKILL');
      if (this.st.containers[cid]?.state === 'running') this.exited(cid, 137);
    });
    clock.on<{ cid: string; code: number; starts: number }>('runtime.exit', ({ cid, code, starts }) => {
      const c = this.st.containers[cid];
      if (c && c.starts === starts) this.exited(cid, code);
    });
    this.process = installProcessModel(this.cluster, this.processIo());
  }
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

export function initRuntimeState(): RuntimeState {
  return {
    hosts: {},
    images: {},
    layers: {},
    containers: {},
    volumes: {},
    registry: {},
    hostMemory: {},
    nextNs: 4026532200,
    oomPending: {},
    killed: {},
  };
}

/** The runtime as a module: attaches `cluster.runtime`. Must come before the kubelets and the Docker host. */
export const runtimeModule: SimModule = {
  name: 'runtime',
  initState: () => initRuntimeState(),
  install(c) {
    const rt = new Runtime(c);
    (c as { runtime: RuntimeApi }).runtime = rt;
    rt.install();
  },
};

/** The runtime behind `cluster.runtime`, with the extra methods the Docker daemon and the views use. */
export function runtimeOf(c: Cluster): Runtime {
  const rt = (c as unknown as { runtime?: RuntimeApi }).runtime;
  if (!(rt instanceof Runtime)) throw new Error('runtime module not installed');
  return rt;
}

export { shortId };

const createdSummary: SummaryFormat = (_h, name, image, layers) =>
  `created container ${name} (${image}): writable layer over ${layers} image layers`;
const startedSummary: SummaryFormat = (_h, name, cmdline) => `started ${name}: ${cmdline}`;
