/** IngressClass (networking.k8s.io/v1): names the controller that serves Ingresses of this class. */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { obj, str } from '../api/schema';
import { rootSchema } from './common';

export const ingressClassKind: KindDef = {
  kind: 'IngressClass',
  apiVersion: 'networking.k8s.io/v1',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  shortNames: [],
  namespaced: false,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'IngressClass',
    'IngressClass represents the class of the Ingress, referenced by the Ingress spec.ingressClassName. The annotation ingressclass.kubernetes.io/is-default-class marks the class used by Ingresses that name none.',
    {
      spec: obj('IngressClassSpec', {
        controller: str(
          'The name of the controller that should handle this class, e.g. "k8s.io/ingress-nginx".',
        ),
        parameters: obj('IngressClassParametersReference', {
          apiGroup: str(),
          kind: str(),
          name: str(),
          namespace: str(),
          scope: str(),
        }),
      }),
    },
  ),
  validate(o: KObject): FieldError[] {
    const ctl = o.spec?.controller;
    if (typeof ctl !== 'string' || !ctl) return [{ type: 'Required', field: 'spec.controller', detail: '' }];
    return [];
  },
  validateUpdate(o: KObject, old: KObject): FieldError[] {
    if (o.spec?.controller !== old.spec?.controller) {
      return [
        {
          type: 'Invalid',
          field: 'spec.controller',
          value: o.spec?.controller ?? '',
          detail: 'field is immutable',
        },
      ];
    }
    return [];
  },
};
