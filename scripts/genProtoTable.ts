/**
 * Builds src/serve/protobuf/k8sMessages.ts — the field numbers and types of the Kubernetes API messages that
 * `kubelab serve` decodes — from the generated.proto files of the kubernetes/api repository (facts about the wire
 * format; no code is taken from them).
 *   npx tsx scripts/genProtoTable.ts <folder holding core-v1.proto apps-v1.proto …>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/tmp';
const files: [string, string][] = [
  ['core.v1', 'proto-core-v1.proto'],
  ['apps.v1', 'proto-apps-v1.proto'],
  ['batch.v1', 'proto-batch-v1.proto'],
  ['authorization.v1', 'proto-authorization-v1.proto'],
  ['policy.v1', 'proto-policy-v1.proto'],
  ['rbac.authorization.v1', 'proto-rbac-v1.proto'],
  ['networking.v1', 'proto-networking-v1.proto'],
  ['scheduling.v1', 'proto-scheduling-v1.proto'],
];
type Field = [name: string, type: string, repeated?: 1];
/**
 * The embedded structs of the API types (Go fields tagged `json:""` in k8s.io/api types.go): their protobuf field
 * holds a message whose fields JSON has inline (`configMapKeyRef: {name, key}`, a volume's `emptyDir`).
 */
const INLINE = new Set([
  'LocalObjectReference localObjectReference',
  'VolumeSource volumeSource',
  'PersistentVolumeSource persistentVolumeSource',
  'ProbeHandler handler',
  'EphemeralContainerCommon ephemeralContainerCommon',
  'IngressRuleValue ingressRuleValue',
]);
const messages: Record<string, Record<number, Field>> = {};
const PKG: Record<string, string> = {
  'k8s.io.api.core.v1': 'core.v1',
  'k8s.io.api.apps.v1': 'apps.v1',
  'k8s.io.api.batch.v1': 'batch.v1',
  'k8s.io.api.authorization.v1': 'authorization.v1',
  'k8s.io.api.policy.v1': 'policy.v1',
  'k8s.io.api.rbac.v1': 'rbac.authorization.v1',
  'k8s.io.api.networking.v1': 'networking.v1',
  'k8s.io.api.scheduling.v1': 'scheduling.v1',
  'k8s.io.apimachinery.pkg.apis.meta.v1': 'meta',
  'k8s.io.apimachinery.pkg.util.intstr': 'intstr',
  'k8s.io.apimachinery.pkg.api.resource': 'resource',
};
const SCALAR: Record<string, string> = {
  string: 's',
  int32: 'i',
  int64: 'l',
  bool: 'b',
  bytes: 'y',
  double: 'd',
};
function typeName(t: string, pkg: string): string {
  if (SCALAR[t]) return SCALAR[t]!;
  const q = t.replace(/^\./, '');
  const i = q.lastIndexOf('.');
  if (i < 0) return `${pkg}.${q}`;
  const p = PKG[q.slice(0, i)];
  return p ? `${p}.${q.slice(i + 1)}` : q;
}
for (const [pkg, file] of files) {
  const text = readFileSync(join(dir, file), 'utf8');
  let cur: Record<number, Field> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^message (\w+) \{/.exec(line);
    if (m) {
      cur = messages[`${pkg}.${m[1]}`] = {};
      continue;
    }
    if (!cur || line.startsWith('//')) continue;
    const f = /^(optional|repeated) ([\w.]+) (\w+) = (\d+);/.exec(line);
    if (f) {
      // an embedded struct (json:"") has its fields inline in JSON: named '' for the decoder to merge
      const name = INLINE.has(`${f[2]} ${f[3]}`) ? '' : f[3]!;
      cur[Number(f[4])] =
        f[1] === 'repeated' ? [name, typeName(f[2]!, pkg), 1] : [name, typeName(f[2]!, pkg)];
      continue;
    }
    const mp = /^map<string, ([\w.]+)> (\w+) = (\d+);/.exec(line);
    if (mp) cur[Number(mp[3])] = [mp[2]!, `map:${typeName(mp[1]!, pkg)}`];
  }
}
// Only what the served kinds can reach.
const roots = [
  'apps.v1.Deployment',
  'apps.v1.ReplicaSet',
  'apps.v1.StatefulSet',
  'apps.v1.DaemonSet',
  'core.v1.Namespace',
  'core.v1.Pod',
  'core.v1.ConfigMap',
  'core.v1.Secret',
  'core.v1.Service',
  'core.v1.ServiceAccount',
  'batch.v1.Job',
  'batch.v1.CronJob',
  'authorization.v1.SelfSubjectAccessReview',
  'authorization.v1.SelfSubjectRulesReview',
  'policy.v1.Eviction',
  // the other kinds `kubectl create <kind>` writes with a typed (protobuf) client
  'core.v1.ResourceQuota',
  'rbac.authorization.v1.Role',
  'rbac.authorization.v1.ClusterRole',
  'rbac.authorization.v1.RoleBinding',
  'rbac.authorization.v1.ClusterRoleBinding',
  'networking.v1.Ingress',
  'policy.v1.PodDisruptionBudget',
  'scheduling.v1.PriorityClass',
];
const keep = new Set<string>();
const visit = (n: string) => {
  if (keep.has(n) || !messages[n]) return;
  keep.add(n);
  for (const [, t] of Object.values(messages[n]!)) visit(t.replace(/^map:/, ''));
};
roots.forEach(visit);
const out: Record<string, Record<number, Field>> = {};
for (const n of [...keep].sort()) out[n] = messages[n]!;
writeFileSync(
  'src/serve/protobuf/k8sMessages.ts',
  `/**
 * Field numbers and types of the Kubernetes API messages \`kubelab serve\` decodes, from kubernetes/api's
 * generated.proto files (made by scripts/genProtoTable.ts; do not edit). Types: s string, i int32, l int64,
 * b bool, y bytes, d double, \`map:<type>\`, or a message name (\`meta.ObjectMeta\`, \`intstr.IntOrString\`,
 * \`resource.Quantity\` are known to the decoder); a third element 1 marks a repeated field; the name '' marks an
 * embedded struct, whose fields JSON has inline.
 */
export const K8S_MESSAGES: Record<string, Record<number, [string, string, 1?]>> = ${JSON.stringify(out)};
`,
);
console.log(`${keep.size} messages`);
