/**
 * The CronJob controller alone (no Job controller): the test ends Jobs itself by writing their conditions.
 * Expectations follow kubernetes.io (concepts/workloads/controllers/cron-jobs: concurrencyPolicy, suspend,
 * startingDeadlineSeconds, history limits defaulting to 3 successful and 1 failed) and K:pkg/controller/cronjob
 * (controller v2: Job names `<cronjob>-<scheduled time in minutes since the Unix epoch>`, the
 * batch.kubernetes.io/cronjob-scheduled-timestamp annotation, event reasons SuccessfulCreate, SuccessfulDelete,
 * JobAlreadyActive, SawCompletedJob, TooManyMissedTimes; mostRecentScheduleTime / nextScheduleTime of utils.go:
 * the search starts at max(lastScheduleTime or creation, now - startingDeadlineSeconds), lastScheduleTime moves
 * only when a Job is made, more than 100 missed times warn and still start the latest).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import type { KObject } from '../api/types';
import { controllerCluster } from '../testing/controllerCluster';
import { newCronJob } from '../testing/workloadBuilders';
import { cronJobController } from './cronJobController';

const MIN = 60_000;
/** Minutes since the Unix epoch of the sim's start, 2026-01-01T00:00:00Z. */
const T0 = Date.UTC(2026, 0, 1) / MIN;
/** The Job the real controller names for the schedule time `m` minutes after the start. */
const jobAt = (m: number) => `hello-${T0 + m}`;

const cluster = (spec: Record<string, unknown> = {}, schedule = '* * * * *') =>
  controllerCluster([cronJobController], [newCronJob('hello', schedule, spec)]);
const cronJob = (c: Cluster) => c.api.get('CronJob', 'default', 'hello')!;
const jobs = (c: Cluster) =>
  c.api
    .list('Job', 'default')
    .filter((j) => !j.metadata.deletionTimestamp)
    .map((j) => j.metadata.name)
    .sort();
const activeNames = (c: Cluster) =>
  ((cronJob(c).status?.active ?? []) as { name: string }[]).map((r) => r.name).sort();
const reasons = (c: Cluster) => c.api.eventsFor(cronJob(c)).map((e) => `${e.reason}: ${e.message}`);
/** Plays the Job controller: marks Job `name` Complete or Failed now. */
const finish = (c: Cluster, name: string, type: 'Complete' | 'Failed') => {
  c.api.mutate<KObject>(
    'Job',
    'default',
    name,
    (j) => {
      j.status = {
        ...(j.status ?? {}),
        conditions: [{ type, status: 'True', lastTransitionTime: c.iso() }],
        ...(type === 'Complete' ? { completionTime: c.iso() } : {}),
      };
    },
    { status: true },
  );
  c.settle();
};
const setSpec = (c: Cluster, fields: Record<string, unknown>) => {
  c.api.mutate<KObject>('CronJob', 'default', 'hello', (o) => void Object.assign(o.spec, fields));
  c.settle();
};

