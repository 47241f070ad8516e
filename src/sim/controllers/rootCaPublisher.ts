/**
 * root-ca-cert-publisher: every namespace gets the ConfigMap `kube-root-ca.crt` holding the cluster's CA
 * bundle (the service account volume projects it), recreated when deleted, edits reverted.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject } from '../api/types';
import { CONTROLLER_MANAGER } from './util';

const NAME = 'root-ca-cert-publisher';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const CA_PEM =
  '-----BEGIN CERTIFICATE-----\nMIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\nbGFiLWNhMB4XDTI2MDEwMTAwMDAwMFoXDTM2MDEwMTAwMDAwMFowFTETMBEGA1UE\nAxMKa3ViZWxhYi1jYTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAK8s\n-----END CERTIFICATE-----\n';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

function reconcile(c: Cluster, ns: string): void {
  const n = c.api.get('Namespace', undefined, ns);
  if (!n || n.metadata.deletionTimestamp || n.status?.phase === 'Terminating') return;
  const cur = c.api.get('ConfigMap', ns, ROOT_CA_CONFIGMAP);
  const data = { 'ca.crt': CA_PEM };
  if (!cur) {
    c.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace: ns,
          annotations: { 'kubernetes.io/description': DESCRIPTION },
        },
        data,
      },
      { actor: CONTROLLER_MANAGER },
    );
  } else if (JSON.stringify(cur.data) !== JSON.stringify(data)) {
    c.api.mutate('ConfigMap', ns, ROOT_CA_CONFIGMAP, (x: KObject) => void (x.data = data), {
      actor: CONTROLLER_MANAGER,
    });
  }
}

export const rootCaPublisher: SimModule = {
  name: NAME,
  install(c) {
    c.registerReconciler(NAME, (ns) => reconcile(c, ns));
    c.api.watch('Namespace', (type, o) => {
      if (type === 'ADDED') c.enqueue(NAME, o.metadata.name);
    });
    c.api.watch('ConfigMap', (type, o) => {
      if (o.metadata.name === ROOT_CA_CONFIGMAP && type !== 'ADDED') c.enqueue(NAME, o.metadata.namespace!);
    });
  },
};
