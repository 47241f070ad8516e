/**
 * Host verbs: network, volume, system (df, prune, info), info, version.
 */
import { DOCKER_HOST_CPUS, DOCKER_HOST_MEMORY } from '../../sim/docker/dockerTypes';
import { last } from './flags';
import { table } from './format';
import { bytesSize, humanSize } from '../../sim/util/units';
import { networkDoc, volumeDoc } from './inspect';
import { emitDocs, f, fail, type Verb, type VerbContext } from './verb';

export const hostVerbs: Verb[] = [
  {
    name: 'network',
    summary: 'Manage networks',
    usage: 'docker network COMMAND (ls | create | connect | disconnect | rm | inspect)',
    flags: [
      f('driver', 'd', true, 'Driver to manage the Network'),
      f('quiet', 'q', false, 'Only display network IDs'),
    ],
    run(x) {
      const [sub, ...rest] = x.p.args;
      const d = x.d;
      switch (sub) {
        case 'ls':
        case 'list': {
          const nets = Object.values(d.st.networks).sort((a, b) => a.name.localeCompare(b.name));
          if (x.p.bools.has('quiet')) {
            for (const n of nets) x.ctx.out(n.id.slice(0, 12) + '\n');
            return 0;
          }
          x.ctx.out(
            table(
              ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
              nets.map((n) => [n.id.slice(0, 12), n.name, n.driver, 'local']),
            ),
          );
          return 0;
        }
        case 'create': {
          if (!rest[0])
            return fail(
              x.ctx,
              'network create',
              '"docker network create" requires exactly 1 argument.',
              1,
              'docker: ',
            );
          const r = d.networkCreate(rest[0], last(x.p, 'driver'));
          if (!r.ok) return fail(x.ctx, 'network create', r.error);
          x.ctx.out(r.id + '\n');
          return 0;
        }
        case 'connect': {
          if (rest.length < 2)
            return fail(
              x.ctx,
              'network connect',
              '"docker network connect" requires exactly 2 arguments.',
              1,
              'docker: ',
            );
          const r = d.networkConnect(rest[0]!, rest[1]!);
          return r.ok ? 0 : fail(x.ctx, 'network connect', r.error);
        }
        case 'rm':
        case 'remove': {
          return removeEach(x.ctx, rest, (n) => d.networkRm(n));
        }
        case 'inspect': {
          const docs = rest
            .map((n) => d.st.networks[n])
            .filter((n) => !!n)
            .map((n) => networkDoc(x.ctx.cluster, d, n!));
          if (!emitDocs(x, docs)) return 1;
          return docs.length === rest.length ? 0 : 1;
        }
        default:
          x.ctx.err(
            `Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  rm          Remove one or more networks\n`,
          );
          return sub ? 1 : 0;
      }
    },
  },
  {
    name: 'volume',
    summary: 'Manage volumes',
    usage: 'docker volume COMMAND (create | ls | rm | inspect | prune)',
    flags: [
      f('quiet', 'q', false, 'Only display volume names'),
      f('force', 'f', false, 'Do not prompt for confirmation'),
    ],
    run(x) {
      const [sub, ...rest] = x.p.args;
      const d = x.d;
      switch (sub) {
        case 'create': {
          const name = rest[0] ?? x.ctx.cluster.rng.hex(64);
          d.ensureVolume(name, !rest[0]);
          x.ctx.out(name + '\n');
          return 0;
        }
        case 'ls':
        case 'list': {
          const vols = Object.values(d.st.volumes).sort((a, b) => a.name.localeCompare(b.name));
          if (x.p.bools.has('quiet')) {
            for (const v of vols) x.ctx.out(v.name + '\n');
            return 0;
          }
          x.ctx.out(
            table(
              ['DRIVER', 'VOLUME NAME'],
              vols.map((v) => ['local', v.name]),
            ),
          );
          return 0;
        }
        case 'rm':
        case 'remove': {
          return removeEach(x.ctx, rest, (n) => d.removeVolume(n));
        }
        case 'inspect': {
          const docs = rest
            .map((n) => d.st.volumes[n])
            .filter((v) => !!v)
            .map((v) => volumeDoc(x.ctx.cluster, v!));
          if (!emitDocs(x, docs)) return 1;
          return docs.length === rest.length ? 0 : 1;
        }
        case 'prune': {
          const removed: string[] = [];
          let bytes = 0;
          for (const v of Object.values(d.st.volumes)) {
            if (!v.anonymous || d.volumeInUse(v.name)) continue;
            bytes += d.volumeBytes(v.name);
            d.removeVolume(v.name);
            removed.push(v.name);
          }
          if (removed.length) x.ctx.out(`Deleted Volumes:\n${removed.join('\n')}\n\n`);
          x.ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
          return 0;
        }
        default:
          x.ctx.err(
            'Usage:  docker volume COMMAND\n\nManage volumes\n\nCommands:\n  create      Create a volume\n  inspect     Display detailed information on one or more volumes\n  ls          List volumes\n  prune       Remove unused local volumes\n  rm          Remove one or more volumes\n',
          );
          return sub ? 1 : 0;
      }
    },
  },
  {
    name: 'system',
    summary: 'Manage Docker',
    usage: 'docker system COMMAND (df | prune | info)',
    flags: [
      f('all', 'a', false, 'Remove all unused images not just dangling ones'),
      f('force', 'f', false, 'Do not prompt for confirmation'),
      f('volumes', undefined, false, 'Prune anonymous volumes'),
      f('verbose', 'v', false, 'Show detailed information on space usage'),
    ],
    run(x) {
      const [sub] = x.p.args;
      if (sub === 'df') return systemDf(x);
      if (sub === 'prune') return systemPrune(x);
      if (sub === 'info') return info(x);
      x.ctx.err(
        'Usage:  docker system COMMAND\n\nManage Docker\n\nCommands:\n  df          Show docker disk usage\n  info        Display system-wide information\n  prune       Remove unused data\n',
      );
      return sub ? 1 : 0;
    },
  },
  {
    name: 'info',
    summary: 'Display system-wide information',
    usage: 'docker info',
    flags: [],
    run: (x) => info(x),
  },
  {
    name: 'version',
    summary: 'Show the Docker version information',
    usage: 'docker version',
    flags: [],
    run(x) {
      x.ctx.out(
        [
          'Client:',
          ' Version:           27.3.1',
          ' API version:       1.47',
          ' OS/Arch:           linux/amd64',
          ' Context:           default',
          '',
          'Server: Docker Engine - Community (Kubelab simulation)',
          ' Engine:',
          '  Version:          27.3.1',
          '  API version:      1.47 (minimum version 1.24)',
          `  OS/Arch:          linux/${x.d.arch}`,
          ' containerd:',
          '  Version:          1.7.22',
          ' runc:',
          '  Version:          1.1.14',
          '',
        ].join('\n'),
      );
      return 0;
    },
  },
];

