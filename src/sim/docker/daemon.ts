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
import { hex64 } from '../runtime/digest';
import { type ImageRef } from '../runtime/imageRef';
import type { Runtime, RuntimeModule } from '../runtime/runtime';
import { claimLaptopPorts } from '../runtime/laptopPorts';
import type { Arch, ContainerRecord, ImageRecord } from '../runtime/types';
import {
  DOCKER_HOST,
  DOCKER_HOST_MEMORY,
  type PortBinding,
  type DockerContainerMeta,
  type VolumeRecord,
  type DockerState,
  type Result,
  type RunOptions,
  type DaemonCore,
} from './dockerTypes';
import { familiar, pull, push, rmi, tag } from './daemonImages';
import { allocateIp, attachNetworks, create, ephemeralPort, parsePublish } from './daemonContainers';
import {
  hostHttp,
  publishedClaims,
  publishedHttp,
  kill,
  lastExit,
  logsOf,
  onExit,
  removeNow,
  restart,
  restartDelay,
  rm,
  run,
  start,
  stop,
  waitExit,
} from './daemonLifecycle';
import {
  ensureVolume,
  networkConnect,
  networkCreate,
  networkRm,
  removeVolume,
  resolveName,
  volumeBytes,
  volumeInUse,
} from './daemonNetworks';

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

export class DockerDaemon implements DaemonCore {
  readonly host = DOCKER_HOST;

  /** `rt` is the runtime the daemon runs its containers on (the cluster's, handed over by the docker module). */
  constructor(
    readonly cluster: Cluster,
    readonly rt: Runtime,
  ) {}

  get st(): DockerState {
    return this.cluster.ext<DockerState>('docker');
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
    return pull(this, text, opts);
  }

  /** `docker tag`. */
  tag(src: string, dst: string): Result {
    return tag(this, src, dst);
  }

  familiar(text: string): string {
    return familiar(this, text);
  }

  /** `docker rmi`: refused while a container uses the image (unless forced, and never while it runs). */
  rmi(text: string, force = false): Result<{ lines: string[] }> {
    return rmi(this, text, force);
  }

  /** `docker push`: layers the registry has are skipped (`Layer already exists`). */
  push(text: string): Result<{ lines: string[] }> {
    return push(this, text);
  }

  // ---- containers -----------------------------------------------------------------------------------------

  allocateIp(network: string): string {
    return allocateIp(this, network);
  }

  parsePublish(spec: string): PortBinding | undefined {
    return parsePublish(this, spec);
  }

  /** `docker create` (and the create half of `docker run`): pull if missing, writable layer, network interface. */
  create(o: RunOptions, pullLines: string[] = []): Result<{ id: string; lines: string[] }> {
    return create(this, o, pullLines);
  }

  /** Connects the container's interfaces (IP per network) before its process starts. */
  attachNetworks(meta: DockerContainerMeta): void {
    return attachNetworks(this, meta);
  }

  /** `docker start`: network interface, then the process. */
  start(ref: string): Result {
    return start(this, ref);
  }

  ephemeralPort(): number {
    return ephemeralPort(this);
  }

  /** `docker run`: pull if missing → create → read-write layer → network interface → start. */
  run(o: RunOptions): Result<{ id: string; lines: string[]; meta: DockerContainerMeta }> {
    return run(this, o);
  }

  /** Lets virtual time pass until the container stops or `maxMs` elapse; returns whether it stopped. */
  waitExit(cid: string, maxMs: number): boolean {
    return waitExit(this, cid, maxMs);
  }

  /** `docker stop`: SIGTERM, then SIGKILL after the timeout (10 s by default). Blocks until it has stopped. */
  stop(ref: string, timeoutSec = 10): Result {
    return stop(this, ref, timeoutSec);
  }

  kill(ref: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Result {
    return kill(this, ref, signal);
  }

  restart(ref: string, timeoutSec = 10): Result {
    return restart(this, ref, timeoutSec);
  }

  /** `docker rm`: the writable layer goes with the container; named volumes stay. */
  rm(ref: string, opts: { force?: boolean; volumes?: boolean } = {}): Result {
    return rm(this, ref, opts);
  }

  /** Exit code of a container removed by `--rm` (kept for the client that waited on it). */
  lastExit(cid: string): number | undefined {
    return lastExit(this, cid);
  }

  /** A container's log lines, also after `--rm` removed it (for the client that was attached). */
  logsOf(cid: string): string[] {
    return logsOf(this, cid);
  }

  removeNow(meta: DockerContainerMeta, volumes: boolean): void {
    return removeNow(this, meta, volumes);
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
  /** {@link publishedHttp}: localhost:port from the laptop. */
  publishedHttp(hostPort: number, path: string): ReturnType<typeof publishedHttp> {
    return publishedHttp(this, hostPort, path);
  }

  hostHttp(hostPort: number, path = '/'): { status: number; body: string; container: string } | undefined {
    return hostHttp(this, hostPort, path);
  }

  // ---- networks and volumes ------------------------------------------------------------------------------

  networkCreate(name: string, driver = 'bridge'): Result<{ id: string }> {
    return networkCreate(this, name, driver);
  }

  networkConnect(net: string, ref: string): Result {
    return networkConnect(this, net, ref);
  }

  networkRm(net: string): Result {
    return networkRm(this, net);
  }

  ensureVolume(name: string, anonymous = false): VolumeRecord {
    return ensureVolume(this, name, anonymous);
  }

  volumeInUse(name: string): DockerContainerMeta | undefined {
    return volumeInUse(this, name);
  }

  removeVolume(name: string): Result {
    return removeVolume(this, name);
  }

  volumeBytes(name: string): number {
    return volumeBytes(this, name);
  }

  // ---- restart policies, --rm, name resolution -------------------------------------------------------------

  /** Docker's restart delay: 100 ms doubling, capped at 1 min. */
  restartDelay(count: number): number {
    return restartDelay(this, count);
  }

  onExit(cid: string, exitCode: number): void {
    return onExit(this, cid, exitCode);
  }

  resolveName(fromCid: string, name: string): string | undefined {
    return resolveName(this, fromCid, name);
  }

  install(): void {
    const rt = this.rt;
    claimLaptopPorts(this.cluster, 'docker', publishedClaims(this));
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

/** The Docker host as a module; `daemon` is the host once installed. */
export interface DockerModule extends SimModule {
  /** The Docker host (throws before the module is installed). */
  readonly daemon: DockerDaemon;
}

/**
 * The Docker host as a module, running on `runtime` (installed before it). Attaches `cluster.docker`, the handle
 * the shell and the studio reach the host by.
 */
export function dockerModule(runtime: RuntimeModule): DockerModule {
  let d: DockerDaemon | undefined;
  const daemon = (): DockerDaemon => {
    if (!d) throw new Error('docker module not installed');
    return d;
  };
  return {
    name: 'docker',
    initState: () => emptyState(),
    install(c) {
      d = new DockerDaemon(c, runtime.runtime);
      c.docker = d;
      d.install();
    },
    bootstrap() {
      daemon().bootstrap();
    },
    get daemon(): DockerDaemon {
      return daemon();
    },
  };
}

// The Docker host is a part of the cluster only when createSim installs this module: the field is declared here,
// beside the module that sets it, so the cluster core names no part (module augmentation, no import from core).
declare module '../cluster' {
  interface Cluster {
    /** The Docker host beside the cluster (set by the docker module's install; absent without that module). */
    docker?: DockerDaemon;
  }
}
