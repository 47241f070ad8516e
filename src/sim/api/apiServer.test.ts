import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import { createSim } from '../createSim';
import type { KObject, Pod } from './types';
import { K8S_SUFFIX_ALPHABET } from '../engine/rng';

const pod = (
  name: string,
  spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] },
  extra: Record<string, unknown> = {},
): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...extra },
  spec,
});

function cluster(): Cluster {
  return createSim({ seed: 3, minimal: true });
}

describe('API server request path', () => {
  it('starts with the four initial namespaces', () => {
    const c = cluster();
    expect(c.api.list('Namespace').map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
  });

  it('refuses unknown fields with the strict decoding message', () => {
    const r = cluster().api.create(pod('p', { contianers: [] }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('BadRequest');
      expect(r.error.message).toBe(
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contianers"',
      );
    }
  });

  it('reports wrong types as Go json does', () => {
    const r = cluster().api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 'three',
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      );
  });

  it('validates with Kubernetes field paths and texts', () => {
    const c = cluster();
    const r1 = c.api.create(pod('x', { containers: [{ name: 'c' }] }));
    expect(!r1.ok && r1.error.message).toBe(
      'The Pod "x" is invalid: spec.containers[0].image: Required value',
    );
    const r2 = c.api.create(pod('Bad_Name'));
    expect(!r2.ok && r2.error.message).toContain(
      `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
    const r3 = c.api.create(
      pod('y', { containers: [{ name: 'c', image: 'x' }], restartPolicy: 'Sometimes' }),
    );
    expect(!r3.ok && r3.error.message).toBe(
      'The Pod "y" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    const r4 = c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c' }] } },
      },
    });
    expect(!r4.ok && r4.error.message).toBe(
      'The Deployment "web" is invalid: \n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`\n* spec.template.spec.containers[0].image: Required value',
    );
  });

  it('defaults a pod like the API server, and admission adds tolerations and the token volume', () => {
    const r = cluster().api.create<Pod>(pod('p'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.obj;
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.spec.terminationGracePeriodSeconds).toBe(30);
    expect(p.spec.containers[0]!.imagePullPolicy).toBe('Always');
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(p.spec.containers[0]!.volumeMounts![0]!.mountPath).toBe(
      '/var/run/secrets/kubernetes.io/serviceaccount',
    );
    expect(p.status.phase).toBe('Pending');
    expect(p.status.qosClass).toBe('BestEffort');
  });

  it('draws a generated name again when it is taken, and gives up after 8 attempts (RetryGenerateName)', () => {
    const c = cluster();
    // A ConfigMap: nothing else in its create draws from the generator between the names.
    const cm = (name: string, generateName?: string): KObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ...(generateName ? { generateName } : {}) },
    });
    // Take the names the next draws would give, then rewind the generator to make them collide.
    const before = { ...c.rng.state };
    const taken = Array.from({ length: 8 }, () => c.rng.string(K8S_SUFFIX_ALPHABET, 5, 'web-'));
    for (const name of taken.slice(0, 3)) expect(c.api.create(cm(name)).ok).toBe(true);
    Object.assign(c.rng.state, before);
    const r = c.api.create(cm('', 'web-'));
    expect(r.ok && r.obj.metadata.name).toBe(taken[3]);
    for (const name of taken.slice(4)) expect(c.api.create(cm(name)).ok).toBe(true);
    Object.assign(c.rng.state, before);
    // The first 8 draws are all taken now: the create fails as it did before the feature.
    const failed = c.api.create(cm('', 'web-'));
    expect(!failed.ok && failed.error.message).toBe(`configmaps "${taken[7]}" already exists`);
  });

  it('gives AlreadyExists and NotFound with kubectl wording, and resourceVersion conflicts', () => {
    const c = cluster();
    c.api.create(pod('p'));
    const dup = c.api.create(pod('p'));
    expect(!dup.ok && dup.error.message).toBe('pods "p" already exists');
    const nf = c.api.delete('Pod', 'default', 'nope');
    expect(!nf.ok && nf.error.message).toBe('pods "nope" not found');
    const cur = c.api.get('Pod', 'default', 'p')!;
    const stale = structuredClone(cur);
    c.api.mutate('Pod', 'default', 'p', (x) => {
      x.metadata.labels = { a: 'b' };
    });
    stale.metadata.labels = { c: 'd' };
    const conflict = c.api.update(stale);
    expect(!conflict.ok && conflict.error.reason).toBe('Conflict');
  });

  it('bumps generation only on spec changes; resourceVersion on every write', () => {
    const c = cluster();
    const r = c.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    });
    expect(r.ok && r.obj.metadata.generation).toBe(1);
    const rv1 = c.api.get('ReplicaSet', 'default', 'rs')!.metadata.resourceVersion;
    c.api.mutate('ReplicaSet', 'default', 'rs', (x) => {
      x.metadata.labels = { l: 'v' };
    });
    const afterLabel = c.api.get('ReplicaSet', 'default', 'rs')!;
    expect(afterLabel.metadata.generation).toBe(1);
    expect(afterLabel.metadata.resourceVersion).not.toBe(rv1);
    c.api.mutate('ReplicaSet', 'default', 'rs', (x) => {
      x.spec.replicas = 3;
    });
    expect(c.api.get('ReplicaSet', 'default', 'rs')!.metadata.generation).toBe(2);
  });

  it('refuses new content in a terminating namespace and protects the initial ones', () => {
    const c = createSim({ seed: 1, workers: 0, minimal: true });
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    c.api.create({ ...pod('keep'), metadata: { name: 'keep', namespace: 'doomed' } });
    // A pod on a node would wait for its kubelet; this one is unscheduled (no workers) and goes at once.
    c.api.delete('Namespace', undefined, 'doomed');
    const r = c.api.create({ ...pod('x'), metadata: { name: 'x', namespace: 'doomed' } });
    if (c.api.get('Namespace', undefined, 'doomed')) {
      expect(!r.ok && r.error.message).toBe(
        'pods "x" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      );
    }
    c.settle();
    expect(c.api.get('Namespace', undefined, 'doomed')).toBeUndefined();
    const d = c.api.delete('Namespace', undefined, 'default');
    expect(!d.ok && d.error.message).toBe(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
    const missing = c.api.create({ ...pod('y'), metadata: { name: 'y', namespace: 'nowhere' } });
    expect(!missing.ok && missing.error.message).toBe('namespaces "nowhere" not found');
  });

  it('waits for finalizers before removing an object', () => {
    const c = cluster();
    c.api.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa', finalizers: ['example.com/keep'] },
    });
    c.api.delete('ServiceAccount', 'default', 'sa');
    const marked = c.api.get('ServiceAccount', 'default', 'sa');
    expect(marked?.metadata.deletionTimestamp).toBeDefined();
    c.api.mutate('ServiceAccount', 'default', 'sa', (x) => {
      x.metadata.finalizers = [];
    });
    expect(c.api.get('ServiceAccount', 'default', 'sa')).toBeUndefined();
  });

  it('keeps the store indexes equal to a rebuild', () => {
    const c = createSim({ seed: 2 });
    c.advance(30_000);
    expect(c.store.verifyIndexes()).toEqual([]);
  });
});