describe('CronJob controller: concurrencyPolicy', () => {
  const cases: { policy: string; jobs: string[]; active: string[]; event: string }[] = [
    {
      policy: 'Allow',
      jobs: [jobAt(1), jobAt(2)],
      active: [jobAt(1), jobAt(2)],
      event: `SuccessfulCreate: Created job ${jobAt(2)}`,
    },
    {
      policy: 'Forbid',
      jobs: [jobAt(1)],
      active: [jobAt(1)],
      event:
        'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    },
    {
      policy: 'Replace',
      jobs: [jobAt(2)],
      active: [jobAt(2)],
      event: `SuccessfulCreate: Created job ${jobAt(2)}`,
    },
  ];
  for (const t of cases) {
    it(`${t.policy}: the second run while the first is still active`, () => {
      const c = cluster({ concurrencyPolicy: t.policy });
      c.advance(MIN);
      expect(jobs(c)).toEqual([jobAt(1)]);
      c.advance(MIN);
      expect(jobs(c)).toEqual(t.jobs);
      expect(activeNames(c)).toEqual(t.active);
      expect(reasons(c).at(-1)).toBe(t.event);
      if (t.policy === 'Replace') expect(reasons(c)).toContain(`SuccessfulDelete: Deleted job ${jobAt(1)}`);
    });
  }

  it('Forbid only holds back while a Job is active: one finished in time lets the next run start', () => {
    const c = cluster({ concurrencyPolicy: 'Forbid' });
    c.advance(MIN + 30_000);
    finish(c, jobAt(1), 'Complete');
    c.advance(30_000);
    expect(jobs(c)).toEqual([jobAt(1), jobAt(2)]);
    expect(activeNames(c)).toEqual([jobAt(2)]);
    expect(reasons(c).some((r) => r.startsWith('JobAlreadyActive'))).toBe(false);
  });
});

describe('CronJob controller: the Job it creates and the status', () => {
  it('names the Job <cronjob>-<minutes since epoch>, owns it and annotates the scheduled time', () => {
    const c = cluster({}, '*/5 * * * *');
    c.advance(4 * MIN);
    expect(jobs(c)).toEqual([]);
    c.advance(MIN);
    const j = c.api.get('Job', 'default', jobAt(5))!;
    expect(j.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'hello',
      controller: true,
    });
    expect(j.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2026-01-01T00:05:00Z',
    );
    expect(cronJob(c).status.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(cronJob(c).status.active).toEqual([
      expect.objectContaining({ kind: 'Job', name: jobAt(5), apiVersion: 'batch/v1' }),
    ]);
  });

  it('records a completed Job: SawCompletedJob, lastSuccessfulTime, no longer active', () => {
    const c = cluster();
    c.advance(MIN);
    c.advance(20_000);
    finish(c, jobAt(1), 'Complete');
    expect(reasons(c)).toContain(`SawCompletedJob: Saw completed job: ${jobAt(1)}, condition: Complete`);
    expect(cronJob(c).status.lastSuccessfulTime).toBe('2026-01-01T00:01:20Z');
    expect(cronJob(c).status.active).toBeUndefined();
  });
});

describe('CronJob controller: history limits', () => {
  const cases: { name: string; spec: Record<string, unknown>; end: 'Complete' | 'Failed'; kept: number[] }[] =
    [
      { name: 'keeps the 3 newest successful Jobs by default', spec: {}, end: 'Complete', kept: [3, 4, 5] },
      { name: 'keeps the newest failed Job by default', spec: {}, end: 'Failed', kept: [5] },
      {
        name: 'successfulJobsHistoryLimit: 0 keeps none',
        spec: { successfulJobsHistoryLimit: 0 },
        end: 'Complete',
        kept: [],
      },
      {
        name: 'failedJobsHistoryLimit: 2 keeps two',
        spec: { failedJobsHistoryLimit: 2 },
        end: 'Failed',
        kept: [4, 5],
      },
    ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster(t.spec);
      for (let m = 1; m <= 5; m++) {
        c.advance(MIN);
        finish(c, jobAt(m), t.end);
      }
      expect(jobs(c)).toEqual(t.kept.map(jobAt));
      expect(reasons(c)).toContain(`SuccessfulDelete: Deleted job ${jobAt(1)}`);
    });
  }
});

describe('CronJob controller: suspend and startingDeadlineSeconds', () => {
  it('suspend: true creates no Job; resuming starts the most recent missed schedule time only', () => {
    const c = cluster({ suspend: true });
    c.advance(3 * MIN);
    expect(jobs(c)).toEqual([]);
    setSpec(c, { suspend: false });
    expect(jobs(c)).toEqual([jobAt(3)]);
    expect(cronJob(c).status.lastScheduleTime).toBe('2026-01-01T00:03:00Z');
  });

  it('a schedule time missed by more than startingDeadlineSeconds is silently skipped (no MissSchedule)', () => {
    // K 1.32: the search for unmet times starts startingDeadlineSeconds ago, so a time older than that is no
    // candidate and the MissSchedule branch is never reached (kubernetes/kubernetes#111223, closed unfixed).
    const c = cluster({ suspend: true, startingDeadlineSeconds: 10 });
    c.advance(3 * MIN + 30_000);
    setSpec(c, { suspend: false });
    expect(jobs(c)).toEqual([]);
    expect(reasons(c)).toEqual([]);
    expect(cronJob(c).status?.lastScheduleTime).toBeUndefined();
    // The next schedule time, within the deadline, starts normally.
    c.advance(30_000);
    expect(jobs(c)).toEqual([jobAt(4)]);
  });

  it('a late start within startingDeadlineSeconds still creates the Job', () => {
    const c = cluster({ suspend: true, startingDeadlineSeconds: 60 });
    c.advance(3 * MIN + 30_000);
    setSpec(c, { suspend: false });
    expect(jobs(c)).toEqual([jobAt(3)]);
  });
});

