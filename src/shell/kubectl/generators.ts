/**
 * Objects the imperative verbs generate (`create deployment`, `run`, `create namespace`), shaped exactly as
 * kubectl 1.31 builds them, so `--dry-run=client -o yaml` prints what learners copy into files.
 */
import type { KObject } from '../../sim/api/types';
import { fail } from './errors';

/** A container name from an image: `registry.k8s.io/nginx:1.27` → `nginx`. */
export function containerNameFromImage(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0]!.split(':')[0]!.toLowerCase();
}

export interface DeploymentOptions {
  name: string;
  images: string[];
  replicas: number;
  port?: number;
  command?: string[];
  namespace?: string;
}

export function buildDeployment(o: DeploymentOptions): KObject {
  const labels = { app: o.name };
  const containers = o.images.map((image, i) => {
    const c: Record<string, unknown> = { name: containerNameFromImage(image), image, resources: {} };
    if (i === 0 && o.command?.length) c.command = o.command;
    if (o.port !== undefined) c.ports = [{ containerPort: o.port }];
    return c;
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      creationTimestamp: null as unknown as string,
      labels: { ...labels },
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: { ...labels } },
        spec: { containers },
      },
    },
    status: {},
  };
}

export interface PodOptions {
  name: string;
  image: string;
  labels?: Record<string, string>;
  port?: number;
  env?: { name: string; value: string }[];
  restart?: string;
  command?: string[];
  args?: string[];
  imagePullPolicy?: string;
  namespace?: string;
  stdin?: boolean;
  tty?: boolean;
}

export function buildPod(o: PodOptions): KObject {
  const c: Record<string, unknown> = { name: o.name, image: o.image, resources: {} };
  if (o.command?.length) c.command = o.command;
  if (o.args?.length) c.args = o.args;
  if (o.env?.length) c.env = o.env;
  if (o.port !== undefined) c.ports = [{ containerPort: o.port }];
  if (o.imagePullPolicy) c.imagePullPolicy = o.imagePullPolicy;
  if (o.stdin) c.stdin = true;
  if (o.stdin) c.stdinOnce = true;
  if (o.tty) c.tty = true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      creationTimestamp: null as unknown as string,
      labels: o.labels ?? { run: o.name },
    },
    spec: {
      containers: [c],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: o.restart ?? 'Always',
    },
    status: {},
  };
}

export function buildNamespace(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, creationTimestamp: null as unknown as string },
    spec: {},
    status: {},
  };
}

/** `--labels=a=b,c=d` */
export function parseLabelList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) fail(`unexpected label spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** Removes the `creationTimestamp: null` markers before a generated object is sent for real. */
export function forServer(obj: KObject): KObject {
  const copy = structuredClone(obj);
  const strip = (m: Record<string, unknown> | undefined) => {
    if (m && m.creationTimestamp === null) delete m.creationTimestamp;
  };
  strip(copy.metadata);
  strip((copy.spec as { template?: { metadata?: Record<string, unknown> } } | undefined)?.template?.metadata);
  // Status is the server's to write; generators only print it for --dry-run=client.
  delete copy.status;
  return copy;
}
