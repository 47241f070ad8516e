import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { any, bool, int, obj, str } from '../api/schema';
import { rootSchema } from './common';
import { defaultJobSpec, jobTemplateSchema, validateJobSpec } from './job';
import { isTimeZone, parseCron } from './cronSchedule';

export const cronJobKind: KindDef = {
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  group: 'batch',
  version: 'v1',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  categories: ['all'],
  nameRule: 'subdomain',
  hasStatus: true,
  tracksGeneration: true,
  schema: rootSchema('CronJob', 'CronJob represents the configuration of a single cron job.', {
    spec: obj(
      'CronJobSpec',
      {
        schedule: str('The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
        timeZone: str(
          'The time zone name for the given schedule. Unset: the time zone of the kube-controller-manager (UTC here).',
        ),
        startingDeadlineSeconds: int(
          'Optional deadline in seconds for starting the job if it misses scheduled time for any reason.',
          'int64',
        ),
        concurrencyPolicy: str(
          'How to treat concurrent executions of a Job: Allow (default), Forbid, Replace.',
          ['Allow', 'Forbid', 'Replace'],
        ),
        suspend: bool('Tells the controller to suspend subsequent executions. Defaults to false.'),
        jobTemplate: jobTemplateSchema,
        successfulJobsHistoryLimit: int('The number of successful finished jobs to retain. Defaults to 3.'),
        failedJobsHistoryLimit: int('The number of failed finished jobs to retain. Defaults to 1.'),
      },
      { required: ['schedule', 'jobTemplate'] },
    ),
    status: any('Current status of a cron job (active, lastScheduleTime, lastSuccessfulTime). Read-only.'),
  }),
  defaults(o) {
    const s = o.spec;
    if (!s || typeof s !== 'object') return;
    s.concurrencyPolicy ??= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    if (s.jobTemplate && typeof s.jobTemplate === 'object') {
      s.jobTemplate.metadata ??= {};
      if (s.jobTemplate.metadata.creationTimestamp === undefined)
        s.jobTemplate.metadata.creationTimestamp = null;
      defaultJobSpec(s.jobTemplate.spec);
    }
  },
  validate(o) {
    const s = o.spec ?? {};
    const errs: FieldError[] = [];
    if (!s.schedule) errs.push({ type: 'Required', field: 'spec.schedule' });
    else if (typeof parseCron(String(s.schedule)) === 'string')
      errs.push({
        type: 'Invalid',
        field: 'spec.schedule',
        value: s.schedule,
        detail: parseCron(String(s.schedule)) as string,
      });
    if (
      s.timeZone !== undefined &&
      (typeof s.timeZone !== 'string' || !s.timeZone || !isTimeZone(s.timeZone))
    )
      errs.push({
        type: 'Invalid',
        field: 'spec.timeZone',
        value: s.timeZone,
        detail: `unknown time zone ${s.timeZone}`,
      });
    if (s.concurrencyPolicy && !['Allow', 'Forbid', 'Replace'].includes(s.concurrencyPolicy))
      errs.push({
        type: 'Unsupported',
        field: 'spec.concurrencyPolicy',
        value: s.concurrencyPolicy,
        supported: ['Allow', 'Forbid', 'Replace'],
      });
    if (!s.jobTemplate) errs.push({ type: 'Required', field: 'spec.jobTemplate' });
    else errs.push(...validateJobSpec(s.jobTemplate.spec, 'spec.jobTemplate.spec'));
    if (o.metadata.name && o.metadata.name.length > 52)
      errs.push({
        type: 'Invalid',
        field: 'metadata.name',
        value: o.metadata.name,
        detail: 'must be no more than 52 characters',
      });
    return errs;
  },
  initialStatus: () => ({}),
};