describe('CronJob controller: a run Forbid held back', () => {
  it('starts once the active Job finishes, named for the held-back schedule time', () => {
    const c = cluster({ concurrencyPolicy: 'Forbid' });
    c.advance(2 * MIN);
    expect(jobs(c)).toEqual([jobAt(1)]);
    // Held back: lastScheduleTime stays at the run that was made.
    expect(cronJob(c).status.lastScheduleTime).toBe('2026-01-01T00:01:00Z');
    c.advance(30_000);
    finish(c, jobAt(1), 'Complete');
    expect(jobs(c)).toEqual([jobAt(1), jobAt(2)]);
    expect(activeNames(c)).toEqual([jobAt(2)]);
    expect(cronJob(c).status.lastScheduleTime).toBe('2026-01-01T00:02:00Z');
    expect(reasons(c).slice(-2)).toEqual([
      `SawCompletedJob: Saw completed job: ${jobAt(1)}, condition: Complete`,
      `SuccessfulCreate: Created job ${jobAt(2)}`,
    ]);
  });

  it('several held-back times start one Job, for the latest of them', () => {
    const c = cluster({ concurrencyPolicy: 'Forbid' });
    c.advance(4 * MIN + 10_000);
    const held = c.api.eventsFor(cronJob(c)).find((e) => e.reason === 'JobAlreadyActive')!;
    expect(held.count).toBe(3);
    finish(c, jobAt(1), 'Complete');
    expect(jobs(c)).toEqual([jobAt(1), jobAt(4)]);
  });

  it('a held-back time older than startingDeadlineSeconds when the Job finishes is dropped; the next runs', () => {
    const c = cluster({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 20 });
    c.advance(2 * MIN + 30_000);
    finish(c, jobAt(1), 'Complete');
    expect(jobs(c)).toEqual([jobAt(1)]);
    c.advance(30_000);
    expect(jobs(c)).toEqual([jobAt(1), jobAt(3)]);
  });

  it('a held-back time still within startingDeadlineSeconds starts when the Job finishes', () => {
    const c = cluster({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 40 });
    c.advance(2 * MIN + 30_000);
    finish(c, jobAt(1), 'Complete');
    expect(jobs(c)).toEqual([jobAt(1), jobAt(2)]);
  });
});

describe('CronJob controller: too many missed start times', () => {
  const cases: {
    name: string;
    suspended: number;
    spec: Record<string, unknown>;
    warns: boolean;
    job: number;
  }[] = [
    { name: '100 missed: no warning', suspended: 100, spec: {}, warns: false, job: 100 },
    {
      name: '101 missed: TooManyMissedTimes, the latest still starts',
      suspended: 101,
      spec: {},
      warns: true,
      job: 101,
    },
    {
      name: 'startingDeadlineSeconds bounds the count',
      suspended: 300,
      spec: { startingDeadlineSeconds: 120 },
      warns: false,
      job: 300,
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster({ suspend: true, ...t.spec });
      c.advance(t.suspended * MIN + 5_000);
      setSpec(c, { suspend: false });
      const warning = c.api.eventsFor(cronJob(c)).find((e) => e.reason === 'TooManyMissedTimes');
      if (t.warns)
        expect(warning).toMatchObject({
          type: 'Warning',
          message:
            'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
        });
      else expect(warning).toBeUndefined();
      expect(jobs(c)).toEqual([jobAt(t.job)]);
    });
  }

  it('a weekday schedule finds its latest time after a long pause', () => {
    // Mondays to Fridays at 09:30: 2026-01-01 is a Thursday; resumed on Monday 2026-01-12 at 10:00.
    const c = controllerCluster(
      [cronJobController],
      [newCronJob('hello', '30 9 * * 1-5', { suspend: true })],
    );
    c.advance(Date.UTC(2026, 0, 12, 10) - Date.UTC(2026, 0, 1));
    setSpec(c, { suspend: false });
    expect(jobs(c)).toEqual([`hello-${Date.UTC(2026, 0, 12, 9, 30) / MIN}`]);
  });
});
