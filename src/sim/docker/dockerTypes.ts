/** The Docker host's records (containers, networks, volumes, build cache) and the daemon's option and result shapes. */
import type { Arch, ContainerRecord, ImageRecord, LayerData } from '../runtime/types';
import type { Cluster } from '../cluster';
import type { ComponentId } from '../engine/eventLog';
import type { ImageRef } from '../runtime/imageRef';
import type { Runtime } from '../runtime/runtime';
import type { BuildReport, BuildRequest, BuildStep, StageState } from './buildTypes';

export const DOCKER_HOST = 'docker-host';
/** Memory of the Docker host (a small VM, as Docker Desktop's default): the host-wide OOM killer acts above it. */
export const DOCKER_HOST_MEMORY = 2 * 2 ** 30;
export const DOCKER_HOST_CPUS = 2;

export type RestartPolicyName = 'no' | 'on-failure' | 'always' | 'unless-stopped';

export interface PortBinding {
  /** The address given with `-p` (`127.0.0.1`, `0.0.0.0`); empty when none was: bound on IPv4 and IPv6. */
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
  /** Manifest digest → image ID of what was pushed to registries running on the host (localRegistry.ts). */
  registryManifests?: Record<string, string>;
  /** Log lines of auto-removed containers, for the `docker run --rm` client that was attached. */
  lastLogs?: Record<string, string[]>;
}

export type Result<T = object> =
  | ({ ok: true } & T)
  | {
      ok: false;
      error: string;
      exitCode?: number;
      /** `docker run` whose start failed: the container it created (left Created) and the pull's lines. */
      created?: { id: string; lines: string[] };
    };

export interface RunOptions {
  image: string;
  name?: string;
  detach?: boolean;
  /** `-p` values: `8080:80`, `127.0.0.1:8080:80/tcp`, `80`. */
  publish?: string[];
  /** `-l` / `--label` values as key → value (`docker ps -f label=…` matches them with the image's labels). */
  labels?: Record<string, string>;
  /** `-P`: publish every exposed port on an ephemeral host port. */
  publishAll?: boolean;
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

/**
 * The daemon as its part files (daemonContainers/Images/Lifecycle/Networks, the builder) see it: implemented by
 * DockerDaemon, so the parts import this file and not the class (which imports them).
 */
export interface DaemonCore {
  readonly host: string;
  readonly cluster: Cluster;
  readonly st: DockerState;
  readonly rt: Runtime;
  readonly arch: Arch;
  /** One hop in the event log, then `ms` of virtual time passes. */
  hop(
    source: ComponentId,
    target: ComponentId,
    verb: string,
    summary: string,
    ms?: number,
    kind?: 'docker' | 'pull' | 'runtime',
  ): void;
  find(ref: string): DockerContainerMeta | undefined;
  list(all: boolean): { meta: DockerContainerMeta; rec: ContainerRecord }[];
  noSuchContainer(ref: string): { ok: false; error: string };
  pull(
    text: string,
    opts?: { platform?: Arch; quiet?: boolean },
  ): Result<{ lines: string[]; image: ImageRecord; ref: ImageRef }>;
  familiar(text: string): string;
  allocateIp(network: string): string;
  parsePublish(spec: string): PortBinding | undefined;
  create(o: RunOptions, pullLines?: string[]): Result<{ id: string; lines: string[] }>;
  attachNetworks(meta: DockerContainerMeta): void;
  start(ref: string): Result;
  ephemeralPort(): number;
  waitExit(cid: string, maxMs: number): boolean;
  stop(ref: string, timeoutSec?: number): Result;
  removeNow(meta: DockerContainerMeta, volumes: boolean): void;
  ensureVolume(name: string, anonymous?: boolean): VolumeRecord;
  volumeInUse(name: string): DockerContainerMeta | undefined;
  removeVolume(name: string): Result;
  restartDelay(count: number): number;
}

/** One `docker build` as its part files (buildInstructions, buildRunStep) see it: implemented by Builder. */
export interface BuilderCore {
  readonly d: DaemonCore;
  readonly req: BuildRequest;
  readonly rt: Runtime;
  lines: string[];
  vertex: number;
  steps: BuildStep[];
  out(...l: string[]): void;
  tick(ms: number): void;
  runStep(
    st: StageState,
    cmd: string,
    vars: Record<string, string>,
    v: number,
  ): { ok: true; layer: LayerData } | { ok: false; error: string; output: string[] };
}
