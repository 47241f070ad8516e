/**
 * Validation shared by the workload controllers' kinds (ReplicaSet, Deployment, DaemonSet, StatefulSet).
 */
import type { FieldError } from '../api/errors';
import type { LabelSelector, PodTemplateSpec } from '../api/types';
import { selectorMatches } from '../api/labels';
import { validateLabels, validateNonNegative } from '../api/validation';
import { defaultPodSpec, validatePodSpec } from './podSpecRules';

export function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (t && typeof t === 'object') {
    t.metadata ??= {};
    if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null as unknown as string;
    if (t.spec && typeof t.spec === 'object') defaultPodSpec(t.spec);
  }
}

export function validateSelectorAndTemplate(
  spec: { selector?: LabelSelector; template?: PodTemplateSpec; replicas?: number },
  opts: { restartPolicies: string[] } = { restartPolicies: ['Always'] },
): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [{ type: 'Required', field: 'spec.selector' }];
  errs.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  if (!spec.selector) errs.push({ type: 'Required', field: 'spec.selector' });
  else if (!spec.selector.matchLabels && !spec.selector.matchExpressions) {
    errs.push({
      type: 'Invalid',
      field: 'spec.selector',
      value: spec.selector,
      detail: 'empty selector is invalid for deployment',
    });
  }
  if (!spec.template) {
    errs.push({ type: 'Required', field: 'spec.template' });
    return errs;
  }
  const labels = spec.template.metadata?.labels;
  errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  if (
    spec.selector &&
    (spec.selector.matchLabels || spec.selector.matchExpressions) &&
    !selectorMatches(spec.selector, labels)
  ) {
    errs.push({
      type: 'Invalid',
      field: 'spec.template.metadata.labels',
      value: labels ?? {},
      detail: '`selector` does not match template `labels`',
    });
  }
  errs.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'));
  const rp = spec.template.spec?.restartPolicy;
  if (rp && !opts.restartPolicies.includes(rp)) {
    errs.push({
      type: 'Unsupported',
      field: 'spec.template.spec.restartPolicy',
      value: rp,
      supported: opts.restartPolicies,
    });
  }
  return errs;
}

/** `field is immutable` when an update changes the value at `field` (compared as JSON). */
export function immutableField(field: string, newValue: unknown, oldValue: unknown): FieldError[] {
  if (JSON.stringify(newValue) !== JSON.stringify(oldValue)) {
    return [{ type: 'Invalid', field, value: newValue, detail: 'field is immutable' }];
  }
  return [];
}

export function selectorImmutable(newSel: unknown, oldSel: unknown): FieldError[] {
  return immutableField('spec.selector', newSel, oldSel);
}
