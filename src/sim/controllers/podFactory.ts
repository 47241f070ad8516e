/**
 * Shared by the workload controllers of this folder (Job, DaemonSet, StatefulSet): building a pod from a
 * template and comparing conditions.
 */
import { cloneJson } from '../util/cloneJson';
import type { Cluster } from '../cluster';
import type { KObject, Pod, PodSpec, PodTemplateSpec } from '../api/types';
import { CONTROLLER_MANAGER, ownerRefTo } from './util';

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

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/** Adds or updates a condition (lastTransitionTime moves only when the status changes). */
export function upsertCondition(list: Condition[], cond: Condition, now: string, probe = false): Condition[] {
  const out = list.filter((x) => x.type !== cond.type);
  const prev = list.find((x) => x.type === cond.type);
  const next: Condition = {
    type: cond.type,
    status: cond.status,
    ...(probe ? { lastProbeTime: now } : {}),
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime! : now,
    ...(cond.reason ? { reason: cond.reason } : {}),
    ...(cond.message ? { message: cond.message } : {}),
  };
  const i = list.findIndex((x) => x.type === cond.type);
  if (i < 0) out.push(next);
  else out.splice(i, 0, next);
  return out;
}

export function hasCondition(o: KObject, type: string): boolean {
  return ((o.status?.conditions ?? []) as Condition[]).some((x) => x.type === type && x.status === 'True');
}

/** Writes `status` when it differs from the stored one. */
export function writeStatus(c: Cluster, o: KObject, status: unknown): void {
  if (JSON.stringify(status) !== JSON.stringify(o.status))
    c.api.updateStatus({ ...o, status }, { actor: CONTROLLER_MANAGER });
}

/** Sum of container restarts of a pod. */
export function restartsOf(p: Pod): number {
  return [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].reduce(
    (n, s) => n + s.restartCount,
    0,
  );
}
