/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME`: kubectl's service generators
 * (ports named `<port>-<targetPort>`, selector and label `app=<name>`).
 */
import type { KObject } from '../../sim/api/types';
import { fail } from './errors';
import { addCreateGenerator, requireOneName, submitGenerated } from './create';
import { boolFlag, DRY_RUN_FLAG, flag, has, OUTPUT_FLAG, str, type Parsed, type VerbDef } from './verb';

type Kind = 'clusterip' | 'nodeport' | 'loadbalancer' | 'externalname';
const TYPE: Record<Kind, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

/** `--tcp=5678:8080` → ports. */
export function parseTcp(
  specs: string[],
): { name: string; port: number; targetPort: number; protocol: 'TCP' }[] {
  return specs
    .flatMap((s) => s.split(','))
    .filter(Boolean)
    .map((s) => {
      const [a, b] = s.split(':');
      const port = Number(a);
      const target = b === undefined || b === '' ? port : Number(b);
      if (!/^\d+$/.test(a ?? '') || (b !== undefined && b !== '' && !/^\d+$/.test(b)))
        fail(`invalid port spec ${JSON.stringify(s)}`);
      // kubectl names the port after the spec itself, ':' turned into '-' (`80` → "80", `80:8080` → "80-8080").
      return { name: s.replace(/:/g, '-'), port, targetPort: target, protocol: 'TCP' as const };
    });
}

export function buildService(kind: Kind, name: string, p: Parsed): KObject {
  const ports = parseTcp(p.all.get('tcp') ?? []);
  const clusterIP = str(p, 'clusterip');
  if (kind === 'externalname') {
    const ext = str(p, 'external-name');
    if (!ext) fail('required flag(s) "external-name" not set');
  } else if (!ports.length && clusterIP !== 'None') {
    fail('at least one tcp port specifier must be provided');
  }
  const nodePort = str(p, 'node-port');
  if (nodePort !== undefined && !/^\d+$/.test(nodePort))
    fail(
      `invalid argument "${nodePort}" for "--node-port" flag: strconv.ParseInt: parsing "${nodePort}": invalid syntax`,
    );
  const spec: Record<string, unknown> = {
    ...(ports.length
      ? {
          ports: ports.map((x) =>
            nodePort && Number(nodePort) > 0 ? { ...x, nodePort: Number(nodePort) } : x,
          ),
        }
      : {}),
    selector: { app: name },
    type: TYPE[kind],
    ...(clusterIP !== undefined && kind === 'clusterip' ? { clusterIP } : {}),
    ...(kind === 'externalname' ? { externalName: str(p, 'external-name') } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { app: name }, creationTimestamp: null as unknown as string },
    spec,
    status: { loadBalancer: {} },
  };
}

const COMMON = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  boolFlag('save-config', 'If true, the configuration of current object will be saved in its annotation.'),
];

function sub(
  kind: Kind,
  summary: { en: string; zh: string },
  extra: VerbDef['flags'],
  example: string,
): VerbDef {
  return {
    name: kind,
    summary,
    usage: `kubectl create service ${kind} NAME ${kind === 'externalname' ? '--external-name external.name' : '[--tcp=<port>:<targetPort>]'} [--dry-run=server|client|none] [options]`,
    long: `${summary.en}.`,
    examples: example,
    flags: [...COMMON, ...extra],
    run(k, p) {
      const obj = buildService(kind, requireOneName(p, `service ${kind}`), p);
      if (k.namespaceSet) obj.metadata.namespace = k.namespace;
      // kubectl create service wraps the API error: `error: failed to create NodePort service: Service "x" is invalid: …`
      return submitGenerated(k, p, obj, 'created', `failed to create ${TYPE[kind]} service: `);
    },
  };
}

const tcp = flag('tcp', "Port pairs can be specified as '<port>:<targetPort>'.");

export const createService: VerbDef = {
  name: 'service',
  aliases: ['svc'],
  summary: { en: 'Create a service using a specified subcommand', zh: '使用指定的子命令创建 Service' },
  usage: 'kubectl create service [flags] [options]',
  long: 'Create a service using a specified subcommand.',
  flags: [],
  subcommands: [
    sub(
      'clusterip',
      { en: 'Create a ClusterIP service', zh: '创建 ClusterIP 类型的 Service' },
      [
        tcp,
        flag(
          'clusterip',
          "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
        ),
      ],
      '  # Create a new ClusterIP service named my-cs\n  kubectl create service clusterip my-cs --tcp=5678:8080\n\n  # Create a new ClusterIP service named my-cs (in headless mode)\n  kubectl create service clusterip my-cs --clusterip="None"',
    ),
    sub(
      'externalname',
      { en: 'Create an ExternalName service', zh: '创建 ExternalName 类型的 Service' },
      [tcp, flag('external-name', 'External name of service')],
      '  # Create a new ExternalName service named my-ns\n  kubectl create service externalname my-ns --external-name bar.com',
    ),
    sub(
      'loadbalancer',
      { en: 'Create a LoadBalancer service', zh: '创建 LoadBalancer 类型的 Service' },
      [tcp],
      '  # Create a new LoadBalancer service named my-lbs\n  kubectl create service loadbalancer my-lbs --tcp=5678:8080',
    ),
    sub(
      'nodeport',
      { en: 'Create a NodePort service', zh: '创建 NodePort 类型的 Service' },
      [tcp, flag('node-port', 'Port used to expose the service on each node in a cluster.')],
      '  # Create a new NodePort service named my-ns\n  kubectl create service nodeport my-ns --tcp=5678:8080',
    ),
  ],
};

addCreateGenerator(createService);

/** Whether the flag set asks for a saved config (re-exported for tests). */
export const savesConfig = (p: Parsed): boolean => has(p, 'save-config');
