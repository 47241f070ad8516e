/**
 * kubectl expose: builds a Service for a pod, deployment, replica set or service. The object generation is
 * one replaceable function ({@link setExposeGenerator}) so the networking part can refine it.
 */
import type { KObject } from '../../sim/api/types';
import { fail } from './errors';
import { submitGenerated } from './create';
import { podSpecOf } from './targets';
import { parseResourceArgs } from './resources';
import { DRY_RUN_FLAG, flag, OUTPUT_FLAG, str, type KubectlContext, type Parsed, type VerbDef } from './verb';

export interface ExposeOptions {
  name?: string;
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  selector?: string;
  nodePort?: string;
  labels?: string;
  clusterIP?: string;
}

export type ExposeGenerator = (k: KubectlContext, target: KObject, o: ExposeOptions) => KObject;

function parseMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) fail(`invalid selector ${text}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** kubectl's Service generator (service/v2). */
export const defaultExposeGenerator: ExposeGenerator = (_k, target, o) => {
  let selector: Record<string, string> | undefined;
  if (o.selector) selector = parseMap(o.selector);
  else if (target.kind === 'Pod') selector = target.metadata.labels;
  else if (target.kind === 'Service') selector = target.spec?.selector;
  else {
    const s = target.spec?.selector as
      { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
    if (s?.matchExpressions?.length)
      fail(
        `couldn't convert expressions - "${JSON.stringify(s.matchExpressions)}" to map-based selector format`,
      );
    selector = s?.matchLabels;
  }
  if (!selector || !Object.keys(selector).length)
    fail(
      `couldn't retrieve selectors via --selector flag or introspection: the ${target.kind} has no selector`,
    );
  let ports: {
    name?: string;
    port: number;
    protocol: string;
    targetPort: number | string;
    nodePort?: number;
  }[];
  const protocol = o.protocol ?? 'TCP';
  const tp = (v: string | undefined, dflt: number) =>
    v === undefined ? dflt : /^\d+$/.test(v) ? Number(v) : v;
  if (o.port) {
    ports = [{ port: Number(o.port), protocol, targetPort: tp(o.targetPort, Number(o.port)) }];
  } else {
    const spec = target.kind === 'Service' ? undefined : podSpecOf(target);
    const cps =
      target.kind === 'Service'
        ? ((target.spec?.ports ?? []) as { port: number; protocol?: string; name?: string }[]).map((x) => ({
            containerPort: x.port,
            protocol: x.protocol,
            name: x.name,
          }))
        : (spec?.containers ?? []).flatMap((c) => c.ports ?? []);
    if (!cps.length) fail("couldn't find port via --port flag or introspection");
    ports = cps.map((cp, i) => ({
      ...(cps.length > 1 ? { name: cp.name ?? `port-${i + 1}` } : {}),
      port: cp.containerPort,
      protocol: cp.protocol ?? protocol,
      targetPort: tp(o.targetPort, cp.containerPort),
    }));
  }
  if (o.nodePort && ports[0]) ports[0].nodePort = Number(o.nodePort);
  const labels = o.labels ? parseMap(o.labels) : target.metadata.labels;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: o.name ?? target.metadata.name,
      creationTimestamp: null as unknown as string,
      ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
    },
    spec: {
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ports,
      selector: { ...selector },
      ...(o.type ? { type: o.type } : {}),
    },
    status: { loadBalancer: {} },
  };
};

let generator: ExposeGenerator = defaultExposeGenerator;

/** Replaces how `kubectl expose` builds its Service. */
export function setExposeGenerator(g: ExposeGenerator): void {
  generator = g;
}

function options(p: Parsed): ExposeOptions {
  const o: ExposeOptions = {};
  const pairs: [keyof ExposeOptions, string][] = [
    ['name', 'name'],
    ['port', 'port'],
    ['targetPort', 'target-port'],
    ['protocol', 'protocol'],
    ['type', 'type'],
    ['selector', 'selector'],
    ['labels', 'labels'],
    ['clusterIP', 'cluster-ip'],
  ];
  for (const [key, f] of pairs) {
    const v = str(p, f);
    if (v !== undefined) o[key] = v;
  }
  return o;
}

export const expose: VerbDef = {
  name: 'expose',
  summary: {
    en: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    zh: '将 Pod、Deployment 等暴露为新的 Kubernetes Service',
  },
  usage:
    'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  long: 'Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component.',
  examples: `  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend`,
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    flag(
      'port',
      'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    ),
    flag(
      'target-port',
      'Name or number for the port on the container that the service should direct traffic to. Optional.',
    ),
    flag('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
    flag(
      'type',
      "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
      { complete: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
    ),
    flag('name', 'The name for the newly created object.'),
    flag(
      'selector',
      'A label selector to use for this service. Only equality-based selector requirements are supported.',
    ),
    flag('labels', 'Labels to apply to the service created by this call.', { short: 'l' }),
    flag(
      'cluster-ip',
      "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
    ),
    flag('filename', 'Filename, directory, or URL to files identifying the resource to expose a service', {
      short: 'f',
    }),
  ],
  run(k, p) {
    if (!p.args.length) fail('You must provide one or more resources by argument or filename.');
    const { requests } = parseResourceArgs(k.cluster, p.args);
    const r = requests[0]!;
    const name = r.names[0];
    if (!name) fail('resource(s) were provided, but no name was specified');
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(r.def.kind))
      fail(`cannot expose a ${r.def.kind}`);
    const target = k.cluster.api.get(r.def.kind, k.namespace, name);
    if (!target) fail(`${r.def.group ? `${r.def.plural}.${r.def.group}` : r.def.plural} "${name}" not found`);
    const svc = generator(k, target, options(p));
    if (k.namespaceSet) svc.metadata.namespace = k.namespace;
    return submitGenerated(k, p, svc, 'exposed');
  },
};
