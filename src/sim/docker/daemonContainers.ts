/** The Docker daemon's `docker create`: options, published ports, IP addresses, network interfaces. */
import { laptopPortHolder } from '../runtime/laptopPorts';
import { parseImageRef } from '../runtime/imageRef';
import type { ContainerRecord } from '../runtime/types';
import { generateName } from './names';
import type { DaemonCore } from './dockerTypes';
import {
  type RestartPolicyName,
  type PortBinding,
  type DockerContainerMeta,
  type Result,
  type RunOptions,
} from './dockerTypes';
import { platformText, parsePlatform } from './platform';

// ---- containers -----------------------------------------------------------------------------------------
export function allocateIp(daemon: DaemonCore, network: string): string {
  const net = daemon.st.networks[network]!;
  const prefix = net.subnet.split('.').slice(0, 3).join('.');
  const used = new Set<string>([net.gateway]);
  for (const m of Object.values(daemon.st.containers)) {
    const ip = m.networks[network];
    if (ip && daemon.rt.record(m.id)?.state === 'running') used.add(ip);
  }
  for (let i = 2; i < 255; i++) if (!used.has(`${prefix}.${i}`)) return `${prefix}.${i}`;
  return `${prefix}.254`;
}

export function parsePublish(daemon: DaemonCore, spec: string): PortBinding | undefined {
  const [main, protoRaw] = spec.split('/');
  const proto = protoRaw === 'udp' ? 'udp' : 'tcp';
  const parts = main!.split(':');
  // No address: every address of both families (HostIp "" in HostConfig.PortBindings).
  let hostIp = '';
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
export function create(
  daemon: DaemonCore,
  o: RunOptions,
  pullLines: string[] = [],
): Result<{ id: string; lines: string[] }> {
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
    const clash = daemon.find(o.name);
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
    const b = daemon.parsePublish(p);
    if (!b)
      return {
        ok: false,
        error: `invalid argument "${p}" for "-p, --publish" flag: invalid containerPort: ${p}`,
      };
    ports.push(b);
  }
  const network = o.network ?? 'bridge';
  if (!daemon.st.networks[network])
    return { ok: false, error: `Error response from daemon: network ${network} not found` };

  // 1. the image: pull it when missing
  daemon.hop('docker-cli', 'dockerd', 'POST', `/containers/create ${parsed.ref.familiar}`, 20);
  let img = daemon.rt.localImage(daemon.host, o.image);
  if (img && platform && img.architecture !== platform) img = undefined;
  if (!img) {
    pullLines.push(`Unable to find image '${parsed.ref.familiar}' locally`);
    const pulled = daemon.pull(o.image, { platform });
    if (!pulled.ok) return pulled;
    pullLines.push(...pulled.lines.filter((l) => !/^docker\.io\//.test(l)));
    img = pulled.image;
  } else if (platform && img.architecture !== daemon.arch) {
    pullLines.push(
      `WARNING: The requested image's platform (${platformText(img.architecture)}) does not match the detected host platform (${platformText(daemon.arch)}) and no specific platform was requested`,
    );
  }

  // 2. create the container: its read-write layer on top of the image layers
  const name =
    o.name ?? generateName(daemon.cluster.rng, (n) => !!daemon.find(n) && daemon.find(n)!.name === n);
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
      volName = daemon.cluster.rng.hex(64);
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
    daemon.ensureVolume(volName, parts.length === 1);
    volumes.push(volName);
    mounts.push({
      mountPath: target,
      readOnly: ro,
      volume: { kind: 'dir', id: `docker-volume:${volName}` },
    });
  }
  for (const b of o.binds ?? []) {
    const id = `docker-bind:${b.source}`;
    daemon.rt.volumeEnsure(id);
    const vol = daemon.rt.volume(id)!;
    Object.assign(vol.files, b.files);
    mounts.push({ mountPath: b.target, readOnly: b.readOnly, volume: { kind: 'dir', id } });
  }
  // Volumes the image declares get an anonymous volume each (VOLUME /data).
  for (const path of Object.keys(img.config.Volumes ?? {})) {
    if (mounts.some((m) => m.mountPath === path)) continue;
    const volName = daemon.cluster.rng.hex(64);
    daemon.ensureVolume(volName, true);
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
  const cid = daemon.rt.createContainer(daemon.host, {
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
    labels: { ...o.labels },
  });
  daemon.hop(
    'dockerd',
    `runtime/${daemon.host}`,
    'create',
    `container ${name}: read-write layer on ${img.layers.length} read-only layers`,
    30,
    'runtime',
  );
  // `-P`: every port the image EXPOSEs and `-p` left unpublished gets an ephemeral host port at start.
  if (o.publishAll) {
    for (const e of Object.keys(img.config.ExposedPorts ?? {}).sort()) {
      const [port, proto] = e.split('/');
      const containerPort = Number(port);
      const pr = proto === 'udp' ? 'udp' : 'tcp';
      if (!ports.some((b) => b.containerPort === containerPort && b.proto === pr))
        ports.push({ hostIp: '', hostPort: 0, containerPort, proto: pr });
    }
  }
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
  daemon.st.containers[cid] = meta;
  return { ok: true, id: cid, lines: pullLines };
}

/** Connects the container's interfaces (IP per network) before its process starts. */
export function attachNetworks(daemon: DaemonCore, meta: DockerContainerMeta): void {
  const rec = daemon.rt.record(meta.id)!;
  const ips: string[] = [];
  for (const net of Object.keys(meta.networks)) {
    const n = daemon.st.networks[net];
    if (!n || n.driver !== 'bridge') {
      meta.networks[net] = '';
      continue;
    }
    const ip = daemon.allocateIp(net);
    meta.networks[net] = ip;
    ips.push(ip);
    daemon.hop(
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
    Object.keys(meta.networks).some((n) => daemon.st.networks[n]?.userDefined)
  ) {
    resolv.volume.files[''] = 'nameserver 127.0.0.11\noptions ndots:0\n';
  }
}

export function ephemeralPort(daemon: DaemonCore): number {
  const used = new Set<number>();
  for (const m of Object.values(daemon.st.containers)) for (const p of m.ports) used.add(p.hostPort);
  let p = 32768;
  // (the allocator also skips a port something else on the laptop listens on, such as a kubectl port-forward)
  while (used.has(p) || laptopPortHolder(daemon.cluster, p)) p++;
  return p;
}
