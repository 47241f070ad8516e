import type { KindDef } from '../api/kinds';
import { any, int, obj } from '../api/schema';
import { labelSelector, podTemplateSpec, rootSchema } from './common';
import { defaultTemplate, selectorImmutable, validateSelectorAndTemplate } from './workloadRules';

export const replicaSetKind: KindDef = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'ReplicaSet',
    'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
    {
      spec: obj(
        'ReplicaSetSpec',
        {
          replicas: int('Number of desired pods. Defaults to 1.'),
          minReadySeconds: int(
            'Minimum seconds a newly created pod should be ready without any of its container crashing to be considered available.',
          ),
          selector: labelSelector,
          template: podTemplateSpec,
        },
        { required: ['selector'] },
      ),
      status: any('Most recently observed status of the ReplicaSet. Read-only.'),
    },
  ),
  defaults(o) {
    if (o.spec && typeof o.spec === 'object') {
      o.spec.replicas ??= 1;
      defaultTemplate(o.spec.template);
    }
  },
  validate: (o) => validateSelectorAndTemplate(o.spec),
  validateUpdate: (o, old) => selectorImmutable(o.spec?.selector, old.spec?.selector),
  initialStatus: () => ({ replicas: 0 }),
};
