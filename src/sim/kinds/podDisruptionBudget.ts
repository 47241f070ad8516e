/**
 * PodDisruptionBudget (policy/v1): how many of a set of pods must stay up (minAvailable) or may be down
 * (maxUnavailable) during voluntary disruptions such as `kubectl drain`. The disruption controller fills its
 * status; the eviction API reads it.
 */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, obj, str } from '../api/schema';
import { rootSchema } from './common';

/** An int-or-string: a count, or a percentage `NN%`. */
function validIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0)
      return [{ type: 'Invalid', field, value: v, detail: 'must be greater than or equal to 0' }];
    return [];
  }
  const m = /^(\d+)%$/.exec(String(v));
  if (!m)
    return [
      {
        type: 'Invalid',
        field,
        value: v,
        detail:
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      },
    ];
  if (Number(m[1]) > 100)
    return [{ type: 'Invalid', field, value: v, detail: 'must not be greater than 100%' }];
  return [];
}

export const podDisruptionBudgetKind: KindDef = {
  kind: 'PodDisruptionBudget',
  apiVersion: 'policy/v1',
  group: 'policy',
  version: 'v1',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'PodDisruptionBudget',
    'PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods',
    {
      spec: obj('PodDisruptionBudgetSpec', {
        minAvailable: any(
          'An eviction is allowed if at least "minAvailable" pods selected by "selector" will still be available after the eviction.',
        ),
        maxUnavailable: any(
          'An eviction is allowed if at most "maxUnavailable" pods selected by "selector" are unavailable after the eviction.',
        ),
        selector: any('Label query over pods whose evictions are managed by the disruption budget.'),
        unhealthyPodEvictionPolicy: str('When unhealthy running pods may be evicted.', [
          'IfHealthyBudget',
          'AlwaysAllow',
        ]),
      }),
      status: any('Most recently observed status of the PodDisruptionBudget.'),
    },
  ),
  validate(o): FieldError[] {
    const spec = (o.spec ?? {}) as { minAvailable?: unknown; maxUnavailable?: unknown };
    const errs = [
      ...validIntOrPercent(spec.minAvailable, 'spec.minAvailable'),
      ...validIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'),
    ];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
      errs.push({
        type: 'Invalid',
        field: 'spec',
        value: spec,
        detail: 'minAvailable and maxUnavailable cannot be both set',
      });
    return errs;
  },
  // The status counts are plain int32 fields: a new budget shows them as 0 until the controller has looked.
  initialStatus: () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
};
