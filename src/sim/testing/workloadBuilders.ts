/**
 * Builders for the workload kinds above the ReplicaSet (Deployment, StatefulSet, DaemonSet, Job, CronJob): the
 * manifests a learner would apply, before defaulting, with a one-container template. Each takes the spec fields
 * a controller test varies as a partial spec, merged over the builder's minimum.
 */
import type { Deployment, KObject, Labels, PodSpec } from '../api/types';

/** Options every workload builder shares. */
export interface WorkloadOptions {
  namespace?: string;
  /** Labels of the selector and the template (default `{ app: <name> }`). */
  labels?: Labels;
  /** Image of the template's single container (default `nginx`). */
  image?: string;
  /** Fields merged into the pod template's spec (restartPolicy, nodeSelector, tolerations…). */
  podSpec?: Partial<PodSpec>;
}

function template(name: string, o: WorkloadOptions, restartPolicy?: string) {
  const labels = o.labels ?? { app: name };
  return {
    metadata: { labels: { ...labels } },
    spec: {
      containers: [{ name: 'app', image: o.image ?? 'nginx' }],
      ...(restartPolicy ? { restartPolicy } : {}),
      ...(o.podSpec ?? {}),
    } as PodSpec,
  };
}

function workload(apiVersion: string, kind: string, name: string, o: WorkloadOptions, spec: object): KObject {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      selector: { matchLabels: { ...(o.labels ?? { app: name }) } },
      template: template(name, o),
      ...spec,
    },
  };
}

/** A Deployment (apps/v1); `spec` is merged over `{ replicas: 1, selector, template }`. */
export function newDeployment(
  name: string,
  spec: Partial<Deployment['spec']> = {},
  o: WorkloadOptions = {},
): Deployment {
  return workload('apps/v1', 'Deployment', name, o, { replicas: 1, ...spec }) as Deployment;
}

/** A StatefulSet (apps/v1) governed by Service `<name>`; `spec` is merged over `{ replicas: 1, serviceName }`. */
export function newStatefulSet(
  name: string,
  spec: Record<string, unknown> = {},
  o: WorkloadOptions = {},
): KObject {
  return workload('apps/v1', 'StatefulSet', name, o, { replicas: 1, serviceName: name, ...spec });
}

/** A DaemonSet (apps/v1); `spec` is merged over `{ selector, template }`. */
export function newDaemonSet(
  name: string,
  spec: Record<string, unknown> = {},
  o: WorkloadOptions = {},
): KObject {
  return workload('apps/v1', 'DaemonSet', name, o, spec);
}

/** The pod template of a Job: no selector (the API server generates it), restartPolicy Never unless `podSpec` says. */
function jobSpec(name: string, spec: Record<string, unknown>, o: WorkloadOptions) {
  return { template: template(name, o, 'Never'), ...spec };
}

/** A Job (batch/v1) with `restartPolicy: Never`; `spec` is merged over the template. */
export function newJob(name: string, spec: Record<string, unknown> = {}, o: WorkloadOptions = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: jobSpec(name, spec, o),
  };
}

/** A CronJob (batch/v1) on `schedule`; `spec` is merged over `{ schedule, jobTemplate }`. */
export function newCronJob(
  name: string,
  schedule: string,
  spec: Record<string, unknown> = {},
  o: WorkloadOptions = {},
): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: { schedule, jobTemplate: { spec: jobSpec(name, {}, o) }, ...spec },
  };
}
