/**
 * The Docker host beside the cluster: a daemon (dockerd) managing images, containers, networks and volumes on one
 * host, over the same runtime model as the cluster's nodes, talking to the registry. Every hop between the docker
 * client, the daemon, the registry and the runtime is an event-log entry, and virtual time passes (a pull takes
 * seconds), so the UI can animate `docker run` step by step.
 *
 * State: JSON under `cluster.state.ext.docker`. The CLI (src/shell/docker) formats what this returns.
 */
import type { Cluster, SimModule } from '../cluster';
import type { ComponentId } from '../engine/eventLog';
import { catalogList } from '../runtime/catalog';
import { hex64 } from '../runtime/digest';
import { parseImageRef, type ImageRef } from '../runtime/imageRef';
import { runtimeOf, type Runtime } from '../runtime/runtime';
import type { Arch, ContainerRecord, ImageRecord } from '../runtime/types';
import { generateName } from './names';
import type { BuildReport } from './build';

export const DOCKER_HOST = 'docker-host';
/** Memory of the Docker host (a small VM, as Docker Desktop's default): the host-wide OOM killer acts above it. */
export const DOCKER_HOST_MEMORY = 2 * 2 ** 30;
export const DOCKER_HOST_CPUS = 2;

export type RestartPolicyName = 'no' | 'on-failure' | 'always' | 'unless-stopped';

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
}

export interface DockerContainerMeta {
  id: string;
  name: string;
  /** The image as the user typed it (docker ps IMAGE column). */
  image: string;
  ports: PortBinding[];
  restart: { name: RestartPolicyName; max: number };
  restartCount: number;
  autoRemove: boolean;
  /** network name → IP address */
  networks: Record<string, string>;
  /** Stopped by `docker stop`/`kill`: restart policies other than `always` leave it stopped. */
  manualStop: boolean;
  /** Named and anonymous volumes used. */
  volumes: string[];
  anonymousVolumes: string[];
  interactive: boolean;
  tty: boolean;
  hostPid: number;
  platform?: string;
  /** Nanoseconds of CPU like HostConfig.NanoCpus (1e9 = 1 CPU). */
  nanoCpus: number;
  memory: number;
  startError?: string;
}

export interface NetworkRecord {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  subnet: string;
  gateway: string;
  created: number;
  /** User-defined networks resolve container names through Docker's embedded DNS (127.0.0.11). */
  userDefined: boolean;
}

export interface VolumeRecord {
  name: string;
  driver: 'local';
  created: number;
  anonymous: boolean;
}

export interface BuildCacheEntry {
  layers: string[];
  config: ImageRecord['config'];
  history: ImageRecord['history'];
  /** Bytes the step added (for `docker system df`'s Build Cache line). */
  size: number;
  lastUsed: number;
}

export interface DockerState {
  containers: Record<string, DockerContainerMeta>;
  networks: Record<string, NetworkRecord>;
  volumes: Record<string, VolumeRecord>;
  buildCache: Record<string, BuildCacheEntry>;
  lastBuild?: BuildReport;
  nextHostPid: number;
  /** Exit codes of auto-removed containers, for the `docker run --rm` client that waits on them. */
  lastExit?: Record<string, number>;
}

export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; exitCode?: number };

export interface RunOptions {
  image: string;
  name?: string;
  detach?: boolean;
  /** `-p` values: `8080:80`, `127.0.0.1:8080:80/tcp`, `80`. */
  publish?: string[];
  /** `-e` values: `KEY=value` or `KEY` (taken from nowhere: unset). */
  env?: string[];
  /** `-v` values: `name:/path[:ro]`, `/path` (anonymous). Bind mounts come resolved in `binds`. */
  volumes?: string[];
  /** Bind mounts already read from the client's files: container path → files (relative path → content). */
  binds?: { source: string; target: string; readOnly: boolean; files: Record<string, string> }[];
  memory?: number;
  cpus?: number;
  rm?: boolean;
  restart?: string;
  interactive?: boolean;
  tty?: boolean;
  platform?: string;
  network?: string;
  entrypoint?: string;
  workdir?: string;
  user?: string;
  hostname?: string;
  cmd?: string[];
}

function emptyState(): DockerState {
  return {
    containers: {},
    networks: {
      bridge: {
        id: '',
        name: 'bridge',
        driver: 'bridge',
        subnet: '172.17.0.0/16',
        gateway: '172.17.0.1',
        created: 0,
        userDefined: false,
      },
      host: { id: '', name: 'host', driver: 'host', subnet: '', gateway: '', created: 0, userDefined: false },
      none: { id: '', name: 'none', driver: 'null', subnet: '', gateway: '', created: 0, userDefined: false },
    },
    volumes: {},
    buildCache: {},
    nextHostPid: 2100,
  };
}

