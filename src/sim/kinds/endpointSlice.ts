/** EndpointSlice (discovery.k8s.io/v1): the addresses behind a Service, at most 100 per slice. */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { arr, bool, int, map, obj, str } from '../api/schema';
import type { Store } from '../api/store';
import { rootSchema } from './common';

/**
 * Adds the EndpointSlice index by owning Service (`ns/name`, from the `kubernetes.io/service-name` label), once:
 * the EndpointSlice controller and kube-proxy both read slices through it.
 */
export function ensureSliceIndex(c: { store: Store }): void {
  if (c.store.hasIndex('EndpointSlice', 'service')) return;
  c.store.addIndex('EndpointSlice', 'service', (o) => {
    const name = o.metadata.labels?.['kubernetes.io/service-name'];
    return name ? [`${o.metadata.namespace}/${name}`] : [];
  });
}

const objectReference = obj('ObjectReference', {
  kind: str('Kind of the referent.'),
  namespace: str('Namespace of the referent.'),
  name: str('Name of the referent.'),
  uid: str('UID of the referent.'),
  apiVersion: str(),
  resourceVersion: str(),
  fieldPath: str(),
});

export const endpointSliceKind: KindDef = {
  kind: 'EndpointSlice',
  apiVersion: 'discovery.k8s.io/v1',
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'EndpointSlice',
    'EndpointSlice represents a subset of the endpoints that implement a service. The EndpointSlice controller keeps one or more slices per Service with a selector, each labelled kubernetes.io/service-name.',
    {
      addressType: str('The type of address carried by this EndpointSlice: IPv4, IPv6 or FQDN.', [
        'FQDN',
        'IPv4',
        'IPv6',
      ]),
      endpoints: arr(
        obj(
          'Endpoint',
          {
            addresses: arr(str(), 'Addresses of this endpoint (the pod IP).'),
            conditions: obj('EndpointConditions', {
              ready: bool('The endpoint is ready to receive traffic: the pod is Ready and not terminating.'),
              serving: bool(
                'Like ready, but also true for a terminating pod that still passes its readiness checks.',
              ),
              terminating: bool('The endpoint is terminating (its pod has a deletionTimestamp).'),
            }),
            hostname: str('Hostname of this endpoint (pod spec.hostname with a subdomain).'),
            nodeName: str('The node hosting this endpoint.'),
            zone: str('The zone this endpoint exists in.'),
            targetRef: objectReference,
            deprecatedTopology: map(str()),
            hints: obj('EndpointHints', { forZones: arr(obj('ForZone', { name: str() })) }),
          },
          { required: ['addresses'] },
        ),
        'A list of unique endpoints in this slice (at most 1000).',
      ),
      ports: arr(
        obj('EndpointPort', {
          name: str('The name of this port; matches the Service port name.'),
          protocol: str('TCP, UDP or SCTP.'),
          port: int('The port number of the endpoint (the resolved targetPort).'),
          appProtocol: str(),
        }),
        'The network ports exposed by each endpoint of this slice.',
      ),
    },
    ['addressType'],
  ),
  validate(o: KObject): FieldError[] {
    const t = o.addressType;
    if (t === undefined) return [{ type: 'Required', field: 'addressType', detail: '' }];
    if (!['IPv4', 'IPv6', 'FQDN'].includes(String(t))) {
      return [{ type: 'Unsupported', field: 'addressType', value: t, supported: ['FQDN', 'IPv4', 'IPv6'] }];
    }
    return [];
  },
};
