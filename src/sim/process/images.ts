/**
 * Known images: what their programs do (ports, start-up logs, memory, CPU per request, how they answer HTTP).
 * Matched by repository name, any tag, registry prefix stripped. ENTRYPOINT/CMD belong to the runtime's image
 * catalog; {@link knownImage} offers the real values as a reference for it, and the programs below interpret
 * whatever argv the runtime resolves.
 */
import type { CmdFn } from './applet';
import type { Proc } from './types';
import { imageRepoTag } from '../util/imageRef';
import { MiB, usage } from './programKit';
import { apache2, httpd, nginx, nginxEntrypoint } from './webServers';
import { mysqlEntrypoint, mysqld, postgres, postgresEntrypoint, redisServer } from './dataStores';
import {
  appScript,
  coredns,
  echoserver,
  fluentd,
  fluentdEntrypoint,
  helloApp,
  httpEcho,
  kubeProxy,
  metricsServer,
  passEntrypoint,
  pause,
  perl,
  stress,
  tini,
} from './toolPrograms';
import { SERVICE_PROGRAMS } from './servicePrograms';

export { NGINX_INDEX_HTML, HTTPD_INDEX_HTML } from './webServers';
export { answerHttp, gracefulStop, type HttpAnswer } from './serverAnswers';

/** Real ENTRYPOINT / CMD / ports of the images the simulator models (a reference for the runtime's catalog). */
export interface KnownImage {
  family: string;
  entrypoint: string[];
  cmd: string[];
  ports: number[];
  /** Whether the image has a shell (`distroless` / `scratch` images do not). */
  shell: boolean;
}

const KNOWN: Record<string, Omit<KnownImage, 'family'>> = {
  nginx: {
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
    shell: true,
  },
  httpd: { entrypoint: [], cmd: ['httpd-foreground'], ports: [80], shell: true },
  redis: { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], ports: [6379], shell: true },
  busybox: { entrypoint: [], cmd: ['sh'], ports: [], shell: true },
  alpine: { entrypoint: [], cmd: ['/bin/sh'], ports: [], shell: true },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'], ports: [], shell: true },
  debian: { entrypoint: [], cmd: ['bash'], ports: [], shell: true },
  pause: { entrypoint: ['/pause'], cmd: [], ports: [], shell: false },
  'hpa-example': {
    entrypoint: ['docker-php-entrypoint'],
    cmd: ['apache2-foreground'],
    ports: [80],
    shell: true,
  },
  stress: { entrypoint: [], cmd: ['stress', '--help'], ports: [], shell: true },
  perl: { entrypoint: [], cmd: ['perl', '-de0'], ports: [], shell: true },
  node: { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], ports: [], shell: true },
  python: { entrypoint: [], cmd: ['python3'], ports: [], shell: true },
  postgres: { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], ports: [5432], shell: true },
  mysql: { entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], ports: [3306], shell: true },
  fluentd: {
    entrypoint: ['tini', '--', '/bin/entrypoint.sh'],
    cmd: ['fluentd'],
    ports: [24224],
    shell: true,
  },
  'fluentd-kubernetes-daemonset': {
    entrypoint: ['tini', '--', '/fluentd/entrypoint.sh'],
    cmd: [],
    ports: [24224],
    shell: true,
  },
  echoserver: { entrypoint: [], cmd: ['/usr/local/bin/run.sh'], ports: [8080], shell: true },
  'http-echo': { entrypoint: ['/http-echo'], cmd: [], ports: [5678], shell: false },
  'hello-app': { entrypoint: [], cmd: ['./hello-app'], ports: [8080], shell: false },
  coredns: { entrypoint: ['/coredns'], cmd: [], ports: [53, 8080, 8181, 9153], shell: false },
  'metrics-server': { entrypoint: ['/metrics-server'], cmd: [], ports: [10250], shell: false },
  'kube-proxy': { entrypoint: [], cmd: ['/usr/local/bin/kube-proxy'], ports: [10256], shell: false },
};

export function knownImage(image: string): KnownImage | undefined {
  const { family } = imageRepoTag(image);
  const k = KNOWN[family];
  return k ? { family, ...k } : undefined;
}

