import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { Deployment } from '../api/types';
import { any, bool, int, ios, obj, str } from '../api/schema';
import { labelSelector, podTemplateSpec, rootSchema } from './common';
import { defaultTemplate, selectorImmutable, validateSelectorAndTemplate } from './workloadRules';
import { validateNonNegative } from '../api/validation';

function validateIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return validateNonNegative(v, field);
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    return Number(v.slice(0, -1)) > 100
      ? [{ type: 'Invalid', field, value: v, detail: 'must not be greater than 100%' }]
      : [];
  }
  return [
    {
      type: 'Invalid',
      field,
      value: v,
      detail:
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    },
  ];
}

export const deploymentKind: KindDef = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema('Deployment', 'Deployment enables declarative updates for Pods and ReplicaSets.', {
    spec: obj(
      'DeploymentSpec',
      {
        replicas: int('Number of desired pods. Defaults to 1.'),
        selector: labelSelector,
        template: podTemplateSpec,
        strategy: obj(
          'DeploymentStrategy',
          {
            type: str('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.', [
              'Recreate',
              'RollingUpdate',
            ]),
            rollingUpdate: obj('RollingUpdateDeployment', {
              maxSurge: ios(
                'The maximum number of pods that can be scheduled above the desired number of pods (number or percentage, rounded up). Defaults to 25%.',
              ),
              maxUnavailable: ios(
                'The maximum number of pods that can be unavailable during the update (number or percentage, rounded down). Defaults to 25%.',
              ),
            }),
          },
          { description: 'The deployment strategy to use to replace existing pods with new ones.' },
        ),
        minReadySeconds: int(
          'Minimum seconds a newly created pod should be ready without any of its container crashing to be considered available. Defaults to 0.',
        ),
        revisionHistoryLimit: int(
          'The number of old ReplicaSets to retain to allow rollback. Defaults to 10.',
        ),
        paused: bool('Indicates that the deployment is paused.'),
        progressDeadlineSeconds: int(
          'The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.',
        ),
      },
      { required: ['selector', 'template'] },
    ),
    status: any('Most recently observed status of the Deployment. Read-only.'),
  }),
  defaults(o) {
    const d = o as Deployment;
    if (!d.spec || typeof d.spec !== 'object') return;
    d.spec.replicas ??= 1;
    d.spec.strategy ??= {};
    d.spec.strategy.type ??= 'RollingUpdate';
    if (d.spec.strategy.type === 'RollingUpdate') {
      d.spec.strategy.rollingUpdate ??= {};
      d.spec.strategy.rollingUpdate.maxSurge ??= '25%';
      d.spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    d.spec.revisionHistoryLimit ??= 10;
    d.spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(d.spec.template);
  },
  validate(o) {
    const d = o as Deployment;
    const errs = validateSelectorAndTemplate(d.spec);
    const s = d.spec?.strategy;
    if (s?.type && !['Recreate', 'RollingUpdate'].includes(s.type)) {
      errs.push({
        type: 'Unsupported',
        field: 'spec.strategy.type',
        value: s.type,
        supported: ['Recreate', 'RollingUpdate'],
      });
    }
    if (s?.type === 'Recreate' && s.rollingUpdate) {
      errs.push({
        type: 'Forbidden',
        field: 'spec.strategy.rollingUpdate',
        detail: "may not be specified when strategy `type` is 'Recreate'",
      });
    }
    const ru = s?.rollingUpdate;
    if (ru) {
      errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      const zero = (v: unknown) => v === 0 || v === '0%';
      if (zero(ru.maxSurge) && zero(ru.maxUnavailable)) {
        errs.push({
          type: 'Invalid',
          field: 'spec.strategy.rollingUpdate.maxUnavailable',
          value: ru.maxUnavailable,
          detail: 'may not be 0 when `maxSurge` is 0',
        });
      }
    }
    errs.push(...validateNonNegative(d.spec?.minReadySeconds, 'spec.minReadySeconds'));
    errs.push(...validateNonNegative(d.spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
    if (
      d.spec?.progressDeadlineSeconds !== undefined &&
      d.spec.progressDeadlineSeconds <= (d.spec.minReadySeconds ?? 0)
    ) {
      errs.push({
        type: 'Invalid',
        field: 'spec.progressDeadlineSeconds',
        value: d.spec.progressDeadlineSeconds,
        detail: 'must be greater than minReadySeconds',
      });
    }
    return errs;
  },
  validateUpdate: (o, old) => selectorImmutable(o.spec?.selector, old.spec?.selector),
  initialStatus: () => ({}),
};
