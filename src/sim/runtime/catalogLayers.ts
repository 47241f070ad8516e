/**
 * The registry's static layers: a content-addressed store (digests derived from a layer's key and architecture) and
 * the base root filesystems (Debian, Ubuntu, Alpine, BusyBox, distroless) that images share.
 */
import { digestOf } from './digest';
import type { Arch, LayerData } from './types';

export const MB = 1_000_000;
export const kB = 1_000;
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const ELF = '\u007fELF (binary)';

export const layers = new Map<string, LayerData>();

export interface LayerDef {
  size: number;
  createdBy: string;
  files?: Record<string, string>;
  dirs?: string[];
}

/** Registers a static layer; the digest depends on its key and architecture only. */
export function layer(key: string, arch: Arch, def: LayerDef): string {
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

export const BUSYBOX_APPLETS = (
  'sh ash cat cp echo env false grep head hostname id kill ls mkdir mv nc nslookup ping printenv ps pwd rm ' +
  'sed sleep sort tail tee test top touch tr true uname wc wget whoami date df du vi cut find awk chmod chown ' +
  'ln more which yes seq expr basename dirname mount free uptime dd gzip tar xargs httpd [ sha256sum md5sum ' +
  'timeout watch less diff nohup rmdir stat sync unzip gunzip netstat ip ifconfig route traceroute telnet'
).split(' ');
export const COREUTILS = (
  'bash sh dash cat cp ls mkdir mv rm echo sleep env grep sed head tail sort tr wc touch date hostname id ' +
  'uname true false test pwd printenv kill chmod chown ln find xargs cut awk tee du df stat basename dirname ' +
  'which yes seq expr nohup timeout rmdir tar gzip sync mount whoami dpkg apt apt-get'
).split(' ');

export const ROOT_DIRS = [
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

export function bins(dirs: string[], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of dirs) for (const n of names) out[`${d}/${n}`] = ELF;
  return out;
}

export const PASSWD_BASE =
  'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';

export function debianRootfs(
  arch: Arch,
  codename: string,
  version: string,
  size: number,
  slim: boolean,
): string {
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

export function ubuntuRootfs(arch: Arch, version: string, codename: string, size: number): string {
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

export function alpineRootfs(arch: Arch, version: string, size: number): string {
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

export function busyboxRootfs(arch: Arch, version: string, size: number): string {
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
export function staticRootfs(arch: Arch, size: number): string {
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

/** Debian releases by codename (what `/etc/os-release` names). */
export const DEBIAN_VERSIONS: Record<string, string> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
};

/** Ubuntu releases by version. */
export const UBUNTU_CODENAMES: Record<string, string> = {
  '14.04': 'trusty',
  '16.04': 'xenial',
  '18.04': 'bionic',
  '20.04': 'focal',
  '22.04': 'jammy',
  '24.04': 'noble',
  '24.10': 'oracular',
};

/**
 * The base root filesystem a table row names, sizes in MB: `debian bookworm-slim 74.8`, `debian bullseye 124`,
 * `ubuntu 24.04 78.1`, `alpine 3.20.3 7.8`, `busybox 1.37.0 4.27`, `static 2.35` (distroless).
 */
export function rootfs(spec: string, arch: Arch): string {
  const [os, release, mb] = spec.split(' ') as [string, string, string?];
  switch (os) {
    case 'debian': {
      const codename = release.replace(/-slim$/, '');
      return debianRootfs(arch, codename, DEBIAN_VERSIONS[codename]!, Number(mb) * MB, codename !== release);
    }
    case 'ubuntu':
      return ubuntuRootfs(arch, release, UBUNTU_CODENAMES[release]!, Number(mb) * MB);
    case 'alpine':
      return alpineRootfs(arch, release, Number(mb) * MB);
    case 'busybox':
      return busyboxRootfs(arch, release, Number(mb) * MB);
    case 'static':
      return staticRootfs(arch, Number(release) * MB);
  }
  throw new Error(`catalogue: unknown base ${spec}`);
}