/** Busybox applets an image does not ship (busybox has no curl; Debian's base image no wget/curl). */
const LACKS: Record<string, string[]> = {
  busybox: ['curl', 'bash'],
  alpine: ['curl', 'bash'],
  debian: ['wget', 'curl', 'nslookup', 'nc', 'ps', 'ping'],
  ubuntu: ['wget', 'curl', 'nslookup', 'nc', 'ping'],
};

export function imageHasShell(proc: Proc): boolean {
  return KNOWN[proc.repo]?.shell ?? true;
}

export function imageLacks(proc: Proc, base: string): boolean {
  if (!imageHasShell(proc)) return true;
  return LACKS[proc.repo]?.includes(base) ?? false;
}

/** Image family → program name (basename or full path) → behaviour. */
const PROGRAMS: Record<string, Record<string, CmdFn>> = {
  nginx: {
    '/docker-entrypoint.sh': nginxEntrypoint,
    'docker-entrypoint.sh': nginxEntrypoint,
    nginx,
    'nginx-debug': nginx,
  },
  httpd: { 'httpd-foreground': httpd, httpd },
  redis: { 'docker-entrypoint.sh': passEntrypoint, 'redis-server': redisServer },
  pause: { pause, '/pause': pause },
  'hpa-example': { 'docker-php-entrypoint': passEntrypoint, 'apache2-foreground': apache2, apache2 },
  stress: { stress },
  perl: { perl },
  node: { 'docker-entrypoint.sh': passEntrypoint, node: appScript('node') },
  python: { python: appScript('python'), python3: appScript('python'), 'python3.12': appScript('python') },
  postgres: { 'docker-entrypoint.sh': postgresEntrypoint, postgres },
  mysql: { 'docker-entrypoint.sh': mysqlEntrypoint, mysqld },
  fluentd: {
    tini,
    '/bin/entrypoint.sh': fluentdEntrypoint,
    'entrypoint.sh': fluentdEntrypoint,
    '/run.sh': fluentdEntrypoint,
    fluentd,
  },
  'fluentd-kubernetes-daemonset': {
    tini,
    '/fluentd/entrypoint.sh': fluentdEntrypoint,
    'entrypoint.sh': fluentdEntrypoint,
    fluentd,
  },
  echoserver: { '/usr/local/bin/run.sh': echoserver, 'run.sh': echoserver, nginx: echoserver },
  // The StatefulSet tutorial's registry.k8s.io/nginx-slim runs plain nginx.
  'nginx-slim': { nginx, '/usr/sbin/nginx': nginx },
  'http-echo': { '/http-echo': httpEcho, 'http-echo': httpEcho },
  'hello-app': { './hello-app': helloApp, 'hello-app': helloApp, '/hello-app': helloApp },
  coredns: { '/coredns': coredns, coredns },
  'metrics-server': { '/metrics-server': metricsServer, 'metrics-server': metricsServer },
  'kube-proxy': { '/usr/local/bin/kube-proxy': kubeProxy, 'kube-proxy': kubeProxy },
};

export function imageCommand(proc: Proc, name: string, base: string): CmdFn | undefined {
  const table = PROGRAMS[proc.repo] ?? SERVICE_PROGRAMS[proc.repo];
  const hit = table?.[name] ?? table?.[base];
  if (hit) return hit;
  // the perl image's binary is versioned (`perl5.34.0`)
  if (proc.repo === 'perl' && /^perl[\d.]*$/.test(base)) return perl;
  return undefined;
}

const foreverProgram: CmdFn = (c) => {
  usage(c, 8 * MiB);
  return { status: 0, forever: true };
};

/**
 * Programs in an image the simulator does not model (a learner's own build): `python app.py` / `node
 * server.js` serve on the port their source names; a path to an unknown binary runs until stopped.
 */
export function genericProgram(base: string, name: string): CmdFn | undefined {
  if (/^(python3?(\.\d+)?|node)$/.test(base)) return appScript(base.startsWith('node') ? 'node' : 'python');
  if (name.includes('/')) return foreverProgram;
  return undefined;
}

/** Whether the image is one the simulator models (otherwise unknown programs run as generic programs). */
export function isModelledImage(proc: Proc): boolean {
  return proc.repo in KNOWN;
}
