/**
 * Catalogue data: `registry`, the CNCF Distribution registry's official image (`docker run -d -p 5000:5000
 * registry:2`), with its published 2.x tags as of the catalogue's snapshot (December 2024, before 3.0: `latest`
 * and `2` are 2.8.3). Each release is the Alpine base plus the `registry` binary, its default config.yml and the
 * entrypoint script that turns `registry:2 /etc/docker/registry/config.yml` into `registry serve …`.
 */
import { alpineRootfs, bins, MB } from './catalogLayers';
import { BOTH, define } from './catalogDefine';

/** version, its tags, build date, Alpine base. */
const RELEASES: [string, string, string, string][] = [
  ['2.8.3', 'latest 2 2.8 2.8.3', '2023-10-02T18:36:31Z', '3.18.4'],
  ['2.8.2', '2.8.2', '2023-05-11T20:31:47Z', '3.17.3'],
  ['2.8.1', '2.8.1', '2022-04-26T22:12:03Z', '3.15.4'],
  ['2.7.1', '2.7 2.7.1', '2020-10-16T00:54:15Z', '3.11.6'],
  ['2.7.0', '2.7.0', '2018-10-11T22:20:43Z', '3.8.1'],
  ['2.6.2', '2.6 2.6.2', '2017-07-20T19:16:42Z', '3.4.6'],
];

const CONFIG_YML =
  'version: 0.1\nlog:\n  fields:\n    service: registry\nstorage:\n  cache:\n    blobdescriptor: inmemory\n' +
  '  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  headers:\n' +
  '    X-Content-Type-Options: [nosniff]\nhealth:\n  storagedriver:\n    enabled: true\n    interval: 10s\n    threshold: 3\n';

const ENTRYPOINT_SH =
  '#!/bin/sh\n\nset -e\n\ncase "$1" in\n    *.yaml|*.yml) set -- registry serve "$@" ;;\n' +
  '    serve|garbage-collect|help|-*) set -- registry "$@" ;;\nesac\n\nexec "$@"\n';

for (const [version, tags, created, alpine] of RELEASES) {
  define({
    repo: 'docker.io/library/registry',
    tags: tags.split(' '),
    version,
    archs: BOTH,
    created,
    base: (a) => alpineRootfs(a, alpine, 7.4 * MB),
    steps: [
      {
        key: `registry-${version}-ca`,
        size: 0.7 * MB,
        createdBy: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit',
        dirs: ['/etc/ssl/certs'],
      },
      {
        key: `registry-${version}-bin`,
        size: 17 * MB,
        createdBy: 'COPY ./registry/registry /bin/registry # buildkit',
        files: bins(['/bin'], ['registry']),
      },
      {
        key: `registry-${version}-config`,
        size: 295,
        createdBy: 'COPY ./registry/config-example.yml /etc/docker/registry/config.yml # buildkit',
        files: { '/etc/docker/registry/config.yml': CONFIG_YML },
        dirs: ['/etc/docker/registry'],
      },
      {
        key: `registry-${version}-entrypoint`,
        size: 155,
        createdBy: 'COPY ./registry/docker-entrypoint.sh /entrypoint.sh # buildkit',
        files: { '/entrypoint.sh': ENTRYPOINT_SH },
        dirs: ['/var/lib/registry'],
      },
    ],
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Entrypoint: ['/entrypoint.sh'],
      Cmd: ['/etc/docker/registry/config.yml'],
      ExposedPorts: { '5000/tcp': {} },
      Volumes: { '/var/lib/registry': {} },
    },
    meta: [
      'VOLUME [/var/lib/registry]',
      'EXPOSE map[5000/tcp:{}]',
      'ENTRYPOINT ["/entrypoint.sh"]',
      'CMD ["/etc/docker/registry/config.yml"]',
    ],
  });
}
