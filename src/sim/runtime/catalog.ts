/**
 * The registry's catalog: the images Kubelab knows, as a Docker Hub-like registry would serve them. Layers are
 * content-addressed (deterministic digests derived from names) and shared: every image on Debian bookworm-slim
 * stores that base once, nginx:alpine shares Alpine's rootfs with alpine. Sizes are the real images'
 * uncompressed sizes, rounded; configs follow the real images (ENTRYPOINT, CMD, Env, ExposedPorts…).
 */
import { digestOf } from './digest';
import { NGINX_INDEX_HTML } from '../process/images';
import type { Arch, HistoryEntry, ImageConfig, ImageRecord, LayerData } from './types';

const MB = 1_000_000;
const kB = 1_000;
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ELF = '\u007fELF (binary)';

const layers = new Map<string, LayerData>();

interface LayerDef {
  size: number;
  createdBy: string;
  files?: Record<string, string>;
  dirs?: string[];
}

/** Registers a static layer; the digest depends on its key and architecture only. */
function layer(key: string, arch: Arch, def: LayerDef): string {
  const digest = digestOf(`layer|${key}|${arch}`);
  if (!layers.has(digest)) {
    layers.set(digest, {
      digest,
      size: def.size,
      createdBy: def.createdBy,
      files: def.files ?? {},
      dirs: def.dirs ?? [],
    });
  }
  return digest;
}

/** A static layer by digest (catalog layers only; built layers live in the runtime's state). */
export function catalogLayer(digest: string): LayerData | undefined {
  return layers.get(digest);
}

const BUSYBOX_APPLETS = (
  'sh ash cat cp echo env false grep head hostname id kill ls mkdir mv nc nslookup ping printenv ps pwd rm ' +
  'sed sleep sort tail tee test top touch tr true uname wc wget whoami date df du vi cut find awk chmod chown ' +
  'ln more which yes seq expr basename dirname mount free uptime dd gzip tar xargs httpd [ sha256sum md5sum ' +
  'timeout watch less diff nohup rmdir stat sync unzip gunzip netstat ip ifconfig route traceroute telnet'
).split(' ');
const COREUTILS = (
  'bash sh dash cat cp ls mkdir mv rm echo sleep env grep sed head tail sort tr wc touch date hostname id ' +
  'uname true false test pwd printenv kill chmod chown ln find xargs cut awk tee du df stat basename dirname ' +
  'which yes seq expr nohup timeout rmdir tar gzip sync mount whoami dpkg apt apt-get'
).split(' ');

const ROOT_DIRS = [
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/local',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/share',
  '/var',
  '/var/cache',
  '/var/lib',
  '/var/log',
  '/var/run',
  '/var/tmp',
  '/etc/ssl',
];

function bins(dirs: string[], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of dirs) for (const n of names) out[`${d}/${n}`] = ELF;
  return out;
}

const PASSWD_BASE =
  'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';

function debianRootfs(arch: Arch, codename: string, version: string, size: number, slim: boolean): string {
  return layer(`debian-${codename}${slim ? '-slim' : ''}`, arch, {
    size,
    createdBy: `# debian.sh --arch '${arch}' out/ '${codename}' '@1732492800'`,
    dirs: [...ROOT_DIRS, '/boot', '/lib64', '/etc/apt', '/var/lib/dpkg', '/usr/share/doc'],
    files: {
      ...bins(['/bin', '/usr/bin'], COREUTILS),
      '/etc/os-release':
        `PRETTY_NAME="Debian GNU/Linux ${version} (${codename})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${version}"\n` +
        `VERSION="${version} (${codename})"\nVERSION_CODENAME=${codename}\nID=debian\nHOME_URL="https://www.debian.org/"\n`,
      '/etc/debian_version': `${version}.8\n`,
      '/etc/passwd': PASSWD_BASE.replace('/root:/bin/sh', '/root:/bin/bash'),
      '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
      '/etc/shells': '/bin/sh\n/bin/bash\n/usr/bin/bash\n/usr/bin/sh\n',
      '/root/.bashrc': '# ~/.bashrc: executed by bash(1) for non-login shells.\n',
    },
  });
}

function ubuntuRootfs(arch: Arch, version: string, codename: string, size: number): string {
  return layer(`ubuntu-${version}`, arch, {
    size,
    createdBy: `/bin/sh -c #(nop) ADD file:ubuntu-${codename}-oci-${arch}-root.tar.gz in / `,
    dirs: [...ROOT_DIRS, '/boot', '/lib64', '/etc/apt', '/var/lib/dpkg'],
    files: {
      ...bins(['/bin', '/usr/bin'], COREUTILS),
      '/etc/os-release':
        `PRETTY_NAME="Ubuntu ${version} LTS"\nNAME="Ubuntu"\nVERSION_ID="${version}"\n` +
        `VERSION="${version} LTS (${codename[0]!.toUpperCase()}${codename.slice(1)})"\nVERSION_CODENAME=${codename}\n` +
        `ID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n`,
      '/etc/passwd':
        PASSWD_BASE.replace('/root:/bin/sh', '/root:/bin/bash') +
        'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n',
      '/etc/group': 'root:x:0:\nubuntu:x:1000:\n',
    },
  });
}

