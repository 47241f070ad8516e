/**
 * Shapes shared by the container runtime (one model for the cluster's nodes and the Docker host), the Docker
 * daemon and the UI views. Everything here is plain JSON so it can live in `cluster.state.ext`.
 * Kept below the cluster core (which types `cluster.runtime` as RuntimeApi) so that no tier imports upwards.
 */

export type Arch = 'amd64' | 'arm64';

/** A read-only, content-addressed image layer: the files it adds, the folders it creates, what it deletes. */
export interface LayerData {
  /** `sha256:` + 64 hex: the layer's content digest (diff_id). */
  digest: string;
  /** Uncompressed size in bytes (what `docker images` / `docker history` add up). */
  size: number;
  /** path → content. Binaries are marked with a leading `\u007fELF`. */
  files: Record<string, string>;
  /** Folders this layer creates. */
  dirs: string[];
  /** Paths this layer deletes from the layers below (overlayfs whiteouts). */
  whiteouts?: string[];
  /** The instruction that produced it (`docker history`'s CREATED BY). */
  createdBy: string;
}

/** The image config an image carries (the parts `docker image inspect` shows under Config). */
export interface ImageConfig {
  User: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
}

export interface HistoryEntry {
  created: string;
  createdBy: string;
  /** True for instructions that change only the config (ENV, CMD, EXPOSE…). */
  emptyLayer?: boolean;
  comment?: string;
}

/** One platform-specific image: config + layer stack (bottom first). */
export interface ImageRecord {
  /** Image ID: `sha256:` + hex of the config. */
  id: string;
  architecture: Arch;
  os: 'linux';
  created: string;
  config: ImageConfig;
  /** Layer digests, bottom first. */
  layers: string[];
  history: HistoryEntry[];
  /** Set for images made by `docker build` on a host. */
  builtOn?: string;
  /**
   * For built images: the catalog image the build started FROM (`nginx:1.27`). The process model picks an
   * image's behaviour by name, so an image built on nginx runs as nginx does.
   */
  baseImage?: string;
  /** The image's own Comment and Author (`docker commit -a`); a build's Comment is BuildKit's. */
  comment?: string;
  author?: string;
}

/** A Linux namespace set; identifiers look like the inode numbers `/proc/<pid>/ns/*` shows. */
export interface NamespaceIds {
  pid: string;
  net: string;
  mnt: string;
  uts: string;
  ipc: string;
  user: string;
  cgroup: string;
}

export type VolumeSource = { kind: 'dir'; id: string } | { kind: 'files'; files: Record<string, string> };

export interface MountSpec {
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
  volume: VolumeSource;
}

/** What a container is created from. The runtime keeps the objects it is given (env, labels): pass fresh ones. */
export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env: Record<string, string>;
  memoryLimitBytes?: number;
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
  mounts: MountSpec[];
  sandboxId?: string;
  labels?: Record<string, string>;
  hostname?: string;
  /** Docker only: IP on the bridge network (the daemon allocates it). */
  ip?: string;
  /** Docker only: user to run as (`-u`), else the image's User. */
  user?: string;
}

export type ContainerStateName = 'created' | 'running' | 'exited';
export type ExitReason = 'Completed' | 'Error' | 'OOMKilled' | 'Killed';

/** The copy-on-write upper layer of a container. */
export interface WritableLayer {
  files: Record<string, string>;
  dirs: string[];
  /** Paths deleted from the image layers below. */
  deleted: string[];
}

/** A container as the runtime keeps it (JSON). */
export interface ContainerRecord {
  id: string;
  host: string;
  name: string;
  image: string;
  imageId: string;
  /** Resolved ENTRYPOINT + CMD (or command/args). */
  argv: string[];
  workingDir: string;
  env: Record<string, string>;
  user: string;
  hostname: string;
  ip: string;
  /** Further addresses (a Docker container connected to several networks). */
  ips?: string[];
  labels: Record<string, string>;
  mounts: MountSpec[];
  memoryLimitBytes?: number;
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
  sandboxId?: string;
  /** True for a pod's pause container. */
  sandbox?: boolean;
  namespaces: NamespaceIds;
  /** Only when it is not the one derived from the host and pod (see the runtime's container info). */
  cgroup?: string;
  state: ContainerStateName;
  exitCode?: number;
  reason?: ExitReason;
  oomKilled?: boolean;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** Times the container has been started (docker restart count is derived from it). */
  starts: number;
  writable: WritableLayer;
  /** Log lines and the virtual time each was written (two arrays, not an object per line: a container's log
   *  lives as long as the container). */
  logs: ContainerLog;
  memoryBytes: number;
  cpuMillis: number;
  /** CPU the process wants; above the limit it is throttled. */
  demandMillis?: number;
  ports: number[];
  /** A `docker build` step's container: no image name on the host, never started as a process. */
  build?: boolean;
  /** Set when the last start failed because the program does not exist. */
  startFailed?: boolean;
  /** Pending graceful stop: SIGKILL after the grace period unless it exits first. */
  stopping?: boolean;
}

