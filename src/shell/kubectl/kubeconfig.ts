/**
 * The fixed kubeconfig of Kubelab (context `kubelab`). The context's namespace is the one piece learners
 * change (`kubectl config set-context --current --namespace=dev`); it lives in the cluster's JSON state so
 * snapshots and replays keep it.
 */
import type { Cluster } from '../../sim/cluster';

export const CONTEXT = 'kubelab';
export const CLUSTER_NAME = 'kubelab';
export const USER = 'kubelab-admin';
export const SERVER = 'https://127.0.0.1:6443';

interface ConfigState {
  namespace?: string;
}

const KEY = 'kubectl.config';

function state(cluster: Cluster): ConfigState {
  return (cluster.state.ext[KEY] as ConfigState | undefined) ?? {};
}

/** The current context's namespace (default `default`). */
export function contextNamespace(cluster: Cluster): string {
  return state(cluster).namespace || 'default';
}

export function setContextNamespace(cluster: Cluster, ns: string | undefined): void {
  cluster.state.ext[KEY] = ns ? { namespace: ns } : {};
}

export function kubeconfigObject(cluster: Cluster, raw: boolean): Record<string, unknown> {
  const ns = state(cluster).namespace;
  return {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': raw ? 'a3ViZWxhYi1jYQ==' : 'DATA+OMITTED', server: SERVER },
        name: CLUSTER_NAME,
      },
    ],
    contexts: [
      { context: { cluster: CLUSTER_NAME, ...(ns ? { namespace: ns } : {}), user: USER }, name: CONTEXT },
    ],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: USER,
        user: raw
          ? {
              'client-certificate-data': 'a3ViZWxhYi1hZG1pbi1jZXJ0',
              'client-key-data': 'a3ViZWxhYi1hZG1pbi1rZXk=',
            }
          : { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' },
      },
    ],
  };
}
