/** Catalogue data: the operating system images (alpine, busybox, ubuntu, debian). */
import { MB, alpineRootfs, busyboxRootfs, debianRootfs, ubuntuRootfs } from './catalogLayers';
import { AMD64, BOTH, define } from './catalogDefine';

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