function systemDf(x: VerbContext): number {
  const { d } = x;
  const h = d.rt.host(d.host);
  const containers = d.list(true);
  const usedImages = new Set(containers.map((c) => c.rec.imageId));
  const activeLayers = new Set<string>();
  for (const id of usedImages) for (const l of d.rt.image(id)?.layers ?? []) activeLayers.add(l);
  // Each layer counts once, however many images share it.
  let total = 0;
  let reclaim = 0;
  for (const l of h.layers) {
    const size = d.rt.layer(l)?.size ?? 0;
    total += size;
    if (!activeLayers.has(l)) reclaim += size;
  }
  const images = Object.keys(h.images);
  const cBytes = containers.reduce((n, c) => n + d.rt.container(c.meta.id)!.writableBytes, 0);
  const cReclaim = containers
    .filter((c) => c.rec.state !== 'running')
    .reduce((n, c) => n + d.rt.container(c.meta.id)!.writableBytes, 0);
  const vols = Object.values(d.st.volumes);
  const vBytes = vols.reduce((n, v) => n + d.volumeBytes(v.name), 0);
  const vActive = vols.filter((v) => d.volumeInUse(v.name));
  const vReclaim = vols.filter((v) => !d.volumeInUse(v.name)).reduce((n, v) => n + d.volumeBytes(v.name), 0);
  const cache = Object.entries(d.st.buildCache).filter(([k]) => !k.startsWith('image:'));
  const cacheBytes = cache.reduce((n, [, e]) => n + e.size, 0);
  const pct = (a: number, b: number) => (b ? ` (${Math.round((a / b) * 100)}%)` : '');
  x.ctx.out(
    table(
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      [
        [
          'Images',
          String(images.length),
          String([...usedImages].filter((i) => h.images[i]).length),
          humanSize(total),
          `${humanSize(reclaim)}${pct(reclaim, total)}`,
        ],
        [
          'Containers',
          String(containers.length),
          String(containers.filter((c) => c.rec.state === 'running').length),
          humanSize(cBytes),
          `${humanSize(cReclaim)}${pct(cReclaim, cBytes)}`,
        ],
        [
          'Local Volumes',
          String(vols.length),
          String(vActive.length),
          humanSize(vBytes),
          `${humanSize(vReclaim)}${pct(vReclaim, vBytes)}`,
        ],
        ['Build Cache', String(cache.length), '0', humanSize(cacheBytes), humanSize(cacheBytes)],
      ],
    ),
  );
  return 0;
}

