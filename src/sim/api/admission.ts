/**
 * Admission in the API server's request path: the plugin interface and the built-in plugins every request meets
 * (NamespaceLifecycle, ServiceAccount, DefaultTolerationSeconds); modules add theirs (LimitRanger, ResourceQuota…).
 */
import { appended, deepFreeze } from '../util/shapes';
import type { ApiHost } from './apiHost';
import type { KObject, Pod, Toleration } from './types';
import type { KindRegistry } from './kinds';
import type { Selector } from './labels';
import { apiError, type ApiError } from './errors';
import { K8S_SUFFIX_ALPHABET } from '../engine/rng';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** What an admission plugin may ask of the API server. */
export interface AdmissionApi {
  readonly kinds: KindRegistry;
  readonly cluster: ApiHost;
  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KObject = KObject>(kind: string, namespace?: string, selector?: Selector): T[];
}

/** An admission plugin (mutating and/or validating) in the API server's request path. */
export interface AdmissionPlugin {
  name: string;
  /** Mutates `obj` in place; returns an error to refuse the request. */
  admit(op: Operation, obj: KObject, old: KObject | undefined, api: AdmissionApi): ApiError | undefined;
}

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(op, obj, _old, api) {
    const def = api.kinds.byKind(obj.kind);
    if (!def?.namespaced || op === 'DELETE') return undefined;
    const ns = obj.metadata.namespace!;
    const nsObj = api.get('Namespace', undefined, ns);
    if (!nsObj) return apiError('NotFound', `namespaces "${ns}" not found`);
    if (op === 'CREATE' && (nsObj.status?.phase === 'Terminating' || nsObj.metadata.deletionTimestamp)) {
      return apiError(
        'Forbidden',
        `${def.plural}${def.group ? `.${def.group}` : ''} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
    return undefined;
  },
};

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(op, obj, _old, api) {
    if (op !== 'CREATE' || obj.kind !== 'Pod') return undefined;
    const pod = obj as Pod;
    if (!pod.spec || !Array.isArray(pod.spec.containers)) return undefined;
    pod.spec.serviceAccountName ??= 'default';
    pod.spec.serviceAccount = pod.spec.serviceAccountName;
    if (pod.spec.automountServiceAccountToken === false) return undefined;
    pod.spec.volumes ??= [];
    const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
    const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return undefined;
    const volName = api.cluster.rng.string(K8S_SUFFIX_ALPHABET, 5, 'kube-api-access-');
    pod.spec.volumes = appended(pod.spec.volumes, { name: volName, projected: SERVICE_ACCOUNT_PROJECTION });
    for (const c of all) {
      if (!c || typeof c !== 'object') continue;
      c.volumeMounts = appended(c.volumeMounts ?? [], { name: volName, mountPath, readOnly: true });
    }
    return undefined;
  },
};

/** Parts admission adds to every pod, shared and frozen (see deepFreeze). */
const SERVICE_ACCOUNT_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    {
      downwardAPI: {
        items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
      },
    },
  ],
});
const DEFAULT_TOLERATIONS: readonly Toleration[] = deepFreeze(
  ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
    key,
    operator: 'Exists' as const,
    effect: 'NoExecute' as const,
    tolerationSeconds: 300,
  })),
);

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(op, obj) {
    if (op !== 'CREATE' || obj.kind !== 'Pod') return undefined;
    const pod = obj as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return undefined;
    const tol = pod.spec.tolerations ?? [];
    const has = (key: string) =>
      tol.some(
        (t: Toleration) =>
          (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')),
      );
    pod.spec.tolerations = appended(tol, ...DEFAULT_TOLERATIONS.filter((t) => !has(t.key!)));
    return undefined;
  },
};
