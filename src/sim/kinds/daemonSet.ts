import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, int, ios, obj, str } from '../api/schema';
import { labelSelector, podTemplateSpec, rootSchema } from './common';
import { defaultTemplate, selectorImmutable, validateSelectorAndTemplate } from './workloadRules';
import { validateNonNegative } from '../api/validation';

export const daemonSetKind: KindDef = {
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'DaemonSet',
    'DaemonSet represents the configuration of a daemon set: a copy of a pod on every eligible node.',
    {
      spec: obj(
        'DaemonSetSpec',
        {
          selector: labelSelector,
          template: podTemplateSpec,
          updateStrategy: obj(
            'DaemonSetUpdateStrategy',
            {
              type: str(
                'Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.',
                ['RollingUpdate', 'OnDelete'],
              ),
              rollingUpdate: obj('RollingUpdateDaemonSet', {
                maxUnavailable: ios(
                  'The maximum number of DaemonSet pods that can be unavailable during the update. Default 1.',
                ),
                maxSurge: ios(
                  'The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during an update. Default 0.',
                ),
              }),
            },
            { description: 'An update strategy to replace existing DaemonSet pods with new pods.' },
          ),
          minReadySeconds: int(
            'The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0.',
          ),
          revisionHistoryLimit: int('The number of old history to retain to allow rollback. Defaults to 10.'),
        },
        { required: ['selector', 'template'] },
      ),
      status: any('The current status of this daemon set. Read-only.'),
    },
  ),
  defaults(o) {
    const s = o.spec;
    if (!s || typeof s !== 'object') return;
    s.updateStrategy ??= {};
    s.updateStrategy.type ??= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      s.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    defaultTemplate(s.template);
  },
  validate(o) {
    const errs: FieldError[] = validateSelectorAndTemplate(o.spec);
    const t = o.spec?.updateStrategy?.type;
    if (t && !['RollingUpdate', 'OnDelete'].includes(t))
      errs.push({
        type: 'Unsupported',
        field: 'spec.updateStrategy.type',
        value: t,
        supported: ['OnDelete', 'RollingUpdate'],
      });
    errs.push(...validateNonNegative(o.spec?.minReadySeconds, 'spec.minReadySeconds'));
    return errs;
  },
  validateUpdate: (o, old) => selectorImmutable(o.spec?.selector, old.spec?.selector),
  initialStatus: () => ({
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  }),
};