function alpineRootfs(arch: Arch, version: string, size: number): string {
  return layer(`alpine-${version}`, arch, {
    size,
    createdBy: `ADD alpine-minirootfs-${version}-${arch === 'amd64' ? 'x86_64' : 'aarch64'}.tar.gz / # buildkit`,
    dirs: [...ROOT_DIRS, '/etc/apk', '/lib/apk'],
    files: {
      ...bins(['/bin'], BUSYBOX_APPLETS),
      '/bin/busybox': ELF,
      '/sbin/apk': ELF,
      '/etc/os-release':
        `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"\n` +
        `HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
      '/etc/alpine-release': `${version}\n`,
      '/etc/passwd': PASSWD_BASE.replace('/usr/sbin/nologin', '/sbin/nologin'),
      '/etc/group': 'root:x:0:root\nnobody:x:65534:\n',
    },
  });
}

function busyboxRootfs(arch: Arch, version: string, size: number): string {
  return layer(`busybox-${version}`, arch, {
    size,
    createdBy: `BusyBox ${version} (glibc), Debian 12`,
    dirs: [
      '/bin',
      '/dev',
      '/etc',
      '/home',
      '/lib',
      '/root',
      '/tmp',
      '/usr',
      '/usr/sbin',
      '/var',
      '/var/spool',
      '/var/www',
    ],
    files: {
      ...bins(['/bin'], BUSYBOX_APPLETS),
      '/bin/busybox': ELF,
      '/etc/passwd':
        'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
      '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
    },
  });
}

/** A minimal distroless-style base (static binaries only). */
function staticRootfs(arch: Arch, size: number): string {
  return layer('distroless-static-debian12', arch, {
    size,
    createdBy: 'bazel build @distroless//base:static',
    dirs: ['/etc', '/etc/ssl', '/etc/ssl/certs', '/home', '/home/nonroot', '/tmp', '/usr', '/var'],
    files: {
      '/etc/os-release': 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\n',
      '/etc/passwd':
        'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
      '/etc/ssl/certs/ca-certificates.crt':
        '-----BEGIN CERTIFICATE-----\n(certificates)\n-----END CERTIFICATE-----\n',
    },
  });
}

/** The page is the process model's (one copy: the file in the layer and what nginx serves agree). */
const NGINX_INDEX = NGINX_INDEX_HTML;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_CONF = `user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log  main;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
`;

interface StepDef {
  key: string;
  size: number;
  createdBy: string;
  files?: Record<string, string>;
  dirs?: string[];
}

interface ImageDef {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repo: string;
  tags: string[];
  archs: Arch[];
  created: string;
  base: (arch: Arch) => string;
  baseCreatedBy?: string;
  steps: StepDef[];
  config: Partial<ImageConfig>;
  /** Config-only history lines (ENV, EXPOSE, CMD…) shown by `docker history`. */
  meta?: string[];
}

export interface CatalogEntry {
  repo: string;
  tag: string;
  /** Digest of the manifest list (what `docker pull` prints as Digest). */
  digest: string;
  variants: Partial<Record<Arch, ImageRecord>>;
}

const entries = new Map<string, CatalogEntry>();
const repos = new Set<string>();

function configDigestInput(rec: Omit<ImageRecord, 'id'>): string {
  return JSON.stringify([rec.architecture, rec.config, rec.layers, rec.created]);
}

/** Computes an image ID from its config (the ID is the digest of the config JSON, as in Docker). */
export function imageIdFor(rec: Omit<ImageRecord, 'id'>): string {
  return digestOf(`config|${configDigestInput(rec)}`);
}

function define(def: ImageDef): void {
  repos.add(def.repo);
  const variants: Partial<Record<Arch, ImageRecord>> = {};
  for (const arch of def.archs) {
    const baseDigest = def.base(arch);
    const baseLayer = layers.get(baseDigest)!;
    const stack = [baseDigest];
    const history: HistoryEntry[] = [{ created: def.created, createdBy: baseLayer.createdBy }];
    for (const s of def.steps) {
      stack.push(
        layer(s.key, arch, {
          size: s.size,
          createdBy: s.createdBy,
          files: s.files ?? {},
          dirs: s.dirs ?? [],
        }),
      );
      history.push({ created: def.created, createdBy: s.createdBy });
    }
    for (const m of def.meta ?? []) history.push({ created: def.created, createdBy: m, emptyLayer: true });
    const config: ImageConfig = {
      User: '',
      Env: [`PATH=${DEFAULT_PATH}`],
      WorkingDir: '',
      ...def.config,
    };
    const rec: Omit<ImageRecord, 'id'> = {
      architecture: arch,
      os: 'linux',
      created: def.created,
      config,
      layers: stack,
      history,
    };
    variants[arch] = { id: imageIdFor(rec), ...rec };
  }
  for (const tag of def.tags) {
    entries.set(`${def.repo}:${tag}`, {
      repo: def.repo,
      tag,
      digest: digestOf(`index|${def.repo}|${def.tags[0]}`),
      variants,
    });
  }
}

const BOTH: Arch[] = ['amd64', 'arm64'];
const AMD64: Arch[] = ['amd64'];

// ---- operating system images -------------------------------------------------------------------------
define({
  repo: 'docker.io/library/alpine',
  tags: ['latest', '3.20', '3.20.3', '3'],
  archs: BOTH,
  created: '2024-09-06T22:20:07Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [],
  config: { Cmd: ['/bin/sh'] },
  meta: ['CMD ["/bin/sh"]'],
});
define({
  repo: 'docker.io/library/alpine',
  tags: ['3.19'],
  archs: BOTH,
  created: '2024-09-06T22:20:07Z',
  base: (a) => alpineRootfs(a, '3.19.4', 7.38 * MB),
  steps: [],
  config: { Cmd: ['/bin/sh'] },
  meta: ['CMD ["/bin/sh"]'],
});
define({
  repo: 'docker.io/library/busybox',
  tags: ['latest', '1.37', '1.37.0', 'stable'],
  archs: BOTH,
  created: '2024-09-26T21:31:42Z',
  base: (a) => busyboxRootfs(a, '1.37.0', 4.27 * MB),
  steps: [],
  config: { Cmd: ['sh'] },
  meta: ['CMD ["sh"]'],
});
define({
  repo: 'docker.io/library/busybox',
  tags: ['1.36', '1.36.1'],
  archs: BOTH,
  created: '2023-05-18T22:34:17Z',
  base: (a) => busyboxRootfs(a, '1.36.1', 4.26 * MB),
  steps: [],
  config: { Cmd: ['sh'] },
  meta: ['CMD ["sh"]'],
});
define({
  repo: 'docker.io/library/busybox',
  tags: ['1.28', '1.28.4'],
  archs: BOTH,
  created: '2018-05-22T17:21:32Z',
  base: (a) => busyboxRootfs(a, '1.28.4', 1.15 * MB),
  steps: [],
  config: { Cmd: ['sh'] },
  meta: ['CMD ["sh"]'],
});
define({
  repo: 'registry.k8s.io/busybox',
  tags: ['latest', '1.24'],
  archs: AMD64,
  created: '2015-12-08T18:31:50Z',
  base: (a) => busyboxRootfs(a, '1.24.0', 1.11 * MB),
  steps: [],
  config: { Cmd: ['sh'] },
  meta: ['CMD ["sh"]'],
});
define({
  repo: 'docker.io/library/ubuntu',
  tags: ['latest', '24.04', 'noble'],
  archs: BOTH,
  created: '2024-10-11T03:35:58Z',
  base: (a) => ubuntuRootfs(a, '24.04', 'noble', 78.1 * MB),
  steps: [],
  config: {
    Cmd: ['/bin/bash'],
    Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
  },
  meta: ['CMD ["/bin/bash"]'],
});
define({
  repo: 'docker.io/library/ubuntu',
  tags: ['22.04', 'jammy'],
  archs: BOTH,
  created: '2024-09-13T05:42:59Z',
  base: (a) => ubuntuRootfs(a, '22.04', 'jammy', 77.9 * MB),
  steps: [],
  config: { Cmd: ['/bin/bash'] },
  meta: ['CMD ["/bin/bash"]'],
});
define({
  repo: 'docker.io/library/debian',
  tags: ['latest', 'bookworm', '12'],
  archs: BOTH,
  created: '2024-11-11T00:00:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [],
  config: { Cmd: ['bash'] },
  meta: ['CMD ["bash"]'],
});
define({
  repo: 'docker.io/library/debian',
  tags: ['bookworm-slim', '12-slim'],
  archs: BOTH,
  created: '2024-11-11T00:00:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [],
  config: { Cmd: ['bash'] },
  meta: ['CMD ["bash"]'],
});

// ---- servers ---------------------------------------------------------------------------------------------
function nginxSteps(version: string, installSize: number): StepDef[] {
  return [
    {
      key: `nginx-${version}-install`,
      size: installSize,
      createdBy: `RUN /bin/sh -c set -x && groupadd --system --gid 101 nginx && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y nginx=${version}* # buildkit`,
      dirs: [
        '/etc/nginx',
        '/etc/nginx/conf.d',
        '/usr/share/nginx',
        '/usr/share/nginx/html',
        '/var/log/nginx',
        '/var/cache/nginx',
      ],
      files: {
        '/usr/sbin/nginx': ELF,
        '/usr/bin/envsubst': ELF,
        '/etc/nginx/nginx.conf': NGINX_CONF,
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
        '/etc/nginx/mime.types': 'types {\n    text/html  html htm shtml;\n    text/css   css;\n}\n',
        '/usr/share/nginx/html/index.html': NGINX_INDEX,
        '/usr/share/nginx/html/50x.html':
          '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
        '/var/log/nginx/access.log': '',
        '/var/log/nginx/error.log': '',
      },
    },
    {
      key: `nginx-${version}-entrypoint`,
      size: 1.62 * kB,
      createdBy: 'COPY docker-entrypoint.sh / # buildkit',
      files: { '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\nset -e\nexec "$@"\n' },
    },
    {
      key: `nginx-${version}-ipv6`,
      size: 2.12 * kB,
      createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
      dirs: ['/docker-entrypoint.d'],
      files: { '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n' },
    },
    {
      key: `nginx-${version}-templates`,
      size: 3.02 * kB,
      createdBy: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
      files: { '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n' },
    },
    {
      key: `nginx-${version}-tune`,
      size: 4.62 * kB,
      createdBy: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
      files: { '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n' },
    },
  ];
}

function nginxConfig(version: string): Partial<ImageConfig> {
  return {
    Env: [`PATH=${DEFAULT_PATH}`, `NGINX_VERSION=${version}`, 'NJS_VERSION=0.8.7', 'PKG_RELEASE=1~bookworm'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    ExposedPorts: { '80/tcp': {} },
    StopSignal: 'SIGQUIT',
    Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
  };
}
const NGINX_META = [
  'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>',
  'ENTRYPOINT ["/docker-entrypoint.sh"]',
  'EXPOSE map[80/tcp:{}]',
  'STOPSIGNAL SIGQUIT',
  'CMD ["nginx" "-g" "daemon off;"]',
];

define({
  repo: 'docker.io/library/nginx',
  tags: ['latest', '1.27', '1.27.3', 'mainline', 'bookworm'],
  archs: BOTH,
  created: '2024-11-26T18:42:08Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: nginxSteps('1.27.3', 112.2 * MB),
  config: nginxConfig('1.27.3'),
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['alpine', '1.27-alpine', 'mainline-alpine'],
  archs: BOTH,
  created: '2024-11-26T18:42:08Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: nginxSteps('1.27.3-alpine', 40.7 * MB),
  config: {
    ...nginxConfig('1.27.3'),
    Env: [`PATH=${DEFAULT_PATH}`, 'NGINX_VERSION=1.27.3', 'PKG_RELEASE=1'],
  },
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['1.16.1', '1.16'],
  archs: BOTH,
  created: '2020-04-23T00:57:58Z',
  base: (a) => debianRootfs(a, 'buster', '10', 69.2 * MB, true),
  steps: nginxSteps('1.16.1', 57.8 * MB),
  config: nginxConfig('1.16.1'),
  meta: NGINX_META,
});
define({
  repo: 'docker.io/library/nginx',
  tags: ['1.14.2', '1.14'],
  archs: BOTH,
  created: '2019-03-26T23:14:52Z',
  base: (a) => debianRootfs(a, 'stretch', '9', 55.3 * MB, true),
  steps: nginxSteps('1.14.2', 53.9 * MB),
  config: nginxConfig('1.14.2'),
  meta: NGINX_META,
});

define({
  repo: 'docker.io/library/httpd',
  tags: ['latest', '2.4', '2.4.62'],
  archs: BOTH,
  created: '2024-07-23T01:14:22Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'httpd-2.4.62-install',
      size: 73.4 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get install -y --no-install-recommends libapr1-dev libaprutil1-dev; ./configure; make; make install # buildkit',
      dirs: [
        '/usr/local/apache2',
        '/usr/local/apache2/bin',
        '/usr/local/apache2/conf',
        '/usr/local/apache2/htdocs',
        '/usr/local/apache2/logs',
      ],
      files: {
        '/usr/local/apache2/bin/httpd': ELF,
        '/usr/local/apache2/conf/httpd.conf':
          'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
        '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
      },
    },
    {
      key: 'httpd-foreground',
      size: 138,
      createdBy: 'COPY httpd-foreground /usr/local/bin/ # buildkit',
      files: {
        '/usr/local/bin/httpd-foreground':
          '#!/bin/sh\nset -e\nrm -f /usr/local/apache2/logs/httpd.pid\nexec httpd -DFOREGROUND "$@"\n',
      },
    },
  ],
  config: {
    Env: [
      'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HTTPD_PREFIX=/usr/local/apache2',
      'HTTPD_VERSION=2.4.62',
    ],
    WorkingDir: '/usr/local/apache2',
    Cmd: ['httpd-foreground'],
    ExposedPorts: { '80/tcp': {} },
    StopSignal: 'SIGWINCH',
  },
  meta: [
    'ENV HTTPD_PREFIX=/usr/local/apache2',
    'WORKDIR /usr/local/apache2',
    'STOPSIGNAL SIGWINCH',
    'EXPOSE map[80/tcp:{}]',
    'CMD ["httpd-foreground"]',
  ],
});

