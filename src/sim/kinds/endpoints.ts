/** Endpoints (v1): the legacy list of a Service's addresses, kept beside the EndpointSlices. */
import type { KindDef } from '../api/kinds';
import { arr, int, obj, str } from '../api/schema';
import { rootSchema } from './common';

const address = obj(
  'EndpointAddress',
  {
    ip: str('The IP of this endpoint.'),
    hostname: str('The Hostname of this endpoint.'),
    nodeName: str('The node hosting this endpoint.'),
    targetRef: obj('ObjectReference', {
      kind: str(),
      namespace: str(),
      name: str(),
      uid: str(),
      apiVersion: str(),
      resourceVersion: str(),
      fieldPath: str(),
    }),
  },
  { required: ['ip'] },
);

export const endpointsKind: KindDef = {
  kind: 'Endpoints',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'Endpoints',
    'Endpoints is a collection of endpoints that implement the actual service (deprecated in favour of EndpointSlice).',
    {
      subsets: arr(
        obj('EndpointSubset', {
          addresses: arr(address, 'IP addresses which offer the related ports and are ready.'),
          notReadyAddresses: arr(address, 'IP addresses which offer the related ports but are not ready.'),
          ports: arr(
            obj('EndpointPort', { name: str(), port: int(), protocol: str(), appProtocol: str() }),
            'Port numbers available on the related IP addresses.',
          ),
        }),
        'The set of all endpoints is the union of all subsets.',
      ),
    },
  ),
};
