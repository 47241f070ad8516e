/**
 * The runtime's containers: creation (namespaces, cgroup, the writable layer over the image's layers, the
 * mounts every container gets), pod sandboxes, build-step containers, start, removal, inspection, exec, volumes.
 * The second layer of the runtime (see runtime.ts).
 */
import { deepFreeze, flat } from '../util/shapes';
import { nodeComponent, type SummaryFormat } from '../engine/eventLog';
import type { ProcessModelApi } from '../process/processModel';
import { DEFAULT_PATH } from './catalog';
import * as ufs from './unionFs';
import type {
  ContainerInfo,
  ContainerRecord,
  ContainerSpec,
  ImageRecord,
  LayerData,
  MountSpec,
  NamespaceIds,
  ContainerLog,
  WritableLayer,
} from './types';
import { RuntimeImageStore } from './imageStore';

/** An image's layer records, bottom first (see fsView). */
const imageLayers = new WeakMap<ImageRecord, LayerData[]>();

/**
 * A new container's empty log and writable layer: shared and frozen until its first line or write (a pod's pause
 * container never has either), then replaced by its own.
 */
const NO_LOGS: ContainerLog = deepFreeze({ times: [], lines: [] });
const NO_WRITES: WritableLayer = deepFreeze(ufs.emptyWritable());

/** Appends a line to a container's log (its own from the first line on); a log keeps its newest 5000 lines. */
export function appendLog(c: { logs: ContainerLog }, time: number, text: string): void {
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

/** The user namespace every container shares with the host unless user namespaces are enabled (Docker default). */
export const HOST_USER_NS = '4026531837';

/** Free host memory a container start needs (runc, the shim, the first pages of the process). */
export const START_MEMORY = 64 * 2 ** 20;

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

/** Containers on the hosts of the image store; the layers above add exits and the network. */
export abstract class RuntimeContainers extends RuntimeImageStore {
  process!: ProcessModelApi;

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

  /** The main process ended (the exits layer). */
  abstract exited(cid: string, exitCode: number, why?: string): void;
}

const createdSummary: SummaryFormat = (_h, name, image, layers) =>
  `created container ${name} (${image}): writable layer over ${layers} image layers`;
const startedSummary: SummaryFormat = (_h, name, cmdline) => `started ${name}: ${cmdline}`;
