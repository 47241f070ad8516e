import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, bool, int, obj, str } from '../api/schema';
import { labelSelector, objectMeta, podTemplateSpec, rootSchema } from './common';
import { defaultTemplate, immutableField, validateSelectorAndTemplate } from './workloadRules';
import { validateNonNegative } from '../api/validation';
import type { ObjectSchema } from '../api/schema';

// Learners' YAML: loosely typed on purpose (the schema has checked its shape).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

export const JOB_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

export const jobSpecSchema: ObjectSchema = obj(
  'JobSpec',
  {
    parallelism: int('Maximum desired number of pods the job should run at any given time. Defaults to 1.'),
    completions: int(
      'Desired number of successfully finished pods the job should be run with. Defaults to 1 (unset with parallelism: any pod success completes the job).',
    ),
    backoffLimit: int('Number of retries before marking this job failed. Defaults to 6.'),
    activeDeadlineSeconds: int(
      'Duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it.',
      'int64',
    ),
    ttlSecondsAfterFinished: int(
      'Limits the lifetime of a Job that has finished execution (Complete or Failed): it is deleted this many seconds later.',
    ),
    completionMode: str('NonIndexed (default) or Indexed.', ['NonIndexed', 'Indexed']),
    suspend: bool(
      'Suspend specifies whether the Job controller should create Pods or not. Defaults to false.',
    ),
    selector: labelSelector,
    manualSelector: bool('Controls generation of pod labels and pod selectors. Leave unset.'),
    template: podTemplateSpec,
    podReplacementPolicy: str('When to create replacement Pods: TerminatingOrFailed (default) or Failed.', [
      'TerminatingOrFailed',
      'Failed',
    ]),
    backoffLimitPerIndex: int(),
    maxFailedIndexes: int(),
    podFailurePolicy: any(),
    successPolicy: any(),
    managedBy: str(),
  },
  { required: ['template'], description: 'Specification of the desired behavior of a job.' },
);

/** Defaults of a JobSpec (shared by CronJob's jobTemplate). */
export function defaultJobSpec(s: Loose | undefined): void {
  if (!s || typeof s !== 'object') return;
  if (s.completions === undefined && s.parallelism === undefined) s.completions = 1;
  s.parallelism ??= 1;
  s.backoffLimit ??= 6;
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  s.podReplacementPolicy ??= 'TerminatingOrFailed';
  defaultTemplate(s.template);
}

export function validateJobSpec(s: Loose | undefined, prefix: string): FieldError[] {
  if (!s || typeof s !== 'object') return [{ type: 'Required', field: `${prefix}.template` }];
  const errs: FieldError[] = [];
  for (const f of [
    'parallelism',
    'completions',
    'backoffLimit',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished',
  ])
    errs.push(...validateNonNegative(s[f], `${prefix}.${f}`));
  if (s.activeDeadlineSeconds === 0)
    errs.push({
      type: 'Invalid',
      field: `${prefix}.activeDeadlineSeconds`,
      value: 0,
      detail: 'must be greater than 0',
    });
  if (s.completionMode === 'Indexed' && (s.completions === undefined || s.completions === null)) {
    errs.push({
      type: 'Required',
      field: `${prefix}.completions`,
      detail: 'when completion mode is Indexed',
    });
  }
  if (s.completionMode && !['NonIndexed', 'Indexed'].includes(s.completionMode)) {
    errs.push({
      type: 'Unsupported',
      field: `${prefix}.completionMode`,
      value: s.completionMode,
      supported: ['NonIndexed', 'Indexed'],
    });
  }
  if (!s.template) errs.push({ type: 'Required', field: `${prefix}.template` });
  else {
    const rp = s.template.spec?.restartPolicy;
    if (rp !== 'OnFailure' && rp !== 'Never') {
      if (rp === undefined || rp === 'Always')
        errs.push({
          type: 'Required',
          field: `${prefix}.template.spec.restartPolicy`,
          detail: 'valid values: "OnFailure", "Never"',
        });
    }
    const sub = validateSelectorAndTemplate(
      {
        selector: s.selector ?? { matchLabels: { ...(s.template.metadata?.labels ?? {}) } },
        template: s.template,
      },
      { restartPolicies: ['OnFailure', 'Never'] },
    );
    errs.push(
      ...sub
        .filter(
          (e) =>
            !(
              e.type === 'Unsupported' &&
              e.field.endsWith('restartPolicy') &&
              (rp === 'Always' || rp === undefined)
            ),
        )
        .map((e) => ({ ...e, field: e.field.replace(/^spec\./, `${prefix}.`) })),
    );
  }
  return errs;
}

export const jobKind: KindDef = {
  kind: 'Job',
  apiVersion: 'batch/v1',
  group: 'batch',
  version: 'v1',
  plural: 'jobs',
  singular: 'job',
  shortNames: [],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema(
    'Job',
    'Job represents the configuration of a single job: pods that run to completion.',
    {
      spec: jobSpecSchema,
      status: any('Current status of a job (active, succeeded, failed, conditions). Read-only.'),
    },
  ),
  defaults(o, ctx) {
    const s = o.spec;
    if (!s || typeof s !== 'object') return;
    defaultJobSpec(s);
    // The API server generates the selector from the Job's uid (its uid is known at this point).
    if (!ctx.old && !s.manualSelector && s.template && typeof s.template === 'object') {
      const uid = (o.metadata.uid as string | undefined) ?? ctx.cluster.rng.uuid();
      o.metadata.uid = uid;
      s.selector = { matchLabels: { [JOB_UID_LABEL]: uid } };
      s.template.metadata ??= {};
      s.template.metadata.labels = {
        ...(s.template.metadata.labels ?? {}),
        [JOB_UID_LABEL]: uid,
        [JOB_NAME_LABEL]: o.metadata.name,
        'controller-uid': uid,
        'job-name': o.metadata.name,
      };
    }
  },
  validate: (o) => validateJobSpec(o.spec, 'spec'),
  validateUpdate: (o, old) => [
    ...immutableField('spec.selector', o.spec?.selector, old.spec?.selector),
    ...immutableField('spec.template', o.spec?.template, old.spec?.template),
    ...immutableField('spec.completions', o.spec?.completions, old.spec?.completions),
  ],
  initialStatus: () => ({}),
};

export const jobTemplateSchema = obj(
  'JobTemplateSpec',
  { metadata: objectMeta, spec: jobSpecSchema },
  { description: 'Specifies the job that will be created when executing a CronJob.' },
);
