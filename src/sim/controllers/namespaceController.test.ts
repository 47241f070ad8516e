/**
 * The namespace controller alone: deleting a namespace deletes its content, and while content stays (held by a
 * finalizer) the namespace is Terminating with the real deletion conditions
 * (K:pkg/controller/namespace/deletion/status_condition_utils.go).
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { newNamespace } from '../testing/builders';
import { controllerCluster, mustCreate } from '../testing/controllerCluster';
import { namespaceController } from './namespaceController';

const configMap = (name: string, finalizers?: string[]): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'stuck', ...(finalizers ? { finalizers } : {}) },
  data: {},
});
const summary = (o: KObject | undefined) =>
  ((o?.status?.conditions ?? []) as { type: string; status: string; reason: string; message: string }[]).map(
    (x) => `${x.type}=${x.status}/${x.reason}: ${x.message}`,
  );

describe('namespace controller', () => {
  it('reports content and finalizers remaining while a finalizer holds an object, then removes the namespace', () => {
    const c = controllerCluster([namespaceController], [newNamespace('stuck')]);
    mustCreate(c, configMap('held', ['example.com/hold']));
    mustCreate(c, configMap('free'));
    c.api.delete('Namespace', undefined, 'stuck');
    c.settle();
    const ns = c.api.get('Namespace', undefined, 'stuck');
    expect(ns?.status?.phase).toBe('Terminating');
    expect(c.api.list('ConfigMap', 'stuck').map((o) => o.metadata.name)).toEqual(['held']);
    expect(summary(ns)).toEqual([
      'NamespaceDeletionDiscoveryFailure=False/ResourcesDiscovered: All resources successfully discovered',
      'NamespaceDeletionGroupVersionParsingFailure=False/ParsedGroupVersions: All legacy kube types successfully parsed',
      'NamespaceDeletionContentFailure=False/ContentDeleted: All content successfully deleted, may be waiting on finalization',
      'NamespaceContentRemaining=True/SomeResourcesRemain: Some resources are remaining: configmaps has 1 resource instances',
      'NamespaceFinalizersRemaining=True/SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    ]);
    c.api.mutate('ConfigMap', 'stuck', 'held', (x) => void delete x.metadata.finalizers);
    c.settle();
    expect(c.api.get('Namespace', undefined, 'stuck')).toBeUndefined();
  });
});
