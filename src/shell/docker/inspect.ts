/**
 * `docker inspect` documents (the fields the real one has, for containers, images, networks and volumes);
 * `--format` runs over them in template.ts.
 */
import type { Cluster } from '../../sim/cluster';
import type { DockerDaemon } from '../../sim/docker/daemon';
import type { DockerContainerMeta, NetworkRecord, VolumeRecord } from '../../sim/docker/dockerTypes';
import { DOCKER_HOST_MEMORY } from '../../sim/docker/dockerTypes';
import type { ContainerRecord, ImageRecord } from '../../sim/runtime/types';

/** A Go map as encoding/json writes it: keys sorted (struct fields keep their order, maps do not). */
function sorted<T>(m: Record<string, T> | null | undefined): Record<string, T> | undefined {
  return m
    ? Object.fromEntries(
        Object.keys(m)
          .sort()
          .map((k) => [k, m[k]!]),
      )
    : undefined;
}

function nsLink(kind: string, id: string): string {
  return `${kind}:[${id}]`;
}

export function containerDoc(
  c: Cluster,
  d: DockerDaemon,
  meta: DockerContainerMeta,
  rec: ContainerRecord,
): unknown {
  const img = d.rt.image(rec.imageId);
  const running = rec.state === 'running';
  const info = d.rt.container(rec.id)!;
  const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (const p of Object.keys(img?.config.ExposedPorts ?? {})) ports[p] = null;
  for (const b of meta.ports)
    for (const ip of b.hostIp ? [b.hostIp] : ['0.0.0.0', '::'])
      (ports[`${b.containerPort}/${b.proto}`] ??= [])?.push({ HostIp: ip, HostPort: String(b.hostPort) });
  const networks: Record<string, unknown> = {};
  for (const [n, ip] of Object.entries(meta.networks)) {
    const net = d.st.networks[n];
    networks[n] = {
      NetworkID: net?.id ?? '',
      Gateway: ip ? (net?.gateway ?? '') : '',
      IPAddress: ip,
      IPPrefixLen: ip ? 16 : 0,
      MacAddress: ip
        ? `02:42:${ip
            .split('.')
            .map((x) => Number(x).toString(16).padStart(2, '0'))
            .join(':')}`
        : '',
      Aliases: net?.userDefined ? [meta.name] : null,
    };
  }
  const upper = `/var/lib/docker/overlay2/${rec.id.slice(0, 20)}${rec.id.slice(40, 52)}`;
  const firstIp = Object.values(meta.networks).find(Boolean) ?? '';
  return {
    Id: rec.id,
    Created: c.iso(rec.createdAt),
    Path: rec.argv[0] ?? '',
    Args: rec.argv.slice(1),
    State: {
      Status: running ? 'running' : rec.state === 'created' ? 'created' : 'exited',
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: !!rec.oomKilled,
      Dead: false,
      Pid: running ? meta.hostPid : 0,
      ExitCode: rec.exitCode ?? 0,
      Error: meta.startError ?? '',
      StartedAt: rec.startedAt !== undefined ? c.iso(rec.startedAt) : '0001-01-01T00:00:00Z',
      FinishedAt: rec.finishedAt !== undefined ? c.iso(rec.finishedAt) : '0001-01-01T00:00:00Z',
    },
    Image: rec.imageId,
    Name: `/${meta.name}`,
    RestartCount: meta.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    HostConfig: {
      Binds: rec.mounts
        .filter((m) => m.volume.kind === 'dir' && m.volume.id.startsWith('docker-bind:'))
        .map((m) => `${(m.volume as { id: string }).id.slice(12)}:${m.mountPath}${m.readOnly ? ':ro' : ''}`),
      NetworkMode: Object.keys(meta.networks)[0] ?? 'bridge',
      PortBindings: Object.fromEntries(
        meta.ports.map((b) => [
          `${b.containerPort}/${b.proto}`,
          [{ HostIp: b.hostIp, HostPort: String(b.hostPort) }],
        ]),
      ),
      RestartPolicy: { Name: meta.restart.name, MaximumRetryCount: meta.restart.max },
      AutoRemove: meta.autoRemove,
      Memory: meta.memory,
      NanoCpus: meta.nanoCpus,
      CgroupnsMode: 'private',
      IpcMode: 'private',
      PidMode: '',
      UsernsMode: '',
    },
    GraphDriver: {
      Data: {
        LowerDir: (img?.layers ?? [])
          .slice()
          .reverse()
          .map((l) => `/var/lib/docker/overlay2/${l.slice(7, 39)}/diff`)
          .join(':'),
        MergedDir: `${upper}/merged`,
        UpperDir: `${upper}/diff`,
        WorkDir: `${upper}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: rec.mounts
      .filter((m) => m.volume.kind === 'dir')
      .map((m) => {
        const id = (m.volume as { id: string }).id;
        const bind = id.startsWith('docker-bind:');
        const name = id.replace(/^docker-(volume|bind):/, '');
        return bind
          ? {
              Type: 'bind',
              Source: name,
              Destination: m.mountPath,
              Mode: m.readOnly ? 'ro' : '',
              RW: !m.readOnly,
              Propagation: 'rprivate',
            }
          : {
              Type: 'volume',
              Name: name,
              Source: `/var/lib/docker/volumes/${name}/_data`,
              Destination: m.mountPath,
              Driver: 'local',
              Mode: m.readOnly ? 'ro' : 'z',
              RW: !m.readOnly,
              Propagation: '',
            };
      }),
    Config: {
      Hostname: rec.hostname,
      User: rec.user,
      Tty: meta.tty,
      OpenStdin: meta.interactive,
      ExposedPorts: sorted(img?.config.ExposedPorts),
      Env: Object.entries(rec.env)
        .filter(([k]) => k !== 'HOSTNAME')
        .map(([k, v]) => `${k}=${v}`),
      Cmd: img && rec.argv.length ? rec.argv.slice((img.config.Entrypoint ?? []).length) : null,
      Image: meta.image,
      WorkingDir: rec.workingDir === '/' ? '' : rec.workingDir,
      Entrypoint: img?.config.Entrypoint ?? null,
      Labels: sorted({ ...(img?.config.Labels ?? {}), ...rec.labels }),
      StopSignal: img?.config.StopSignal,
    },
    NetworkSettings: {
      Ports: sorted(ports),
      SandboxKey: running ? `/var/run/docker/netns/${rec.namespaces.net.slice(-6)}` : '',
      Gateway: firstIp ? (d.st.networks[Object.keys(meta.networks)[0]!]?.gateway ?? '') : '',
      IPAddress: meta.networks.bridge ?? '',
      IPPrefixLen: meta.networks.bridge ? 16 : 0,
      Networks: networks,
    },
    // Not part of the real `docker inspect`: the container's Linux namespaces and cgroup, as
    // `ls -l /proc/<pid>/ns` and `/proc/<pid>/cgroup` on the host would show them.
    KubelabNamespaces: {
      cgroup: nsLink('cgroup', info.namespaces.cgroup),
      ipc: nsLink('ipc', info.namespaces.ipc),
      mnt: nsLink('mnt', info.namespaces.mnt),
      net: nsLink('net', info.namespaces.net),
      pid: nsLink('pid', info.namespaces.pid),
      user: nsLink('user', info.namespaces.user),
      uts: nsLink('uts', info.namespaces.uts),
      cgroupPath: info.cgroup,
      memoryMax: rec.memoryLimitBytes ? String(rec.memoryLimitBytes) : 'max',
      cpuMax: rec.cpuLimitMillis ? `${rec.cpuLimitMillis * 100} 100000` : 'max 100000',
      hostMemory: DOCKER_HOST_MEMORY,
    },
  };
}

export function imageDoc(c: Cluster, d: DockerDaemon, img: ImageRecord): unknown {
  const meta = d.rt.host(d.host).images[img.id];
  return {
    Id: img.id,
    RepoTags: meta?.repoTags ?? [],
    RepoDigests: meta?.repoDigests ?? [],
    Parent: '',
    Comment: img.comment ?? (img.builtOn ? 'buildkit.dockerfile.v0' : ''),
    Created: img.created.includes('T') ? img.created : c.iso(),
    DockerVersion: '',
    Author: img.author ?? '',
    Config: {
      Hostname: '',
      User: img.config.User,
      ExposedPorts: sorted(img.config.ExposedPorts),
      Env: img.config.Env,
      Cmd: img.config.Cmd ?? null,
      Image: '',
      Volumes: sorted(img.config.Volumes) ?? null,
      WorkingDir: img.config.WorkingDir,
      Entrypoint: img.config.Entrypoint ?? null,
      Labels: sorted(img.config.Labels) ?? null,
      StopSignal: img.config.StopSignal,
    },
    Architecture: img.architecture,
    Os: 'linux',
    Size: d.rt.imageSize(img),
    GraphDriver: { Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: img.layers },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}

export function networkDoc(c: Cluster, d: DockerDaemon, n: NetworkRecord): unknown {
  const containers: Record<string, unknown> = {};
  for (const m of Object.values(d.st.containers)) {
    const ip = m.networks[n.name];
    if (ip) containers[m.id] = { Name: m.name, IPv4Address: `${ip}/16` };
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: c.iso(n.created),
    Scope: 'local',
    Driver: n.driver,
    IPAM: { Driver: 'default', Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
    Internal: false,
    Containers: containers,
    Options:
      n.name === 'bridge'
        ? { 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.bridge.default_bridge': 'true' }
        : {},
  };
}

export function volumeDoc(c: Cluster, v: VolumeRecord): unknown {
  return {
    CreatedAt: c.iso(v.created),
    Driver: 'local',
    Labels: v.anonymous ? { 'com.docker.volume.anonymous': '' } : null,
    Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
    Name: v.name,
    Options: null,
    Scope: 'local',
  };
}