define({
  repo: 'docker.io/library/redis',
  tags: ['latest', '7', '7.4', '7.4.1'],
  archs: BOTH,
  created: '2024-10-03T00:05:34Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'redis-user',
      size: 4.03 * kB,
      createdBy:
        'RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit',
    },
    {
      key: 'redis-7.4.1-install',
      size: 42.1 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; savedAptMark=...; make -C /usr/src/redis; make -C /usr/src/redis install # buildkit',
      files: {
        '/usr/local/bin/redis-server': ELF,
        '/usr/local/bin/redis-cli': ELF,
        '/usr/local/bin/redis-benchmark': ELF,
      },
    },
    {
      key: 'redis-data',
      size: 0,
      createdBy: 'RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit',
      dirs: ['/data'],
    },
    {
      key: 'redis-entrypoint',
      size: 661,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'REDIS_VERSION=7.4.1'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['redis-server'],
    WorkingDir: '/data',
    ExposedPorts: { '6379/tcp': {} },
    Volumes: { '/data': {} },
  },
  meta: [
    'VOLUME [/data]',
    'WORKDIR /data',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'EXPOSE map[6379/tcp:{}]',
    'CMD ["redis-server"]',
  ],
});

define({
  repo: 'docker.io/library/redis',
  tags: ['alpine', '7-alpine', '7.4-alpine'],
  archs: BOTH,
  created: '2024-10-03T00:05:34Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [
    {
      key: 'redis-7.4.1-alpine-install',
      size: 33.5 * MB,
      createdBy: 'RUN /bin/sh -c set -eux; apk add --no-cache --virtual .build-deps; make install # buildkit',
      dirs: ['/data'],
      files: {
        '/usr/local/bin/redis-server': ELF,
        '/usr/local/bin/redis-cli': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'REDIS_VERSION=7.4.1'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['redis-server'],
    WorkingDir: '/data',
    ExposedPorts: { '6379/tcp': {} },
    Volumes: { '/data': {} },
  },
  meta: ['ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE map[6379/tcp:{}]', 'CMD ["redis-server"]'],
});

define({
  repo: 'docker.io/library/postgres',
  tags: ['latest', '17', '17.2'],
  archs: BOTH,
  created: '2024-11-21T22:01:03Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'postgres-17-install',
      size: 360 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends "postgresql-17=17.2-1.pgdg120+1" # buildkit',
      dirs: [
        '/var/lib/postgresql',
        '/var/lib/postgresql/data',
        '/docker-entrypoint-initdb.d',
        '/usr/lib/postgresql/17/bin',
      ],
      files: {
        '/usr/lib/postgresql/17/bin/postgres': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/usr/bin/env bash\nset -Eeo pipefail\n',
      },
    },
  ],
  config: {
    Env: [
      `PATH=${DEFAULT_PATH}:/usr/lib/postgresql/17/bin`,
      'PG_MAJOR=17',
      'PG_VERSION=17.2-1.pgdg120+1',
      'PGDATA=/var/lib/postgresql/data',
    ],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['postgres'],
    ExposedPorts: { '5432/tcp': {} },
    Volumes: { '/var/lib/postgresql/data': {} },
    StopSignal: 'SIGINT',
  },
  meta: [
    'ENV PGDATA=/var/lib/postgresql/data',
    'VOLUME [/var/lib/postgresql/data]',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'STOPSIGNAL SIGINT',
    'EXPOSE map[5432/tcp:{}]',
    'CMD ["postgres"]',
  ],
});

