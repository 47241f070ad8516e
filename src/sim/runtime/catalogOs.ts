/** Catalogue data: the operating system images (alpine, busybox, ubuntu, debian), a base layer and a CMD each. */
import { AMD64, defineRepository, type ImageBody, type ImageRow } from './catalogDefine';

interface OsRow extends ImageRow {
  labels?: Record<string, string>;
}

/** An OS image's builder: no layers over the base, the shell as CMD. */
function shell(cmd: string): (row: OsRow) => ImageBody {
  return (row) => ({
    config: { Cmd: [cmd], ...(row.labels ? { Labels: row.labels } : {}) },
    meta: [`CMD ["${cmd}"]`],
  });
}

defineRepository<OsRow>({
  repo: 'docker.io/library/alpine',
  image: shell('/bin/sh'),
  rows: [
    { tags: 'latest 3.20 3.20.3 3', created: '2024-09-06T22:20:07Z', base: 'alpine 3.20.3 7.8' },
    { tags: '3.19', created: '2024-09-06T22:20:07Z', base: 'alpine 3.19.4 7.38' },
  ],
});

defineRepository<OsRow>({
  repo: 'docker.io/library/busybox',
  image: shell('sh'),
  rows: [
    { tags: 'latest 1.37 1.37.0 stable', created: '2024-09-26T21:31:42Z', base: 'busybox 1.37.0 4.27' },
    { tags: '1.36 1.36.1', created: '2023-05-18T22:34:17Z', base: 'busybox 1.36.1 4.26' },
    { tags: '1.28 1.28.4', created: '2018-05-22T17:21:32Z', base: 'busybox 1.28.4 1.15' },
  ],
});

defineRepository<OsRow>({
  repo: 'registry.k8s.io/busybox',
  image: shell('sh'),
  rows: [{ tags: 'latest 1.24', created: '2015-12-08T18:31:50Z', base: 'busybox 1.24.0 1.11', archs: AMD64 }],
});

defineRepository<OsRow>({
  repo: 'docker.io/library/ubuntu',
  image: shell('/bin/bash'),
  rows: [
    {
      tags: 'latest 24.04 noble',
      created: '2024-10-11T03:35:58Z',
      base: 'ubuntu 24.04 78.1',
      labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
    },
    { tags: '22.04 jammy', created: '2024-09-13T05:42:59Z', base: 'ubuntu 22.04 77.9' },
  ],
});

defineRepository<OsRow>({
  repo: 'docker.io/library/debian',
  image: shell('bash'),
  rows: [
    { tags: 'latest bookworm 12', created: '2024-11-11T00:00:00Z', base: 'debian bookworm 117' },
    { tags: 'bookworm-slim 12-slim', created: '2024-11-11T00:00:00Z', base: 'debian bookworm-slim 74.8' },
  ],
});
