/**
 * Building a pod from a template, owned by its workload (Job, DaemonSet, StatefulSet; the ReplicaSet builds its own
 * shared-metadata pods).
 */
import { cloneJson } from '../util/cloneJson';
import type { Cluster } from '../cluster';
import type { KObject, Pod, PodSpec, PodTemplateSpec } from '../api/types';
import { CONTROLLER_MANAGER } from './util';
import { ownerRefTo } from '../api/ownerReferences';

/** Creates a pod from `template` owned by `owner`; returns the result of the API request. */
export function createPodFrom(
  c: Cluster,
  owner: KObject,
  template: PodTemplateSpec,
  opts: {
    name?: string;
    generateName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    spec?: (s: PodSpec) => void;
  },
) {
  const spec = cloneJson(template.spec);
  opts.spec?.(spec);
  const annotations = { ...(template.metadata?.annotations ?? {}), ...(opts.annotations ?? {}) };
  return c.api.create<Pod>(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: opts.name ?? '',
        ...(opts.generateName ? { generateName: opts.generateName } : {}),
        namespace: owner.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), ...(opts.labels ?? {}) },
        ...(Object.keys(annotations).length ? { annotations } : {}),
        ownerReferences: [ownerRefTo(owner)],
      },
      spec,
    },
    { actor: CONTROLLER_MANAGER },
  );
}