/** Parses `--platform linux/arm64` (or `arm64`); undefined when not a known platform. */
export function parsePlatform(text: string): Arch | undefined {
  const t = text.replace(/^linux\//, '').replace(/\/v8$/, '');
  if (t === 'amd64' || t === 'x86_64') return 'amd64';
  if (t === 'arm64' || t === 'aarch64') return 'arm64';
  return undefined;
}

export function platformText(arch: Arch): string {
  return arch === 'arm64' ? 'linux/arm64/v8' : 'linux/amd64';
}

export class DockerDaemon {
  readonly host = DOCKER_HOST;

  constructor(readonly cluster: Cluster) {}

  get st(): DockerState {
    return this.cluster.ext<DockerState>('docker');
  }

  get rt(): Runtime {
    return runtimeOf(this.cluster);
  }

  get arch(): Arch {
    return this.rt.host(this.host).arch;
  }

  // ---- events and time ------------------------------------------------------------------------------------

  /** One hop in the event log, then `ms` of virtual time passes. */
  hop(
    source: ComponentId,
    target: ComponentId,
    verb: string,
    summary: string,
    ms = 0,
    kind: 'docker' | 'pull' | 'runtime' = 'docker',
  ): void {
    this.cluster.log.emit(this.cluster.now, { kind, source, target, verb, summary });
    if (ms > 0) this.cluster.advance(ms);
  }

  // ---- lookup -----------------------------------------------------------------------------------------------

  /** A container by name, full ID or unique ID prefix. */
  find(ref: string): DockerContainerMeta | undefined {
    const r = ref.replace(/^\//, '');
    const metas = Object.values(this.st.containers);
    const byName = metas.find((m) => m.name === r);
    if (byName) return byName;
    const byId = metas.filter((m) => m.id.startsWith(r));
    return byId.length === 1 ? byId[0] : undefined;
  }

  record(meta: DockerContainerMeta): ContainerRecord | undefined {
    return this.rt.record(meta.id);
  }

  /** Containers in creation order, newest first (as `docker ps`). */
  list(all: boolean): { meta: DockerContainerMeta; rec: ContainerRecord }[] {
    const out: { meta: DockerContainerMeta; rec: ContainerRecord }[] = [];
    for (const meta of Object.values(this.st.containers)) {
      const rec = this.rt.record(meta.id);
      if (!rec) continue;
      if (!all && rec.state !== 'running') continue;
      out.push({ meta, rec });
    }
    return out.sort(
      (a, b) => b.rec.createdAt - a.rec.createdAt || (a.meta.hostPid < b.meta.hostPid ? 1 : -1),
    );
  }

  noSuchContainer(ref: string): { ok: false; error: string } {
    return { ok: false, error: `Error response from daemon: No such container: ${ref}` };
  }

  // ---- images ---------------------------------------------------------------------------------------------

  /** `docker pull`: layer by layer, `Already exists` for layers the host has, then the digest. */
  pull(
    text: string,
    opts: { platform?: Arch; quiet?: boolean } = {},
  ): Result<{ lines: string[]; image: ImageRecord; ref: ImageRef }> {
    const arch = opts.platform ?? this.arch;
    const r = this.rt.resolveRemote(text, arch, !!opts.platform);
    const parsed = parseImageRef(text);
    this.hop('dockerd', 'registry', 'GET', `resolve ${parsed.ok ? parsed.ref.familiar : text}`, 150, 'pull');
    if (r.kind === 'invalid') return { ok: false, error: r.message };
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
    const h = this.rt.host(this.host);
    const lines: string[] = [];
    const tagText = r.ref.digest && !text.includes(':') ? r.ref.digest : r.ref.tag;
    const path = r.ref.domain === 'docker.io' ? r.ref.path : r.ref.repo;
    lines.push(`${tagText}: Pulling from ${path}`);
    const existing = this.rt.localImage(this.host, r.ref.familiar);
    let downloaded = 0;
    for (const d of r.image.layers) {
      const l = this.rt.layer(d);
      const short = d.slice(7, 19);
      if (h.layers.includes(d)) {
        if (existing?.id !== r.image.id) lines.push(`${short}: Already exists`);
        continue;
      }
      downloaded++;
      const ms = Math.round(250 + ((l?.size ?? 0) / 60_000_000) * 1000);
      this.hop(
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
    this.rt.storeOnHost(this.host, r.image, [r.ref.familiar], `${r.ref.familiarRepo}@${r.digest}`);
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
  tag(src: string, dst: string): Result {
    const img = this.rt.localImage(this.host, src);
    if (!img) return { ok: false, error: `Error response from daemon: No such image: ${this.familiar(src)}` };
    const p = parseImageRef(dst);
    if (!p.ok)
      return {
        ok: false,
        error: `Error parsing reference: "${dst}" is not a valid repository/tag: ${p.message}`,
      };
    this.rt.tagImage(this.host, img.id, p.ref.familiar);
    this.hop('docker-cli', 'dockerd', 'POST', `tag ${src} → ${p.ref.familiar}`);
    return { ok: true };
  }

  familiar(text: string): string {
    const p = parseImageRef(text);
    return p.ok ? p.ref.familiar : text;
  }

  /** `docker rmi`: refused while a container uses the image (unless forced, and never while it runs). */
  rmi(text: string, force = false): Result<{ lines: string[] }> {
    const img = this.rt.localImage(this.host, text);
    if (!img)
      return { ok: false, error: `Error response from daemon: No such image: ${this.familiar(text)}` };
    const h = this.rt.host(this.host);
    const meta = h.images[img.id]!;
    const users = this.list(true).filter((c) => c.rec.imageId === img.id);
    const byName = !/^(sha256:)?[a-f0-9]{4,64}$/.test(text);
    const name = this.familiar(text);
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
    const removed = this.rt.deleteImage(this.host, img.id);
    for (const d of [...img.layers].reverse()) if (removed.includes(d)) lines.push(`Deleted: ${d}`);
    this.hop('docker-cli', 'dockerd', 'DELETE', `rmi ${name}: ${removed.length} layers freed`);
    return { ok: true, lines };
  }

  /** `docker push`: layers the registry has are skipped (`Layer already exists`). */
  push(text: string): Result<{ lines: string[] }> {
    const p = parseImageRef(text);
    if (!p.ok) return { ok: false, error: p.message };
    const img = this.rt.localImage(this.host, text);
    if (!img)
      return { ok: false, error: `An image does not exist locally with the tag: ${p.ref.familiarRepo}` };
    if (p.ref.domain === 'docker.io' && p.ref.path.startsWith('library/')) {
      return { ok: false, error: 'denied: requested access to the resource is denied' };
    }
    const lines = [`The push refers to repository [${p.ref.repo}]`];
    const known = new Set<string>();
    for (const e of Object.values(this.rt.st.registry))
      for (const id of Object.values(e.variants))
        for (const d of this.rt.image(id!)?.layers ?? []) known.add(d);
    for (const d of [...img.layers].reverse()) {
      const short = d.slice(7, 19);
      // A layer another repository of the registry holds is mounted across, not uploaded again.
      const owner = known.has(d) ? undefined : catalogRepoWithLayer(d);
      if (known.has(d)) lines.push(`${short}: Layer already exists`);
      else if (owner) lines.push(`${short}: Mounted from ${owner.replace(/^docker\.io\//, '')}`);
      else {
        const l = this.rt.layer(d);
        this.hop(
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
    const digest = this.rt.pushToRegistry(p.ref, img);
    lines.push(`${p.ref.tag}: digest: ${digest} size: ${1000 + img.layers.length * 210}`);
    const meta = this.rt.host(this.host).images[img.id]!;
    const rd = `${p.ref.familiarRepo}@${digest}`;
    if (!meta.repoDigests.includes(rd)) meta.repoDigests.push(rd);
    return { ok: true, lines };
  }

  // ---- containers -----------------------------------------------------------------------------------------

  private allocateIp(network: string): string {
    const net = this.st.networks[network]!;
    const prefix = net.subnet.split('.').slice(0, 3).join('.');
    const used = new Set<string>([net.gateway]);
    for (const m of Object.values(this.st.containers)) {
      const ip = m.networks[network];
      if (ip && this.rt.record(m.id)?.state === 'running') used.add(ip);
    }
    for (let i = 2; i < 255; i++) if (!used.has(`${prefix}.${i}`)) return `${prefix}.${i}`;
    return `${prefix}.254`;
  }

  private parsePublish(spec: string): PortBinding | undefined {
    const [main, protoRaw] = spec.split('/');
    const proto = protoRaw === 'udp' ? 'udp' : 'tcp';
    const parts = main!.split(':');
    let hostIp = '0.0.0.0';
    let hostPort: number;
    let containerPort: number;
    if (parts.length === 3) {
      hostIp = parts[0]!;
      hostPort = Number(parts[1]);
      containerPort = Number(parts[2]);
    } else if (parts.length === 2) {
      hostPort = Number(parts[0]);
      containerPort = Number(parts[1]);
    } else {
      containerPort = Number(parts[0]);
      hostPort = 0;
    }
    if (
      !Number.isInteger(containerPort) ||
      containerPort <= 0 ||
      containerPort > 65535 ||
      !Number.isInteger(hostPort)
    )
      return undefined;
    return { hostIp, hostPort, containerPort, proto };
  }

  /** `docker create` (and the create half of `docker run`): pull if missing, writable layer, network interface. */
  create(o: RunOptions, pullLines: string[] = []): Result<{ id: string; lines: string[] }> {
    const platform = o.platform ? parsePlatform(o.platform) : undefined;
    if (o.platform && !platform)
      return {
        ok: false,
        error: `Error response from daemon: "${o.platform}": unknown operating system or architecture: invalid argument`,
      };
    const parsed = parseImageRef(o.image);
    if (!parsed.ok) return { ok: false, error: parsed.message };
    if (o.name !== undefined) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(o.name)) {
        return {
          ok: false,
          error: `Error response from daemon: Invalid container name (${o.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
        };
      }
      const clash = this.find(o.name);
      if (clash && clash.name === o.name) {
        return {
          ok: false,
          error: `Error response from daemon: Conflict. The container name "/${o.name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
        };
      }
    }
    let restart: { name: RestartPolicyName; max: number } = { name: 'no', max: 0 };
    if (o.restart) {
      const [n, max] = o.restart.split(':');
      if (!['no', 'on-failure', 'always', 'unless-stopped'].includes(n!)) {
        return {
          ok: false,
          error: `invalid restart policy: unknown policy '${n}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
        };
      }
      restart = { name: n as RestartPolicyName, max: max ? Number(max) : 0 };
      if (o.rm && restart.name !== 'no') {
        return { ok: false, error: 'Conflicting options: --restart and --rm' };
      }
    }
    const ports: PortBinding[] = [];
    for (const p of o.publish ?? []) {
      const b = this.parsePublish(p);
      if (!b)
        return {
          ok: false,
          error: `invalid argument "${p}" for "-p, --publish" flag: invalid containerPort: ${p}`,
        };
      ports.push(b);
    }
    const network = o.network ?? 'bridge';
    if (!this.st.networks[network])
      return { ok: false, error: `Error response from daemon: network ${network} not found` };

    // 1. the image: pull it when missing
    this.hop('docker-cli', 'dockerd', 'POST', `/containers/create ${parsed.ref.familiar}`, 20);
    let img = this.rt.localImage(this.host, o.image);
    if (img && platform && img.architecture !== platform) img = undefined;
    if (!img) {
      pullLines.push(`Unable to find image '${parsed.ref.familiar}' locally`);
      const pulled = this.pull(o.image, { platform });
      if (!pulled.ok) return pulled;
      pullLines.push(...pulled.lines.filter((l) => !/^docker\.io\//.test(l)));
      img = pulled.image;
    } else if (platform && img.architecture !== this.arch) {
      pullLines.push(
        `WARNING: The requested image's platform (${platformText(img.architecture)}) does not match the detected host platform (${platformText(this.arch)}) and no specific platform was requested`,
      );
    }

    // 2. create the container: its read-write layer on top of the image layers
    const name = o.name ?? generateName(this.cluster.rng, (n) => !!this.find(n) && this.find(n)!.name === n);
    const env: Record<string, string> = {};
    for (const e of o.env ?? []) {
      const i = e.indexOf('=');
      if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
    }
    const mounts: ContainerRecord['mounts'] = [];
    const volumes: string[] = [];
    const anonymous: string[] = [];
    for (const v of o.volumes ?? []) {
      const parts = v.split(':');
      let volName: string;
      let target: string;
      let ro = false;
      if (parts.length === 1) {
        volName = this.cluster.rng.hex(64);
        target = parts[0]!;
        anonymous.push(volName);
      } else {
        volName = parts[0]!;
        target = parts[1]!;
        ro = parts[2] === 'ro';
      }
      if (!target.startsWith('/'))
        return {
          ok: false,
          error: `Error response from daemon: invalid volume specification: '${v}': invalid mount config for type "volume": invalid mount path: '${target}' mount path must be absolute`,
        };
      this.ensureVolume(volName, parts.length === 1);
      volumes.push(volName);
      mounts.push({
        mountPath: target,
        readOnly: ro,
        volume: { kind: 'dir', id: `docker-volume:${volName}` },
      });
    }
    for (const b of o.binds ?? []) {
      const id = `docker-bind:${b.source}`;
      this.rt.volumeEnsure(id);
      const vol = this.rt.volume(id)!;
      Object.assign(vol.files, b.files);
      mounts.push({ mountPath: b.target, readOnly: b.readOnly, volume: { kind: 'dir', id } });
    }
    // Volumes the image declares get an anonymous volume each (VOLUME /data).
    for (const path of Object.keys(img.config.Volumes ?? {})) {
      if (mounts.some((m) => m.mountPath === path)) continue;
      const volName = this.cluster.rng.hex(64);
      this.ensureVolume(volName, true);
      anonymous.push(volName);
      volumes.push(volName);
      mounts.push({ mountPath: path, volume: { kind: 'dir', id: `docker-volume:${volName}` } });
    }
    let command: string[] | undefined;
    let args: string[] | undefined = o.cmd && o.cmd.length ? o.cmd : undefined;
    if (o.entrypoint !== undefined) {
      command = o.entrypoint ? [o.entrypoint] : [];
      if (!args) args = [];
      if (!o.entrypoint) {
        command = args;
        args = [];
      }
    }
    const cid = this.rt.createContainer(this.host, {
      name,
      image: parsed.ref.familiar,
      command,
      args,
      workingDir: o.workdir,
      env,
      memoryLimitBytes: o.memory,
      cpuLimitMillis: o.cpus ? Math.round(o.cpus * 1000) : undefined,
      mounts,
      hostname: o.hostname,
      user: o.user,
    });
    this.hop(
      'dockerd',
      `runtime/${this.host}`,
      'create',
      `container ${name}: read-write layer on ${img.layers.length} read-only layers`,
      30,
      'runtime',
    );
    const meta: DockerContainerMeta = {
      id: cid,
      name,
      image: o.image,
      ports,
      restart,
      restartCount: 0,
      autoRemove: !!o.rm,
      networks: {},
      manualStop: false,
      volumes,
      anonymousVolumes: anonymous,
      interactive: !!o.interactive,
      tty: !!o.tty,
      hostPid: 0,
      platform: o.platform,
      nanoCpus: o.cpus ? Math.round(o.cpus * 1e9) : 0,
      memory: o.memory ?? 0,
    };
    meta.networks[network] = '';
    this.st.containers[cid] = meta;
    return { ok: true, id: cid, lines: pullLines };
  }

  /** Connects the container's interfaces (IP per network) before its process starts. */
  private attachNetworks(meta: DockerContainerMeta): void {
    const rec = this.rt.record(meta.id)!;
    const ips: string[] = [];
    for (const net of Object.keys(meta.networks)) {
      const n = this.st.networks[net];
      if (!n || n.driver !== 'bridge') {
        meta.networks[net] = '';
        continue;
      }
      const ip = this.allocateIp(net);
      meta.networks[net] = ip;
      ips.push(ip);
      this.hop(
        'dockerd',
        `container/${meta.id.slice(0, 12)}`,
        'connect',
        `eth${ips.length - 1}: ${ip} on ${net === 'bridge' ? 'docker0 (bridge)' : net}`,
        10,
      );
    }
    rec.ip = ips[0] ?? '';
    rec.ips = ips.slice(1);
    const hosts = rec.mounts.find((m) => m.mountPath === '/etc/hosts');
    if (hosts && hosts.volume.kind === 'files') {
      hosts.volume.files[''] =
        `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${rec.ip ? `${rec.ip}\t${rec.hostname}\n` : ''}`;
    }
    const resolv = rec.mounts.find((m) => m.mountPath === '/etc/resolv.conf');
    if (
      resolv &&
      resolv.volume.kind === 'files' &&
      Object.keys(meta.networks).some((n) => this.st.networks[n]?.userDefined)
    ) {
      resolv.volume.files[''] = 'nameserver 127.0.0.11\noptions ndots:0\n';
    }
  }

  /** `docker start`: network interface, then the process. */
  start(ref: string): Result {
    const meta = this.find(ref);
    if (!meta) return this.noSuchContainer(ref);
    const rec = this.rt.record(meta.id)!;
    if (rec.state === 'running') return { ok: true };
    for (const b of meta.ports) {
      if (b.hostPort === 0) continue;
      const clash = Object.values(this.st.containers).find(
        (o) =>
          o.id !== meta.id &&
          this.rt.record(o.id)?.state === 'running' &&
          o.ports.some((p) => p.hostPort === b.hostPort && p.proto === b.proto),
      );
      if (clash) {
        return {
          ok: false,
          error: `Error response from daemon: driver failed programming external connectivity on endpoint ${meta.name} (${meta.id.slice(0, 64)}): Bind for ${b.hostIp}:${b.hostPort} failed: port is already allocated`,
        };
      }
    }
    for (const b of meta.ports) {
      if (b.hostPort === 0) b.hostPort = this.ephemeralPort();
    }
    this.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/start`, 10);
    this.attachNetworks(meta);
    this.hop(
      'dockerd',
      `runtime/${this.host}`,
      'start',
      `start ${meta.name}: new pid, mount, uts, ipc, net, cgroup namespaces`,
      10,
      'runtime',
    );
    const r = this.rt.startContainer(meta.id);
    if (!r.ok) {
      meta.startError = r.message;
      for (const n of Object.keys(meta.networks)) meta.networks[n] = '';
      return {
        ok: false,
        error: `Error response from daemon: ${r.message}`,
        exitCode: /executable file not found|no such file or directory/.test(r.message)
          ? 127
          : /permission denied/.test(r.message)
            ? 126
            : 125,
      };
    }
    meta.manualStop = false;
    meta.hostPid = this.st.nextHostPid;
    this.st.nextHostPid += 37;
    return { ok: true };
  }

  private ephemeralPort(): number {
    const used = new Set<number>();
    for (const m of Object.values(this.st.containers)) for (const p of m.ports) used.add(p.hostPort);
    let p = 32768;
    while (used.has(p)) p++;
    return p;
  }

  /** `docker run`: pull if missing → create → read-write layer → network interface → start. */
  run(o: RunOptions): Result<{ id: string; lines: string[]; meta: DockerContainerMeta }> {
    const created = this.create(o, []);
    if (!created.ok) return created;
    const started = this.start(created.id);
    const meta = this.st.containers[created.id]!;
    if (!started.ok) return { ...started, error: started.error };
    return { ok: true, id: created.id, lines: created.lines, meta };
  }

  /** Lets virtual time pass until the container stops or `maxMs` elapse; returns whether it stopped. */
  waitExit(cid: string, maxMs: number): boolean {
    const until = this.cluster.now + maxMs;
    while (this.cluster.now < until) {
      const rec = this.rt.record(cid);
      if (!rec || rec.state !== 'running') return true;
      const next = this.cluster.clock.peek();
      const step =
        next === undefined
          ? until - this.cluster.now
          : Math.max(1, Math.min(next - this.cluster.now, until - this.cluster.now));
      this.cluster.advance(step);
    }
    const rec = this.rt.record(cid);
    return !rec || rec.state !== 'running';
  }

  /** `docker stop`: SIGTERM, then SIGKILL after the timeout (10 s by default). Blocks until it has stopped. */
  stop(ref: string, timeoutSec = 10): Result {
    const meta = this.find(ref);
    if (!meta) return this.noSuchContainer(ref);
    meta.manualStop = true;
    this.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/stop`, 5);
    this.rt.stopContainer(meta.id, timeoutSec * 1000);
    this.waitExit(meta.id, timeoutSec * 1000 + 100);
    return { ok: true };
  }

  kill(ref: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Result {
    const meta = this.find(ref);
    if (!meta) return this.noSuchContainer(ref);
    const rec = this.rt.record(meta.id)!;
    if (rec.state !== 'running')
      return {
        ok: false,
        error: `Error response from daemon: cannot kill container: ${ref}: container ${meta.id} is not running`,
      };
    meta.manualStop = true;
    this.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/kill?signal=${signal}`, 5);
    this.rt.killContainer(meta.id, signal);
    this.cluster.advance(1);
    return { ok: true };
  }

  restart(ref: string, timeoutSec = 10): Result {
    const stopped = this.stop(ref, timeoutSec);
    if (!stopped.ok) return stopped;
    return this.start(ref);
  }

  /** `docker rm`: the writable layer goes with the container; named volumes stay. */
  rm(ref: string, opts: { force?: boolean; volumes?: boolean } = {}): Result {
    const meta = this.find(ref);
    if (!meta) return this.noSuchContainer(ref);
    const rec = this.rt.record(meta.id);
    if (rec?.state === 'running' && !opts.force) {
      return {
        ok: false,
        error: `Error response from daemon: cannot remove container "/${meta.name}": container is running: stop the container before removing or force remove`,
      };
    }
    this.hop('docker-cli', 'dockerd', 'DELETE', `/containers/${meta.name}`, 5);
    this.removeNow(meta, !!opts.volumes);
    return { ok: true };
  }

  /** Exit code of a container removed by `--rm` (kept for the client that waited on it). */
  lastExit(cid: string): number | undefined {
    return this.st.lastExit?.[cid];
  }

  private removeNow(meta: DockerContainerMeta, volumes: boolean): void {
    const rec = this.rt.record(meta.id);
    if (rec?.exitCode !== undefined && meta.autoRemove) {
      const last = (this.st.lastExit ??= {});
      last[meta.id] = rec.exitCode;
      const keys = Object.keys(last);
      if (keys.length > 20) delete last[keys[0]!];
    }
    this.rt.removeContainer(meta.id);
    delete this.st.containers[meta.id];
    const drop = volumes || meta.autoRemove ? meta.anonymousVolumes : [];
    for (const v of drop) this.removeVolume(v);
  }

  exec(
    ref: string,
    argv: string[],
    stdin?: string,
  ): Result<{ exitCode: number; stdout: string; stderr: string }> {
    const meta = this.find(ref);
    if (!meta) return this.noSuchContainer(ref);
    const rec = this.rt.record(meta.id)!;
    if (rec.state !== 'running')
      return { ok: false, error: `Error response from daemon: container ${meta.id} is not running` };
    this.hop('docker-cli', 'dockerd', 'POST', `/containers/${meta.name}/exec ${argv.join(' ')}`, 5);
    const r = this.rt.exec(meta.id, argv, stdin);
    return { ok: true, ...r };
  }

  /**
   * A request to a published port of the Docker host (`curl localhost:8080` on the host, or a browser panel):
   * answered by the container the port maps to; undefined when nothing listens (connection refused).
   */
  hostHttp(hostPort: number, path = '/'): { status: number; body: string; container: string } | undefined {
    for (const m of Object.values(this.st.containers)) {
      const b = m.ports.find((p) => p.hostPort === hostPort && p.proto === 'tcp');
      if (!b || this.rt.record(m.id)?.state !== 'running') continue;
      this.hop(
        'user',
        `container/${m.id.slice(0, 12)}`,
        'GET',
        `localhost:${hostPort}${path} → ${m.name}:${b.containerPort}`,
        0,
        'docker',
      );
      const r = this.rt.httpRequest(m.id, b.containerPort, path);
      return r ? { ...r, container: m.name } : undefined;
    }
    return undefined;
  }

  // ---- networks and volumes ------------------------------------------------------------------------------

  networkCreate(name: string, driver = 'bridge'): Result<{ id: string }> {
    if (this.st.networks[name])
      return { ok: false, error: `Error response from daemon: network with name ${name} already exists` };
    if (driver !== 'bridge')
      return { ok: false, error: `Error response from daemon: plugin "${driver}" not found` };
    const used = Object.values(this.st.networks).map((n) => n.subnet);
    let k = 18;
    while (used.includes(`172.${k}.0.0/16`)) k++;
    const id = this.cluster.rng.hex(64);
    this.st.networks[name] = {
      id,
      name,
      driver: 'bridge',
      subnet: `172.${k}.0.0/16`,
      gateway: `172.${k}.0.1`,
      created: this.cluster.now,
      userDefined: true,
    };
    this.hop('docker-cli', 'dockerd', 'POST', `/networks/create ${name}`);
    return { ok: true, id };
  }

  networkConnect(net: string, ref: string): Result {
    const n = this.st.networks[net];
    if (!n) return { ok: false, error: `Error response from daemon: network ${net} not found` };
    const meta = this.find(ref);
    if (!meta) return { ok: false, error: `Error response from daemon: No such container: ${ref}` };
    if (net in meta.networks)
      return {
        ok: false,
        error: `Error response from daemon: endpoint with name ${meta.name} already exists in network ${net}`,
      };
    meta.networks[net] = '';
    const rec = this.rt.record(meta.id)!;
    if (rec.state === 'running' && n.driver === 'bridge') {
      const ip = this.allocateIp(net);
      meta.networks[net] = ip;
      if (!rec.ip) rec.ip = ip;
      else rec.ips = [...(rec.ips ?? []), ip];
      this.hop('dockerd', `container/${meta.id.slice(0, 12)}`, 'connect', `new interface ${ip} on ${net}`);
    }
    return { ok: true };
  }

  networkRm(net: string): Result {
    const n = this.st.networks[net];
    if (!n) return { ok: false, error: `Error response from daemon: network ${net} not found` };
    if (!n.userDefined)
      return {
        ok: false,
        error: `Error response from daemon: ${net} is a pre-defined network and cannot be removed`,
      };
    const users = Object.values(this.st.containers).filter(
      (m) => net in m.networks && this.rt.record(m.id)?.state === 'running',
    );
    if (users.length)
      return {
        ok: false,
        error: `Error response from daemon: error while removing network: network ${net} id ${n.id} has active endpoints`,
      };
    delete this.st.networks[net];
    for (const m of Object.values(this.st.containers)) delete m.networks[net];
    return { ok: true };
  }

  ensureVolume(name: string, anonymous = false): VolumeRecord {
    const v = (this.st.volumes[name] ??= { name, driver: 'local', created: this.cluster.now, anonymous });
    this.rt.volumeEnsure(`docker-volume:${name}`);
    return v;
  }

  volumeInUse(name: string): DockerContainerMeta | undefined {
    return Object.values(this.st.containers).find((m) => m.volumes.includes(name));
  }

  removeVolume(name: string): Result {
    if (!this.st.volumes[name])
      return { ok: false, error: `Error response from daemon: get ${name}: no such volume` };
    const user = this.volumeInUse(name);
    if (user) {
      return {
        ok: false,
        error: `Error response from daemon: remove ${name}: volume is in use - [${user.id}]`,
      };
    }
    delete this.st.volumes[name];
    this.rt.volumeRemove(`docker-volume:${name}`);
    return { ok: true };
  }

  volumeBytes(name: string): number {
    const v = this.rt.volume(`docker-volume:${name}`);
    return v ? Object.values(v.files).reduce((n, c) => n + c.length, 0) : 0;
  }

  // ---- restart policies, --rm, name resolution -------------------------------------------------------------

  /** Docker's restart delay: 100 ms doubling, capped at 1 min. */
  restartDelay(count: number): number {
    return Math.min(60_000, 100 * 2 ** count);
  }

  onExit(cid: string, exitCode: number): void {
    const meta = this.st.containers[cid];
    if (!meta) return;
    for (const n of Object.keys(meta.networks)) meta.networks[n] = '';
    if (meta.autoRemove) {
      this.cluster.clock.after(0, 'docker.autoRemove', { cid }, `docker-rm:${cid}`);
      return;
    }
    const p = meta.restart;
    const wants =
      (p.name === 'always' && !meta.manualStop) ||
      (p.name === 'unless-stopped' && !meta.manualStop) ||
      (p.name === 'on-failure' &&
        exitCode !== 0 &&
        !meta.manualStop &&
        (p.max === 0 || meta.restartCount < p.max));
    if (wants) {
      this.cluster.clock.after(
        this.restartDelay(meta.restartCount),
        'docker.restart',
        { cid },
        `docker-restart:${cid}`,
      );
    }
  }

  resolveName(fromCid: string, name: string): string | undefined {
    const from = this.st.containers[fromCid];
    if (!from) return undefined;
    const target = Object.values(this.st.containers).find((m) => m.name === name || m.id.startsWith(name));
    if (!target) return undefined;
    for (const [net, ip] of Object.entries(target.networks)) {
      if (!ip || !this.st.networks[net]?.userDefined) continue;
      if (net in from.networks) return ip;
    }
    return undefined;
  }

  install(): void {
    const rt = this.rt;
    rt.onExit((e) => {
      if (e.host === this.host) this.onExit(e.cid, e.exitCode);
    });
    rt.setNameResolver((from, name) =>
      rt.record(from)?.host === this.host ? this.resolveName(from, name) : undefined,
    );
    this.cluster.clock.on<{ cid: string }>('docker.restart', ({ cid }) => {
      const meta = this.st.containers[cid];
      const rec = rt.record(cid);
      if (!meta || !rec || rec.state === 'running' || meta.manualStop) return;
      meta.restartCount++;
      this.hop(
        'dockerd',
        `runtime/${this.host}`,
        'start',
        `restart policy ${meta.restart.name}: restarting ${meta.name}`,
        0,
        'runtime',
      );
      this.attachNetworks(meta);
      const r = rt.startContainer(cid);
      if (r.ok) {
        meta.hostPid = this.st.nextHostPid;
        this.st.nextHostPid += 37;
      }
    });
    this.cluster.clock.on<{ cid: string }>('docker.autoRemove', ({ cid }) => {
      const meta = this.st.containers[cid];
      if (meta) this.removeNow(meta, true);
    });
  }

  bootstrap(): void {
    this.rt.ensureHost(this.host, { arch: 'amd64', kind: 'docker' });
    this.rt.setHostMemory(this.host, DOCKER_HOST_MEMORY);
    // Derived from the name, not drawn from the cluster's generator: the Docker host must not shift the
    // random sequence the rest of the cluster sees.
    for (const n of Object.values(this.st.networks)) if (!n.id) n.id = hex64(`network|${n.name}`);
  }
}

/** The Docker host as a module: attaches `cluster.docker`. Comes after the runtime module. */
export const dockerModule: SimModule = {
  name: 'docker',
  initState: () => emptyState(),
  install(c) {
    const d = new DockerDaemon(c);
    (c as unknown as { docker: DockerDaemon }).docker = d;
    d.install();
  },
  bootstrap(c) {
    dockerOf(c).bootstrap();
  },
};

/** The first catalog repository whose images contain a layer (for `Mounted from library/nginx`). */
function catalogRepoWithLayer(digest: string): string | undefined {
  for (const e of catalogList())
    for (const v of Object.values(e.variants)) if (v?.layers.includes(digest)) return e.repo;
  return undefined;
}

export function dockerOf(c: Cluster): DockerDaemon {
  const d = (c as unknown as { docker?: DockerDaemon }).docker;
  if (!d) throw new Error('docker module not installed');
  return d;
}
