import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, arr, int, obj, qty, str } from '../api/schema';
import { rootSchema } from './common';

const target = obj('MetricTarget', {
  type: str('Whether the metric type is Utilization, Value, or AverageValue.', [
    'Utilization',
    'Value',
    'AverageValue',
  ]),
  averageUtilization: int(
    'The target value of the average of the resource metric across all relevant pods, as a percentage of the requested value of the resource for the pods.',
  ),
  averageValue: qty(
    'The target value of the average of the metric across all relevant pods (as a quantity).',
  ),
  value: qty('The target value of the metric (as a quantity).'),
});
const policy = obj(
  'HPAScalingPolicy',
  {
    type: str('Pods or Percent.', ['Pods', 'Percent']),
    value: int('The amount of change which is permitted by the policy. It must be greater than zero.'),
    periodSeconds: int('The window of time for which the policy should hold true (1–1800 seconds).'),
  },
  { required: ['type', 'value', 'periodSeconds'] },
);
const rules = (what: string) =>
  obj('HPAScalingRules', {
    stabilizationWindowSeconds: int(
      `The number of seconds for which past recommendations should be considered while scaling ${what}.`,
    ),
    selectPolicy: str('Which policy should be used: Max (default), Min or Disabled.', [
      'Max',
      'Min',
      'Disabled',
    ]),
    policies: arr(policy, 'A list of potential scaling polices which can be used during scaling.'),
    tolerance: qty(),
  });

export const hpaKind: KindDef = {
  kind: 'HorizontalPodAutoscaler',
  apiVersion: 'autoscaling/v2',
  group: 'autoscaling',
  version: 'v2',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  schema: rootSchema(
    'HorizontalPodAutoscaler',
    'HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which automatically manages the replica count of any resource implementing the scale subresource based on the metrics specified.',
    {
      spec: obj(
        'HorizontalPodAutoscalerSpec',
        {
          scaleTargetRef: obj(
            'CrossVersionObjectReference',
            {
              apiVersion: str(),
              kind: str('Kind of the referent (Deployment, StatefulSet, ReplicaSet).'),
              name: str(),
            },
            { required: ['kind', 'name'], description: 'Points to the target resource to scale.' },
          ),
          minReplicas: int(
            'The lower limit for the number of replicas to which the autoscaler can scale down. Defaults to 1.',
          ),
          maxReplicas: int(
            'The upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.',
          ),
          metrics: arr(
            obj(
              'MetricSpec',
              {
                type: str(
                  'The type of metric source: Resource, Pods, Object, External or ContainerResource.',
                  ['Resource', 'Pods', 'Object', 'External', 'ContainerResource'],
                ),
                resource: obj(
                  'ResourceMetricSource',
                  { name: str('The name of the resource in question (cpu, memory).'), target },
                  { required: ['name', 'target'] },
                ),
                containerResource: any(),
                pods: any(),
                object: any(),
                external: any(),
              },
              { required: ['type'] },
            ),
            'The specifications for which to use to calculate the desired replica count. Defaults to 80% average CPU utilization.',
          ),
          behavior: obj(
            'HorizontalPodAutoscalerBehavior',
            { scaleUp: rules('up'), scaleDown: rules('down') },
            { description: 'The behavior of the target in both Up and Down directions.' },
          ),
        },
        { required: ['scaleTargetRef', 'maxReplicas'] },
      ),
      status: any('The current information about the autoscaler. Read-only.'),
    },
  ),
  defaults(o) {
    const s = o.spec;
    if (!s || typeof s !== 'object') return;
    s.minReplicas ??= 1;
    if (!s.metrics)
      s.metrics = [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ];
    s.behavior ??= {};
    s.behavior.scaleUp ??= {};
    s.behavior.scaleUp.stabilizationWindowSeconds ??= 0;
    s.behavior.scaleUp.selectPolicy ??= 'Max';
    s.behavior.scaleUp.policies ??= [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ];
    s.behavior.scaleDown ??= {};
    s.behavior.scaleDown.selectPolicy ??= 'Max';
    s.behavior.scaleDown.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  },
  validate(o) {
    const s = o.spec ?? {};
    const errs: FieldError[] = [];
    if (!s.scaleTargetRef?.kind) errs.push({ type: 'Required', field: 'spec.scaleTargetRef.kind' });
    if (!s.scaleTargetRef?.name) errs.push({ type: 'Required', field: 'spec.scaleTargetRef.name' });
    if (s.minReplicas !== undefined && s.minReplicas < 1)
      errs.push({
        type: 'Invalid',
        field: 'spec.minReplicas',
        value: s.minReplicas,
        detail: 'must be greater than or equal to 1',
      });
    if (s.maxReplicas === undefined || s.maxReplicas < 1)
      errs.push({
        type: 'Invalid',
        field: 'spec.maxReplicas',
        value: s.maxReplicas ?? 0,
        detail: 'must be greater than 0',
      });
    else if (s.minReplicas !== undefined && s.maxReplicas < s.minReplicas)
      errs.push({
        type: 'Invalid',
        field: 'spec.maxReplicas',
        value: s.maxReplicas,
        detail: 'must be greater than or equal to `minReplicas`',
      });
    (
      (s.metrics ?? []) as {
        type?: string;
        resource?: { target?: { type?: string; averageUtilization?: number } };
      }[]
    ).forEach((m, i) => {
      if (m.type === 'Resource' && !m.resource)
        errs.push({
          type: 'Required',
          field: `spec.metrics[${i}].resource`,
          detail: 'must populate information for the given metric source',
        });
      const t = m.resource?.target;
      if (t?.type === 'Utilization' && (t.averageUtilization ?? 0) <= 0)
        errs.push({
          type: 'Invalid',
          field: `spec.metrics[${i}].resource.target.averageUtilization`,
          value: t.averageUtilization ?? 0,
          detail: 'must be greater than 0',
        });
    });
    return errs;
  },
  initialStatus: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
};
