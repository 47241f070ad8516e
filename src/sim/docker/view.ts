/**
 * A pure view of the Docker host for the UI: images as layer stacks (digest, size, which layers are shared with
 * other images), containers with their writable layer, the last build's steps with CACHED flags, and the registry.
 * It reads the cluster's state and changes nothing.
 */
import type { Cluster } from '../cluster';
import { catalogList } from '../runtime/catalog';
import { familiarRepo } from '../runtime/imageRef';
import type { NamespaceIds } from '../runtime/types';
import type { BuildReport } from './buildTypes';
import { DOCKER_HOST, DOCKER_HOST_MEMORY } from './dockerTypes';
import type { DockerDaemon } from './daemon';

export interface LayerView {
  digest: string;
  /** 12-character short digest. */
  short: string;
  size: number;
  createdBy: string;
  /** Other images on the host that use this layer too (stored once). */
  sharedWith: string[];
}

export interface ImageView {
  id: string;
  names: string[];
  architecture: string;
  size: number;
  created: string;
  /** Bottom first. */
  layers: LayerView[];
  usedBy: string[];
}

export interface ContainerView {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'exited';
  exitCode?: number;
  oomKilled: boolean;
  ip: string;
  ports: string[];
  writableBytes: number;
  changes: { kind: 'A' | 'C' | 'D'; path: string }[];
  namespaces: NamespaceIds;
  cgroup: string;
  memoryBytes: number;
  memoryLimitBytes?: number;
  cpuMillis: number;
  cpuLimitMillis?: number;
  restartPolicy: string;
  restartCount: number;
  volumes: string[];
  networks: Record<string, string>;
}

export interface DockerHostView {
  host: string;
  arch: string;
  memoryBytes: number;
  memoryUsedBytes: number;
  images: ImageView[];
  /** Bytes of unique layers on disk (each shared layer counted once). */
  diskBytes: number;
  /** Bytes if every image stored its own copy of its layers. */
  naiveBytes: number;
  containers: ContainerView[];
  networks: { name: string; driver: string; subnet: string }[];
  volumes: { name: string; usedBy: string[] }[];
  lastBuild?: BuildReport;
  registry: { repository: string; tags: string[]; pushed: boolean }[];
}

export function dockerHostView(cluster: Cluster): DockerHostView | undefined {
  const docker: DockerDaemon | undefined = cluster.docker;
  if (!docker) return undefined;
  const ds = docker.st;
  const rt = docker.rt;
  const host = rt.st.hosts[DOCKER_HOST];
  if (!host) return undefined;
  const names = (id: string) => host.images[id]?.repoTags ?? [];
  const label = (id: string) => names(id)[0] ?? `<none>@${id.slice(7, 19)}`;
  const usersOf = new Map<string, string[]>();
  for (const id of Object.keys(host.images)) {
    for (const d of rt.image(id)?.layers ?? []) usersOf.set(d, [...(usersOf.get(d) ?? []), id]);
  }
  const metas = Object.values(ds.containers);
  const images: ImageView[] = Object.keys(host.images)
    .map((id) => {
      const img = rt.image(id)!;
      return {
        id,
        names: names(id),
        architecture: img.architecture,
        size: rt.imageSize(img),
        created: img.created,
        layers: img.layers.map((d) => {
          const l = rt.layer(d);
          return {
            digest: d,
            short: d.slice(7, 19),
            size: l?.size ?? 0,
            createdBy: l?.createdBy ?? '',
            sharedWith: (usersOf.get(d) ?? []).filter((o) => o !== id).map(label),
          };
        }),
        usedBy: metas.filter((m) => rt.record(m.id)?.imageId === id).map((m) => m.name),
      };
    })
    .sort((a, b) => (a.names[0] ?? a.id).localeCompare(b.names[0] ?? b.id));
  const diskBytes = host.layers.reduce((n, d) => n + (rt.layer(d)?.size ?? 0), 0);
  const naiveBytes = images.reduce((n, i) => n + i.size, 0);
  const containers: ContainerView[] = metas
    .map((m): ContainerView | undefined => {
      const info = rt.container(m.id);
      const rec = rt.record(m.id);
      if (!info || !rec) return undefined;
      return {
        id: m.id,
        name: m.name,
        image: m.image,
        state: info.state,
        exitCode: info.exitCode,
        oomKilled: info.oomKilled,
        ip: info.ip,
        ports: m.ports.map((p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.proto}`),
        writableBytes: info.writableBytes,
        changes: info.diff,
        namespaces: info.namespaces,
        cgroup: info.cgroup,
        memoryBytes: rec.memoryBytes,
        memoryLimitBytes: rec.memoryLimitBytes,
        cpuMillis: rec.cpuMillis,
        cpuLimitMillis: rec.cpuLimitMillis,
        restartPolicy: m.restart.name,
        restartCount: m.restartCount,
        volumes: m.volumes,
        networks: { ...m.networks },
      };
    })
    .filter((c): c is ContainerView => !!c)
    .sort((a, b) => a.name.localeCompare(b.name));
  const registry = new Map<string, { tags: Set<string>; pushed: boolean }>();
  for (const e of catalogList()) {
    const r = registry.get(e.repo) ?? { tags: new Set<string>(), pushed: false };
    r.tags.add(e.tag);
    registry.set(e.repo, r);
  }
  for (const key of Object.keys(rt.st.registry)) {
    const i = key.lastIndexOf(':');
    const repo = key.slice(0, i);
    const r = registry.get(repo) ?? { tags: new Set<string>(), pushed: true };
    r.tags.add(key.slice(i + 1));
    r.pushed = true;
    registry.set(repo, r);
  }
  return {
    host: DOCKER_HOST,
    arch: host.arch,
    memoryBytes: DOCKER_HOST_MEMORY,
    memoryUsedBytes: rt.hostMemoryUsed(DOCKER_HOST),
    images,
    diskBytes,
    naiveBytes,
    containers,
    networks: Object.values(ds.networks).map((n) => ({ name: n.name, driver: n.driver, subnet: n.subnet })),
    volumes: Object.values(ds.volumes).map((v) => ({
      name: v.name,
      usedBy: metas.filter((m) => m.volumes.includes(v.name)).map((m) => m.name),
    })),
    lastBuild: ds.lastBuild,
    registry: [...registry.entries()]
      .map(([repo, r]) => ({ repository: familiarRepo(repo), tags: [...r.tags].sort(), pushed: r.pushed }))
      .sort((a, b) => a.repository.localeCompare(b.repository)),
  };
}