define({
  repo: 'docker.io/library/mysql',
  tags: ['5.6', '5.6.51'],
  archs: AMD64,
  created: '2021-12-21T02:03:55Z',
  base: (a) => debianRootfs(a, 'stretch', '9', 55.3 * MB, true),
  steps: [
    {
      key: 'mysql-5.6-install',
      size: 248 * MB,
      createdBy:
        '/bin/sh -c { echo mysql-community-server mysql-community-server/data-dir select ; } | debconf-set-selections && apt-get update && apt-get install -y mysql-server="${MYSQL_VERSION}"',
      dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d', '/etc/mysql'],
      files: {
        '/usr/sbin/mysqld': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\nset -eo pipefail\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'MYSQL_MAJOR=5.6', 'MYSQL_VERSION=5.6.51-1debian9'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['mysqld'],
    ExposedPorts: { '3306/tcp': {} },
    Volumes: { '/var/lib/mysql': {} },
  },
  meta: ['VOLUME [/var/lib/mysql]', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'EXPOSE 3306', 'CMD ["mysqld"]'],
});

define({
  repo: 'docker.io/library/mysql',
  tags: ['latest', '8.0', '8'],
  archs: BOTH,
  created: '2024-10-15T18:41:09Z',
  base: (a) =>
    layer('oraclelinux-9-slim', a, {
      size: 117 * MB,
      createdBy: 'ADD oraclelinux-9-slim.tar.xz / # buildkit',
      dirs: ROOT_DIRS,
      files: {
        ...bins(['/bin', '/usr/bin'], COREUTILS),
        '/etc/os-release': 'NAME="Oracle Linux Server"\nVERSION="9.4"\nID="ol"\n',
      },
    }),
  steps: [
    {
      key: 'mysql-8.0-install',
      size: 456 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; microdnf install -y "mysql-community-server-minimal-$MYSQL_VERSION" # buildkit',
      dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d'],
      files: {
        '/usr/sbin/mysqld': ELF,
        '/usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\nset -eo pipefail\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'MYSQL_MAJOR=8.0', 'MYSQL_VERSION=8.0.40-1.el9'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['mysqld'],
    ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} },
    Volumes: { '/var/lib/mysql': {} },
  },
  meta: [
    'VOLUME [/var/lib/mysql]',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'EXPOSE 3306 33060',
    'CMD ["mysqld"]',
  ],
});

// ---- language runtimes -----------------------------------------------------------------------------------
function buildpackSteps(key: string): StepDef[] {
  return [
    {
      key: `buildpack-curl-${key}`,
      size: 24 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase wget # buildkit',
      files: bins(['/usr/bin'], ['curl', 'wget', 'gpg']),
    },
    {
      key: `buildpack-scm-${key}`,
      size: 64.4 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps # buildkit',
      files: bins(['/usr/bin'], ['git', 'ssh', 'ps', 'top']),
    },
    {
      key: `buildpack-dev-${key}`,
      size: 588 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends autoconf automake bzip2 dpkg-dev file g++ gcc make patch # buildkit',
      files: bins(['/usr/bin'], ['gcc', 'g++', 'make', 'file']),
    },
  ];
}

define({
  repo: 'docker.io/library/node',
  tags: ['latest', '22', '22.11', '22.11.0', 'lts'],
  archs: BOTH,
  created: '2024-10-29T18:05:21Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'node-22.11.0-install',
      size: 189 * MB,
      createdBy:
        'RUN /bin/sh -c ARCH= && dpkgArch="$(dpkg --print-architecture)" && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
    },
    {
      key: 'node-yarn',
      size: 5.34 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=22.11.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENV NODE_VERSION=22.11.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/node',
  tags: ['20', '20.18', '20.18.0'],
  archs: BOTH,
  created: '2024-10-03T18:05:21Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'node-20.18.0-install',
      size: 183 * MB,
      createdBy:
        'RUN /bin/sh -c ARCH= && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
    },
    {
      key: 'node-yarn',
      size: 5.34 * MB,
      createdBy:
        'RUN /bin/sh -c set -ex && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENV NODE_VERSION=20.18.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/node',
  tags: ['20-alpine', '20-alpine3.20', 'lts-alpine', 'alpine'],
  archs: BOTH,
  created: '2024-10-03T18:05:21Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [
    {
      key: 'node-20.18.0-alpine-install',
      size: 122 * MB,
      createdBy:
        'RUN /bin/sh -c addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node && apk add --no-cache libstdc++ # buildkit',
      files: bins(['/usr/local/bin'], ['node', 'npm', 'npx']),
      dirs: ['/home/node'],
    },
    {
      key: 'node-alpine-yarn',
      size: 5.34 * MB,
      createdBy: 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar # buildkit',
      files: bins(['/usr/local/bin'], ['yarn']),
    },
    {
      key: 'node-entrypoint',
      size: 388,
      createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      files: { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\nexec "$@"\n' },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
  },
  meta: ['ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
});
define({
  repo: 'docker.io/library/python',
  tags: ['latest', '3.12', '3.12.7', '3'],
  archs: BOTH,
  created: '2024-10-01T21:30:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 117 * MB, false),
  steps: [
    ...buildpackSteps('bookworm'),
    {
      key: 'python-3.12.7-install',
      size: 104 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; ./configure; make install # buildkit',
      files: bins(['/usr/local/bin'], ['python', 'python3', 'pip', 'pip3']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'] },
  meta: ['ENV LANG=C.UTF-8', 'ENV PYTHON_VERSION=3.12.7', 'CMD ["python3"]'],
});
define({
  repo: 'docker.io/library/python',
  tags: ['3.12-slim', 'slim', '3.12-slim-bookworm'],
  archs: BOTH,
  created: '2024-10-01T21:30:00Z',
  base: (a) => debianRootfs(a, 'bookworm', '12', 74.8 * MB, true),
  steps: [
    {
      key: 'python-slim-deps',
      size: 9.56 * MB,
      createdBy:
        'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates netbase tzdata # buildkit',
    },
    {
      key: 'python-3.12.7-slim-install',
      size: 40.9 * MB,
      createdBy: 'RUN /bin/sh -c set -eux; ./configure --enable-optimizations; make install # buildkit',
      files: bins(['/usr/local/bin'], ['python', 'python3', 'pip', 'pip3']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'] },
  meta: ['ENV LANG=C.UTF-8', 'CMD ["python3"]'],
});
define({
  repo: 'docker.io/library/perl',
  tags: ['5.34.0', '5.34'],
  archs: BOTH,
  created: '2022-04-20T05:32:42Z',
  base: (a) => debianRootfs(a, 'bullseye', '11', 124 * MB, false),
  steps: [
    ...buildpackSteps('bullseye'),
    {
      key: 'perl-5.34.0-install',
      size: 52.3 * MB,
      createdBy:
        '/bin/sh -c true && curl -fL https://www.cpan.org/src/5.0/perl-5.34.0.tar.xz -o perl-5.34.0.tar.xz && ./Configure && make install',
      files: bins(['/usr/local/bin', '/usr/bin'], ['perl', 'perl5.34.0', 'cpanm']),
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: '/', Cmd: ['perl5.34.0', '-de0'] },
  meta: ['WORKDIR /', 'CMD ["perl5.34.0" "-de0"]'],
});

// ---- the images of the kubernetes.io tutorials ---------------------------------------------------------
define({
  repo: 'registry.k8s.io/pause',
  tags: ['3.9'],
  archs: BOTH,
  created: '2022-10-26T00:00:00Z',
  base: (a) =>
    layer('pause-3.9', a, {
      size: 744 * kB,
      createdBy: 'ARG ARCH\nADD bin/pause-linux-${ARCH} /pause # buildkit',
      files: { '/pause': ELF },
    }),
  steps: [],
  config: { User: '65535:65535', Entrypoint: ['/pause'], Env: [] },
  meta: ['USER 65535:65535', 'ENTRYPOINT ["/pause"]'],
});
define({
  repo: 'registry.k8s.io/pause',
  tags: ['3.10'],
  archs: BOTH,
  created: '2024-05-21T00:00:00Z',
  base: (a) =>
    layer('pause-3.10', a, {
      size: 736 * kB,
      createdBy: 'ARG ARCH\nADD bin/pause-linux-${ARCH} /pause # buildkit',
      files: { '/pause': ELF },
    }),
  steps: [],
  config: { User: '65535:65535', Entrypoint: ['/pause'], Env: [] },
  meta: ['USER 65535:65535', 'ENTRYPOINT ["/pause"]'],
});
define({
  repo: 'registry.k8s.io/hpa-example',
  tags: ['latest'],
  archs: AMD64,
  created: '2016-03-08T16:31:58Z',
  base: (a) => debianRootfs(a, 'jessie', '8', 125 * MB, false),
  steps: [
    {
      key: 'php-apache-install',
      size: 355 * MB,
      createdBy: '/bin/sh -c apt-get update && apt-get install -y apache2 php5 libapache2-mod-php5',
      files: {
        '/usr/local/bin/apache2-foreground': '#!/bin/bash\nexec apache2 -DFOREGROUND\n',
        '/usr/sbin/apache2': ELF,
      },
      dirs: ['/var/www', '/var/www/html'],
    },
    {
      key: 'hpa-example-index',
      size: 102,
      createdBy: '/bin/sh -c #(nop) ADD file:index.php in /var/www/html/index.php',
      files: {
        '/var/www/html/index.php':
          '<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo "OK!";\n?>\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'PHP_VERSION=5.6.19'],
    WorkingDir: '/var/www/html',
    Cmd: ['apache2-foreground'],
    ExposedPorts: { '80/tcp': {} },
  },
  meta: ['WORKDIR /var/www/html', 'EXPOSE 80/tcp', 'CMD ["apache2-foreground"]'],
});
define({
  repo: 'docker.io/polinux/stress',
  tags: ['latest', '1.0.4'],
  archs: AMD64,
  created: '2017-04-18T09:50:16Z',
  base: (a) => alpineRootfs(a, '3.5.2', 3.99 * MB),
  steps: [
    {
      key: 'stress-install',
      size: 5.75 * MB,
      createdBy:
        '/bin/sh -c apk add --update bash g++ make curl && curl -o /tmp/stress-1.0.4.tgz https://fossies.org/linux/privat/stress-1.0.4.tar.gz && make install',
      files: { '/usr/local/bin/stress': ELF },
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`], Cmd: ['/bin/sh'] },
  meta: ['CMD ["/bin/sh"]'],
});
define({
  repo: 'quay.io/fluentd_elasticsearch/fluentd',
  tags: ['v2.5.2'],
  archs: AMD64,
  created: '2019-04-23T10:14:44Z',
  base: (a) => debianRootfs(a, 'stretch', '9', 55.3 * MB, true),
  steps: [
    {
      key: 'fluentd-2.5.2-install',
      size: 85.8 * MB,
      createdBy:
        '/bin/sh -c apt-get update && apt-get install -y ruby && gem install fluentd -v 1.4.2 fluent-plugin-elasticsearch',
      files: {
        '/usr/local/bin/fluentd': ELF,
        '/run.sh': '#!/bin/sh\nexec /usr/local/bin/fluentd $FLUENTD_ARGS\n',
      },
      dirs: ['/etc/fluent', '/etc/fluent/config.d'],
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'FLUENTD_ARGS=--no-supervisor -q'],
    Entrypoint: ['/run.sh'],
    ExposedPorts: { '80/tcp': {} },
  },
  meta: ['ENTRYPOINT ["/run.sh"]', 'EXPOSE 80'],
});
define({
  repo: 'docker.io/library/fluentd',
  tags: ['latest', 'v1.17', 'v1.17-1'],
  archs: BOTH,
  created: '2024-08-01T00:00:00Z',
  base: (a) => alpineRootfs(a, '3.20.3', 7.8 * MB),
  steps: [
    {
      key: 'fluentd-1.17-install',
      size: 63.4 * MB,
      createdBy: 'RUN /bin/sh -c apk add --no-cache ruby && gem install fluentd -v 1.17.1 # buildkit',
      files: {
        ...bins(['/usr/bin'], ['fluentd', 'ruby', 'tini']),
        '/bin/entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
      },
      dirs: ['/fluentd', '/fluentd/etc', '/fluentd/log'],
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`, 'FLUENTD_CONF=fluent.conf'],
    User: 'fluent',
    Entrypoint: ['tini', '--', '/bin/entrypoint.sh'],
    Cmd: ['fluentd'],
    ExposedPorts: { '24224/tcp': {}, '5140/tcp': {} },
  },
  meta: ['USER fluent', 'EXPOSE 24224 5140', 'CMD ["fluentd"]'],
});
// The StatefulSet tutorial's web server: nginx on a slim Ubuntu base, serving /usr/share/nginx/html on port 80.
define({
  repo: 'registry.k8s.io/nginx-slim',
  tags: ['0.8', '0.21', '0.27'],
  archs: AMD64,
  created: '2023-06-01T00:00:00Z',
  base: (a) => ubuntuRootfs(a, '22.04', 'jammy', 29.5 * MB),
  steps: [
    {
      key: 'nginx-slim-nginx',
      size: 9.8 * MB,
      createdBy: '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends nginx-light',
      files: { '/usr/sbin/nginx': ELF, '/usr/share/nginx/html/index.html': NGINX_INDEX },
      dirs: ['/etc/nginx', '/var/log/nginx'],
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`],
    Cmd: ['nginx', '-g', 'daemon off;'],
    ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
    StopSignal: 'SIGQUIT',
  },
  meta: ['EXPOSE 80 443', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx" "-g" "daemon off;"]'],
});
define({
  repo: 'k8s.gcr.io/echoserver',
  tags: ['1.4'],
  archs: AMD64,
  created: '2016-06-29T18:43:12Z',
  base: (a) => ubuntuRootfs(a, '14.04', 'trusty', 84.1 * MB),
  steps: [
    {
      key: 'echoserver-1.4-nginx',
      size: 56.3 * MB,
      createdBy: '/bin/sh -c apt-get update && apt-get install -y nginx-extras lua-cjson',
      files: { '/usr/sbin/nginx': ELF, '/usr/local/bin/run.sh': '#!/bin/sh\nexec nginx -g "daemon off;"\n' },
      dirs: ['/etc/nginx'],
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`],
    Cmd: ['/usr/sbin/nginx', '-g', 'daemon off;'],
    ExposedPorts: { '8080/tcp': {} },
  },
  meta: ['EXPOSE 8080', 'CMD ["/usr/sbin/nginx" "-g" "daemon off;"]'],
});
define({
  repo: 'registry.k8s.io/echoserver',
  tags: ['1.10'],
  archs: AMD64,
  created: '2018-03-02T20:07:08Z',
  base: (a) => ubuntuRootfs(a, '16.04', 'xenial', 43.9 * MB),
  steps: [
    {
      key: 'echoserver-1.10-nginx',
      size: 51.2 * MB,
      createdBy: '/bin/sh -c apt-get update && apt-get install -y nginx-extras',
      files: {
        '/usr/local/openresty/nginx/sbin/nginx': ELF,
        '/usr/local/bin/run.sh': '#!/bin/sh\nexec nginx -g "daemon off;"\n',
      },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`],
    Cmd: ['/usr/local/bin/run.sh'],
    ExposedPorts: { '8080/tcp': {}, '8443/tcp': {} },
  },
  meta: ['EXPOSE 8080 8443', 'CMD ["/usr/local/bin/run.sh"]'],
});
for (const [tag, created] of [
  ['1.0', '2019-03-06T00:00:00Z'],
  ['2.0', '2019-03-06T00:00:01Z'],
] as const) {
  define({
    repo: 'gcr.io/google-samples/hello-app',
    tags: [tag],
    archs: BOTH,
    created,
    base: (a) => alpineRootfs(a, '3.9.2', 5.53 * MB),
    steps: [
      {
        key: `hello-app-${tag}`,
        size: 4.13 * MB,
        createdBy: 'COPY /go/bin/hello-app /hello-app # buildkit',
        files: { '/hello-app': ELF },
      },
    ],
    config: { Env: [`PATH=${DEFAULT_PATH}`, 'PORT=8080'], Entrypoint: ['/hello-app'] },
    meta: ['ENV PORT=8080', 'ENTRYPOINT ["/hello-app"]'],
  });
}
define({
  repo: 'docker.io/hashicorp/http-echo',
  tags: ['latest', '1.0', '1.0.0'],
  archs: BOTH,
  created: '2023-09-18T00:00:00Z',
  base: (a) =>
    layer('http-echo-1.0.0', a, {
      size: 4.23 * MB,
      createdBy: 'COPY http-echo /http-echo # buildkit',
      files: { '/http-echo': ELF },
    }),
  steps: [],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`],
    User: 'default',
    Entrypoint: ['/http-echo'],
    ExposedPorts: { '5678/tcp': {} },
  },
  meta: ['EXPOSE 5678/tcp', 'ENTRYPOINT ["/http-echo"]'],
});
define({
  repo: 'registry.k8s.io/coredns/coredns',
  tags: ['v1.11.1'],
  archs: BOTH,
  created: '2023-08-15T17:41:12Z',
  base: (a) => staticRootfs(a, 2.35 * MB),
  steps: [
    {
      key: 'coredns-1.11.1',
      size: 57.4 * MB,
      createdBy: 'COPY /coredns /coredns # buildkit',
      files: { '/coredns': ELF },
    },
  ],
  config: {
    Env: [`PATH=${DEFAULT_PATH}`],
    User: '0',
    Entrypoint: ['/coredns'],
    ExposedPorts: { '53/tcp': {}, '53/udp': {} },
  },
  meta: ['EXPOSE map[53/tcp:{} 53/udp:{}]', 'ENTRYPOINT ["/coredns"]'],
});
define({
  repo: 'registry.k8s.io/metrics-server/metrics-server',
  tags: ['v0.7.1'],
  archs: BOTH,
  created: '2024-03-26T00:00:00Z',
  base: (a) => staticRootfs(a, 2.35 * MB),
  steps: [
    {
      key: 'metrics-server-0.7.1',
      size: 64.6 * MB,
      createdBy: 'COPY /go/src/sigs.k8s.io/metrics-server/metrics-server / # buildkit',
      files: { '/metrics-server': ELF },
    },
  ],
  config: { Env: [`PATH=${DEFAULT_PATH}`], User: '65534', Entrypoint: ['/metrics-server'] },
  meta: ['USER 65534', 'ENTRYPOINT ["/metrics-server"]'],
});

/** The catalog entry for a normalised `repo:tag`. */
export function catalogEntry(repo: string, tag: string): CatalogEntry | undefined {
  return entries.get(`${repo}:${tag}`);
}

/** Whether the registry holds this repository at all (any tag). */
export function catalogHasRepo(repo: string): boolean {
  return repos.has(repo);
}

/** Every repository:tag in the catalog, sorted. */
export function catalogList(): CatalogEntry[] {
  return [...entries.values()].sort((a, b) => (a.repo + ':' + a.tag).localeCompare(b.repo + ':' + b.tag));
}

/** Every static image record by ID (for resolving image IDs back to records). */
export function catalogImageById(id: string): ImageRecord | undefined {
  if (!byId.size)
    for (const e of entries.values()) for (const v of Object.values(e.variants)) if (v) byId.set(v.id, v);
  return byId.get(id);
}

const byId = new Map<string, ImageRecord>();
