/** NetworkPolicy (networking.k8s.io/v1): which traffic may reach (ingress) or leave (egress) the selected pods. */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { arr, int, ios, obj, str } from '../api/schema';
import { labelSelector, rootSchema } from './common';
import type { NetworkPolicy, NetworkPolicyPeer } from '../api/networkTypes';
import { isIPv4 } from '../api/networkTypes';

const peer = obj('NetworkPolicyPeer', {
  podSelector: {
    ...labelSelector,
    description: "Selects pods (in the policy's namespace, or in the namespaces namespaceSelector picks).",
  },
  namespaceSelector: {
    ...labelSelector,
    description: 'Selects namespaces by their labels; {} selects all namespaces.',
  },
  ipBlock: obj(
    'IPBlock',
    { cidr: str('A CIDR such as 192.168.1.0/24.'), except: arr(str(), 'CIDRs excluded from cidr.') },
    { required: ['cidr'] },
  ),
});
const port = obj('NetworkPolicyPort', {
  protocol: str('TCP (default), UDP or SCTP.', ['SCTP', 'TCP', 'UDP']),
  port: ios('A numerical or named port on the pods. Absent: all ports.'),
  endPort: int('Allows the range port..endPort.'),
});

function validatePeers(peers: NetworkPolicyPeer[] | undefined, f: string): FieldError[] {
  const errs: FieldError[] = [];
  (peers ?? []).forEach((p, i) => {
    const pf = `${f}[${i}]`;
    const n = (p.podSelector ? 1 : 0) + (p.namespaceSelector ? 1 : 0);
    if (p.ipBlock && n)
      errs.push({ type: 'Forbidden', field: pf, detail: 'may not specify both ipBlock and another peer' });
    if (!p.ipBlock && !n) errs.push({ type: 'Required', field: pf, detail: 'must specify a peer' });
    if (p.ipBlock) {
      const [ip, bits] = String(p.ipBlock.cidr ?? '').split('/');
      if (!ip || !isIPv4(ip) || bits === undefined || !(Number(bits) >= 0 && Number(bits) <= 32)) {
        errs.push({
          type: 'Invalid',
          field: `${pf}.ipBlock.cidr`,
          value: p.ipBlock.cidr ?? '',
          detail: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        });
      }
    }
  });
  return errs;
}

export const networkPolicyKind: KindDef = {
  kind: 'NetworkPolicy',
  apiVersion: 'networking.k8s.io/v1',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  tracksGeneration: true,
  schema: rootSchema(
    'NetworkPolicy',
    'NetworkPolicy describes what network traffic is allowed for a set of Pods. Once a pod is selected by a policy of a direction, only traffic that some rule allows passes in that direction.',
    {
      spec: obj(
        'NetworkPolicySpec',
        {
          podSelector: {
            ...labelSelector,
            description:
              'Selects the pods to which this policy applies; {} selects all pods in the namespace.',
          },
          policyTypes: arr(
            str(undefined, ['Egress', 'Ingress']),
            'Ingress, Egress or both. Default: Ingress, plus Egress when egress rules are given.',
          ),
          ingress: arr(
            obj('NetworkPolicyIngressRule', {
              from: arr(peer, 'Sources allowed; empty or missing: all sources.'),
              ports: arr(port, 'Ports allowed; empty or missing: all ports.'),
            }),
            'Ingress rules; an empty list allows no incoming traffic (default deny).',
          ),
          egress: arr(
            obj('NetworkPolicyEgressRule', {
              to: arr(peer, 'Destinations allowed; empty or missing: all.'),
              ports: arr(port, 'Ports allowed; empty or missing: all ports.'),
            }),
            'Egress rules; an empty list with policyTypes Egress allows no outgoing traffic.',
          ),
        },
        { required: ['podSelector'] },
      ),
    },
  ),
  defaults(o: KObject) {
    const np = o as NetworkPolicy;
    if (!np.spec || typeof np.spec !== 'object') return;
    if (!np.spec.policyTypes?.length)
      np.spec.policyTypes = np.spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
    for (const r of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])])
      for (const p of r?.ports ?? []) if (p) p.protocol ??= 'TCP';
  },
  validate(o: KObject): FieldError[] {
    const np = o as NetworkPolicy;
    if (!np.spec || !np.spec.podSelector)
      return [{ type: 'Required', field: 'spec.podSelector', detail: '' }];
    const errs: FieldError[] = [];
    for (const t of np.spec.policyTypes ?? []) {
      if (t !== 'Ingress' && t !== 'Egress')
        errs.push({
          type: 'Unsupported',
          field: 'spec.policyTypes',
          value: t,
          supported: ['Egress', 'Ingress'],
        });
    }
    (np.spec.ingress ?? []).forEach((r, i) =>
      errs.push(...validatePeers(r?.from, `spec.ingress[${i}].from`)),
    );
    (np.spec.egress ?? []).forEach((r, i) => errs.push(...validatePeers(r?.to, `spec.egress[${i}].to`)));
    return errs;
  },
};
