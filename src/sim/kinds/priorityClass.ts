/** PriorityClass (scheduling.k8s.io/v1): a name for a pod priority value. Stored and served; the scheduler does not preempt by it yet. */
import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import type { KObject } from '../api/types';
import { bool, int, str } from '../api/schema';
import { rootSchema } from './common';

type PriorityClassObject = KObject & { value?: number; preemptionPolicy?: string };

export const priorityClassKind: KindDef = {
  kind: 'PriorityClass',
  apiVersion: 'scheduling.k8s.io/v1',
  group: 'scheduling.k8s.io',
  version: 'v1',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  shortNames: ['pc'],
  namespaced: false,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'PriorityClass',
    'PriorityClass defines mapping from a priority class name to the priority integer value.',
    {
      value: int(
        'The value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.',
      ),
      globalDefault: bool(
        'Whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.',
      ),
      description: str(
        'An arbitrary string that usually provides guidelines on when this priority class should be used.',
      ),
      preemptionPolicy: str(
        'The Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority.',
        ['Never', 'PreemptLowerPriority'],
      ),
    },
  ),
  defaults(o: KObject): void {
    (o as PriorityClassObject).preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate(o: KObject): FieldError[] {
    const pc = o as PriorityClassObject;
    const errs: FieldError[] = [];
    if (typeof pc.value !== 'number') errs.push({ type: 'Required', field: 'value', detail: '' });
    // Values above one billion are reserved for the system classes (system-cluster-critical …).
    else if (pc.value > 1_000_000_000)
      errs.push({
        type: 'Forbidden',
        field: 'value',
        detail: 'maximum allowed value of a user defined priority is 1000000000',
      });
    if (pc.preemptionPolicy && !['Never', 'PreemptLowerPriority'].includes(pc.preemptionPolicy))
      errs.push({
        type: 'Unsupported',
        field: 'preemptionPolicy',
        value: pc.preemptionPolicy,
        supported: ['Never', 'PreemptLowerPriority'],
      });
    return errs;
  },
};
