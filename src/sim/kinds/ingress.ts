/** Ingress (networking.k8s.io/v1): HTTP host and path rules in front of Services, served by an ingress controller. */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { any, arr, int, obj, str } from '../api/schema';
import { rootSchema } from './common';
import type { Ingress, IngressBackend } from '../api/networkTypes';

const backend = obj('IngressBackend', {
  service: obj(
    'IngressServiceBackend',
    {
      name: str('Name of the referenced Service (same namespace as the Ingress).'),
      port: obj('ServiceBackendPort', {
        name: str('Name of the port on the Service.'),
        number: int('Numerical port number on the Service.'),
      }),
    },
    { required: ['name'] },
  ),
  resource: any('A reference to another Kubernetes resource in the namespace of the Ingress.'),
});

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: IngressBackend | undefined, f: string): FieldError[] {
  if (!b || (!b.service && !b.resource))
    return [{ type: 'Invalid', field: f, value: b ?? {}, detail: 'resource or service backend is required' }];
  const errs: FieldError[] = [];
  if (b.service) {
    const p = b.service.port;
    if (!p || (p.name === undefined && p.number === undefined))
      errs.push({ type: 'Required', field: `${f}.service.port`, detail: 'port name or number is required' });
    else if (p.name !== undefined && p.number !== undefined)
      errs.push({
        type: 'Invalid',
        field: `${f}.service.port`,
        value: p,
        detail: 'cannot set both port name & port number',
      });
  }
  return errs;
}

export const ingressKind: KindDef = {
  kind: 'Ingress',
  apiVersion: 'networking.k8s.io/v1',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  singular: 'ingress',
  shortNames: ['ing'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'Ingress',
    'Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend. An Ingress can give services externally-reachable urls, load balance traffic, terminate SSL, offer name based virtual hosting etc.',
    {
      spec: obj('IngressSpec', {
        ingressClassName: str(
          'The name of the IngressClass (the ingress controller) that serves this Ingress.',
        ),
        defaultBackend: describeBackend('The backend for requests that match no rule.'),
        rules: arr(
          obj('IngressRule', {
            host: str(
              'The fully qualified domain name of a network host (a leading "*." wildcard is allowed). Without a host the rule applies to all inbound HTTP traffic.',
            ),
            http: obj(
              'HTTPIngressRuleValue',
              {
                paths: arr(
                  obj(
                    'HTTPIngressPath',
                    {
                      path: str('Matched against the path of an incoming request; must begin with "/".'),
                      pathType: str(
                        'How the path is matched: Exact, Prefix (by path elements split on "/") or ImplementationSpecific.',
                        PATH_TYPES,
                      ),
                      backend: backend,
                    },
                    { required: ['pathType', 'backend'] },
                  ),
                  'A collection of paths that map requests to backends.',
                ),
              },
              { required: ['paths'] },
            ),
          }),
          'Host rules. Requests that match no rule go to the default backend.',
        ),
        tls: arr(
          obj('IngressTLS', {
            hosts: arr(str()),
            secretName: str('Name of the Secret holding the certificate.'),
          }),
          'TLS configuration.',
        ),
      }),
      status: obj('IngressStatus', {
        loadBalancer: obj('IngressLoadBalancerStatus', {
          ingress: arr(
            obj('IngressLoadBalancerIngress', { ip: str(), hostname: str(), ports: arr(any()) }),
            'Addresses of the load balancer.',
          ),
        }),
      }),
    },
  ),
  validate(o: KObject): FieldError[] {
    const ing = o as Ingress;
    const errs: FieldError[] = [];
    const spec = ing.spec ?? {};
    if (!spec.defaultBackend && !(spec.rules ?? []).length) {
      errs.push({
        type: 'Invalid',
        field: 'spec.rules',
        value: [],
        detail: 'either `defaultBackend` or `rules` must be specified',
      });
    }
    if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
    (spec.rules ?? []).forEach((r, i) => {
      const f = `spec.rules[${i}]`;
      if (
        r.host !== undefined &&
        !/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(r.host)
      ) {
        errs.push({
          type: 'Invalid',
          field: `${f}.host`,
          value: r.host,
          detail:
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        });
      }
      (r.http?.paths ?? []).forEach((p, j) => {
        const pf = `${f}.http.paths[${j}]`;
        if (!p.pathType)
          errs.push({ type: 'Required', field: `${pf}.pathType`, detail: 'pathType must be specified' });
        else if (!PATH_TYPES.includes(p.pathType))
          errs.push({
            type: 'Unsupported',
            field: `${pf}.pathType`,
            value: p.pathType,
            supported: PATH_TYPES,
          });
        else if (p.pathType !== 'ImplementationSpecific' && !(p.path ?? '').startsWith('/')) {
          errs.push({
            type: 'Invalid',
            field: `${pf}.path`,
            value: p.path ?? '',
            detail: 'must be an absolute path',
          });
        }
        errs.push(...validateBackend(p.backend, `${pf}.backend`));
      });
    });
    return errs;
  },
  initialStatus: () => ({ loadBalancer: {} }),
};

function describeBackend(description: string) {
  return { ...backend, description };
}