/** What `container(cid)` tells the kubelet, `docker inspect` and the UI. */
export interface ContainerInfo {
  id: string;
  host: string;
  name: string;
  image: string;
  imageId: string;
  argv: string[];
  state: ContainerStateName;
  exitCode?: number;
  reason?: ExitReason;
  oomKilled: boolean;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  namespaces: NamespaceIds;
  cgroup: string;
  ip: string;
  hostname: string;
  sandboxId?: string;
  memoryLimitBytes?: number;
  cpuLimitMillis?: number;
  /** Files added (A), changed (C) or deleted (D) in the writable layer, as `docker diff` prints them. */
  diff: { kind: 'A' | 'C' | 'D'; path: string }[];
  /** Bytes in the writable layer. */
  writableBytes: number;
  ports: number[];
  mounts: MountSpec[];
  env: Record<string, string>;
  workingDir: string;
  user: string;
  labels: Record<string, string>;
}

export interface HostState {
  arch: Arch;
  kind: 'node' | 'docker';
  /** Layer digests present on the host (each stored once, whatever the number of images using it). */
  layers: string[];
  /** image ID → names (`nginx:1.27`, `docker.io/library/nginx:1.27`…) and repo digests. */
  images: Record<string, { repoTags: string[]; repoDigests: string[]; pulledAt: number }>;
}

/** Who answers a container's network requests. The services engineer plugs Services/DNS here. */
export interface NetworkProvider {
  /** `undefined`: not handled here, the runtime's default answers. */
  http(
    cid: string,
    url: string,
    timeoutMs: number,
  ): { status: number; body: string; latencyMs: number } | { error: string; latencyMs: number } | undefined;
  resolve(cid: string, name: string): { name: string; addresses: string[]; server: string } | undefined;
  tcp(cid: string, host: string, port: number): boolean | undefined;
}

export type PullPlan =
  | { ok: true; imageId: string; digest: string; sizeBytes: number; missingBytes: number; durationMs: number }
  | { ok: false; message: string; reason: 'NotFound' | 'Unauthorized' | 'InvalidImageName' };

export interface ExitEvent {
  cid: string;
  host: string;
  exitCode: number;
  reason: ExitReason;
}

/** The runtime façade (`cluster.runtime`): what the kubelet and the Docker daemon call. */
export interface RuntimeApi {
  ensureHost(host: string, opts: { arch: Arch; kind: 'node' | 'docker' }): void;
  removeHost(host: string): void;
  hasImage(host: string, ref: string): boolean;
  planPull(host: string, ref: string): PullPlan;
  commitPull(host: string, ref: string): void;
  listImages(host: string): { names: string[]; sizeBytes: number }[];
  createSandbox(
    host: string,
    spec: { podUid: string; name: string; namespace: string; hostname: string; ip: string },
  ): string;
  createContainer(host: string, spec: ContainerSpec): string;
  startContainer(cid: string): { ok: true } | { ok: false; message: string; exitCode: number };
  stopContainer(cid: string, graceMs: number): void;
  killContainer(cid: string, signal: 'SIGTERM' | 'SIGKILL'): void;
  removeContainer(cid: string): void;
  container(cid: string): ContainerInfo | undefined;
  /** The container's state record itself (cheap; read only). */
  record(cid: string): ContainerRecord | undefined;
  logs(cid: string): string[];
  exec(cid: string, argv: string[], stdin?: string): { exitCode: number; stdout: string; stderr: string };
  httpRequest(cid: string, port: number, path: string): { status: number; body: string } | undefined;
  listening(cid: string, port: number): boolean;
  volumeEnsure(id: string): void;
  volumeRemove(id: string): void;
  onExit(listener: (e: ExitEvent) => void): void;
  setNetwork(net: NetworkProvider): void;
  stats(cid: string): {
    cpuMillis: number;
    memoryBytes: number;
    memoryLimitBytes?: number;
    throttled: boolean;
  };
}

/** A container's log: `lines[i]` was written at `times[i]` (virtual ms). */
export interface ContainerLog {
  times: number[];
  lines: string[];
}
