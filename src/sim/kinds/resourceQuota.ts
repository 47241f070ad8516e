import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, arr, map, obj, qty, str } from '../api/schema';
import { validateQuantities } from '../api/validation';
import { rootSchema } from './common';

// Learners' YAML: loosely typed on purpose (the schema has checked its shape).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

export const resourceQuotaKind: KindDef = {
  kind: 'ResourceQuota',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: true,
  schema: rootSchema(
    'ResourceQuota',
    'ResourceQuota sets aggregate quota restrictions enforced per namespace.',
    {
      spec: obj(
        'ResourceQuotaSpec',
        {
          hard: map(
            qty(),
            'The set of desired hard limits for each named resource (cpu, memory, requests.cpu, limits.memory, pods, count/deployments.apps, persistentvolumeclaims, requests.storage…).',
          ),
          scopes: arr(
            str('', [
              'Terminating',
              'NotTerminating',
              'BestEffort',
              'NotBestEffort',
              'PriorityClass',
              'CrossNamespacePodAffinity',
            ]),
            'A collection of filters that must match each object tracked by a quota.',
          ),
          scopeSelector: any(),
        },
        { description: 'Spec defines the desired quota.' },
      ),
      status: any('Status defines the actual enforced quota and its current usage. Read-only.'),
    },
  ),
  validate(o): FieldError[] {
    return validateQuantities(o.spec?.hard, 'spec.hard');
  },
  initialStatus: () => ({}),
};

const limitMap = (d: string) => map(qty(), d);

export const limitRangeKind: KindDef = {
  kind: 'LimitRange',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'limitranges',
  singular: 'limitrange',
  shortNames: ['limits'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'LimitRange',
    'LimitRange sets resource usage limits for each kind of resource in a Namespace.',
    {
      spec: obj(
        'LimitRangeSpec',
        {
          limits: arr(
            obj(
              'LimitRangeItem',
              {
                type: str(
                  'Type of resource that this limit applies to: Container, Pod or PersistentVolumeClaim.',
                  ['Container', 'Pod', 'PersistentVolumeClaim'],
                ),
                max: limitMap('Max usage constraints on this kind by resource name.'),
                min: limitMap('Min usage constraints on this kind by resource name.'),
                default: limitMap('Default resource limits a container gets when it names none.'),
                defaultRequest: limitMap('Default resource requests a container gets when it names none.'),
                maxLimitRequestRatio: limitMap(
                  'If specified, the limit divided by the request may not exceed this value.',
                ),
              },
              { required: ['type'] },
            ),
            'Limits is the list of LimitRangeItem objects that are enforced.',
          ),
        },
        { required: ['limits'], description: 'Spec defines the limits enforced.' },
      ),
    },
  ),
  defaults(o) {
    // SetDefaults_LimitRangeItem: default limit ← max, default request ← default limit, then ← min.
    for (const l of (o.spec?.limits ?? []) as Loose[]) {
      if (!l || l.type !== 'Container') continue;
      l.default = { ...(l.max ?? {}), ...(l.default ?? {}) };
      l.defaultRequest = { ...(l.min ?? {}), ...(l.default ?? {}), ...(l.defaultRequest ?? {}) };
      if (!Object.keys(l.default).length) delete l.default;
      if (!Object.keys(l.defaultRequest).length) delete l.defaultRequest;
    }
  },
  validate(o): FieldError[] {
    const errs: FieldError[] = [];
    ((o.spec?.limits ?? []) as Record<string, Record<string, unknown>>[]).forEach((l, i) => {
      for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
        errs.push(...validateQuantities(l[k], `spec.limits[${i}].${k}`));
    });
    return errs;
  },
};
