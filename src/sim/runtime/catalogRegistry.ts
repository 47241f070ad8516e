/**
 * Catalogue data: `registry`, the CNCF Distribution registry's official image (`docker run -d -p 5000:5000
 * registry:2`), with its published 2.x tags as of the catalogue's snapshot (December 2024, before 3.0: `latest`
 * and `2` are 2.8.3). Each release is the Alpine base plus the `registry` binary, its default config.yml and the
 * entrypoint script that turns `registry:2 /etc/docker/registry/config.yml` into `registry serve …`.
 */
import { bins, MB } from './catalogLayers';
import { defineRepository, type ImageRow, type StepDef } from './catalogDefine';

/** One release: its tags, build date and Alpine base (sized as the derived Alpine layers are, which it shares). */
interface RegistryRow extends ImageRow {
  version: string;
}

const ROWS: RegistryRow[] = [
  {
    version: '2.8.3',
    tags: 'latest 2 2.8 2.8.3',
    created: '2023-10-02T18:36:31Z',
    base: 'alpine 3.18.4 7.6',
  },
  { version: '2.8.2', tags: '2.8.2', created: '2023-05-11T20:31:47Z', base: 'alpine 3.17.3 7.6' },
  { version: '2.8.1', tags: '2.8.1', created: '2022-04-26T22:12:03Z', base: 'alpine 3.15.4 7.6' },
  { version: '2.7.1', tags: '2.7 2.7.1', created: '2020-10-16T00:54:15Z', base: 'alpine 3.11.6 7.6' },
  { version: '2.7.0', tags: '2.7.0', created: '2018-10-11T22:20:43Z', base: 'alpine 3.8.1 7.6' },
  { version: '2.6.2', tags: '2.6 2.6.2', created: '2017-07-20T19:16:42Z', base: 'alpine 3.4.6 7.6' },
];

const CONFIG_YML =
  'version: 0.1\nlog:\n  fields:\n    service: registry\nstorage:\n  cache:\n    blobdescriptor: inmemory\n' +
  '  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  headers:\n' +
  '    X-Content-Type-Options: [nosniff]\nhealth:\n  storagedriver:\n    enabled: true\n    interval: 10s\n    threshold: 3\n';

const ENTRYPOINT_SH =
  '#!/bin/sh\n\nset -e\n\ncase "$1" in\n    *.yaml|*.yml) set -- registry serve "$@" ;;\n' +
  '    serve|garbage-collect|help|-*) set -- registry "$@" ;;\nesac\n\nexec "$@"\n';

function steps(version: string): StepDef[] {
  return [
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
  ];
}

defineRepository({
  repo: 'docker.io/library/registry',
  rows: ROWS,
  image: (r) => ({
    steps: steps(r.version),
    config: {
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
  }),
});