function systemPrune(x: VerbContext): number {
  const { d, ctx } = x;
  const all = x.p.bools.has('all');
  const vols = x.p.bools.has('volumes');
  ctx.out(
    [
      'WARNING! This will remove:',
      '  - all stopped containers',
      '  - all networks not used by at least one container',
      ...(vols ? ['  - all anonymous volumes not used by at least one container'] : []),
      all ? '  - all images without at least one container associated to them' : '  - all dangling images',
      all ? '  - all build cache' : '  - unused build cache',
      '',
    ].join('\n') + '\n',
  );
  if (!x.p.bools.has('force')) {
    ctx.out('Are you sure you want to continue? [y/N] ');
    if (!/^y/i.test((ctx.stdin ?? '').trim())) {
      ctx.out('\n');
      return 1;
    }
    ctx.out('\n');
  }
  let bytes = 0;
  const containers = d.list(true).filter((c) => c.rec.state !== 'running');
  for (const c of containers) {
    bytes += d.rt.container(c.meta.id)!.writableBytes;
    d.rm(c.meta.id);
  }
  const nets = Object.values(d.st.networks).filter(
    (n) => n.userDefined && !Object.values(d.st.containers).some((m) => n.name in m.networks),
  );
  for (const n of nets) d.networkRm(n.name);
  const deletedImages: string[] = [];
  const h = d.rt.host(d.host);
  const inUse = new Set(Object.values(d.st.containers).map((m) => d.rt.record(m.id)?.imageId));
  for (const [id, meta] of Object.entries(h.images)) {
    if (inUse.has(id)) continue;
    if (!all && meta.repoTags.length) continue;
    const img = d.rt.image(id);
    const before = h.layers.length;
    const removed = d.rt.deleteImage(d.host, id);
    for (const t of meta.repoTags) deletedImages.push(`untagged: ${t}`);
    deletedImages.push(`deleted: ${id}`);
    for (const l of removed) {
      bytes += d.rt.layer(l)?.size ?? 0;
      deletedImages.push(`deleted: ${l}`);
    }
    void img;
    void before;
  }
  const cacheKeys = Object.keys(d.st.buildCache).filter((k) => !k.startsWith('image:'));
  for (const k of cacheKeys) {
    bytes += d.st.buildCache[k]!.size;
    delete d.st.buildCache[k];
  }
  if (vols) {
    for (const v of Object.values(d.st.volumes))
      if (v.anonymous && !d.volumeInUse(v.name)) d.removeVolume(v.name);
  }
  if (containers.length) ctx.out(`Deleted Containers:\n${containers.map((c) => c.meta.id).join('\n')}\n\n`);
  if (nets.length) ctx.out(`Deleted Networks:\n${nets.map((n) => n.name).join('\n')}\n\n`);
  if (deletedImages.length) ctx.out(`Deleted Images:\n${deletedImages.join('\n')}\n\n`);
  if (cacheKeys.length)
    ctx.out(`Deleted build cache objects:\n${cacheKeys.map((k) => k.slice(0, 25)).join('\n')}\n\n`);
  ctx.out(`Total reclaimed space: ${humanSize(bytes)}\n`);
  return 0;
}

function info(x: VerbContext): number {
  const { d } = x;
  const list = d.list(true);
  const running = list.filter((c) => c.rec.state === 'running').length;
  x.ctx.out(
    [
      'Client: Docker Engine - Community',
      ' Version:    27.3.1',
      ' Context:    default',
      '',
      'Server:',
      ` Containers: ${list.length}`,
      `  Running: ${running}`,
      '  Paused: 0',
      `  Stopped: ${list.length - running}`,
      ` Images: ${Object.keys(d.rt.host(d.host).images).length}`,
      ' Server Version: 27.3.1',
      ' Storage Driver: overlay2',
      ' Cgroup Driver: systemd',
      ' Cgroup Version: 2',
      ' Runtimes: io.containerd.runc.v2 runc',
      ' Default Runtime: runc',
      ' Kernel Version: 6.8.0-48-generic',
      ' Operating System: Ubuntu 24.04.1 LTS',
      ' OSType: linux',
      ` Architecture: ${d.arch === 'amd64' ? 'x86_64' : 'aarch64'}`,
      ` CPUs: ${DOCKER_HOST_CPUS}`,
      ` Total Memory: ${bytesSize(DOCKER_HOST_MEMORY)}`,
      ` Name: ${d.host}`,
      ' Docker Root Dir: /var/lib/docker',
      ' Registry: https://index.docker.io/v1/',
      '',
    ].join('\n'),
  );
  return 0;
}

/** Removes each named object, printing its name or its error (docker network rm / volume rm). */
function removeEach(
  ctx: { out(t: string): void; err(t: string): void },
  names: string[],
  remove: (n: string) => { ok: true } | { ok: false; error: string },
): number {
  let code = 0;
  for (const n of names) {
    const r = remove(n);
    if (r.ok) ctx.out(n + '\n');
    else {
      ctx.err(r.error + '\n');
      code = 1;
    }
  }
  return code;
}
