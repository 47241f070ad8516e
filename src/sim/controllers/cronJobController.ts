/**
 * CronJob controller: creates a Job named `<cronjob>-<scheduled time in Unix minutes>` at each scheduled time
 * of the simulation clock (UTC), honours concurrencyPolicy (Allow, Forbid, Replace), startingDeadlineSeconds
 * and suspend, tracks active jobs, and deletes finished jobs beyond the history limits.
 */
import type { Cluster, SimModule } from '../cluster';
import type { KObject } from '../api/types';
import { CONTROLLER_MANAGER } from './util';
import { controllerRef, ownerRefTo } from '../api/ownerReferences';
import { nsKey, splitKey } from '../api/store';
import { hasCondition } from '../api/conditions';
import { writeStatusIfChanged } from './writeStatus';
import { nextCronIn, parseCron } from '../kinds/cronSchedule';
import { isJobFinished } from './jobController';

const NAME = 'cronjob-controller';
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

function ensureJobIndex(c: Cluster): void {
  if (c.store.hasIndex('Job', 'controller')) return;
  c.store.addIndex('Job', 'controller', (o) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  });
}

/** Unix ms of a simulation time (the cluster's clock starts at 2026-01-01T00:00:00Z). */
function unixOf(c: Cluster, simMs: number): number {
  return Date.parse(c.iso(0)) + simMs;
}

/** The most recent schedule time in (after, now], in sim ms, and the next one after now. */
export function scheduleTimes(
  c: Cluster,
  schedule: string,
  afterSim: number,
  tz?: string,
): { last?: number; next?: number } {
  const s = parseCron(schedule);
  if (typeof s === 'string') return {};
  const base = unixOf(c, 0);
  const nowUnix = unixOf(c, c.now);
  let t = nextCronIn(s, unixOf(c, afterSim), tz);
  let last: number | undefined;
  let guard = 0;
  while (t !== undefined && t <= nowUnix && guard++ < 100_000) {
    last = t;
    t = nextCronIn(s, t, tz);
  }
  return {
    ...(last !== undefined ? { last: last - base } : {}),
    ...(t !== undefined ? { next: t - base } : {}),
  };
}

function jobRef(j: KObject) {
  return {
    kind: 'Job',
    namespace: j.metadata.namespace,
    name: j.metadata.name,
    uid: j.metadata.uid,
    apiVersion: 'batch/v1',
  };
}

function reconcile(c: Cluster, key: string): void {
  const [ns, name] = splitKey(key);
  const cj = c.api.get('CronJob', ns, name);
  if (!cj || cj.metadata.deletionTimestamp) return;
  const spec = cj.spec;
  let jobs = c.api.byIndex('Job', 'controller', cj.metadata.uid!);
  const status: Record<string, unknown> = { ...(cj.status ?? {}) };
  const seen = new Set(((cj.status?.active ?? []) as { uid?: string }[]).map((r) => r.uid));
  for (const j of jobs) {
    if (isJobFinished(j) && seen.has(j.metadata.uid)) {
      const cond = hasCondition(j, 'Complete') ? 'Complete' : 'Failed';
      c.api.recordEvent(
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${j.metadata.name}, condition: ${cond}`,
        NAME,
      );
    }
    if (hasCondition(j, 'Complete')) {
      const t = j.status?.completionTime as string | undefined;
      if (t && (!status.lastSuccessfulTime || t > (status.lastSuccessfulTime as string)))
        status.lastSuccessfulTime = t;
    }
  }
  // History limits: oldest finished jobs go first.
  const byStart = (a: KObject, b: KObject) =>
    String(a.metadata.annotations?.[SCHEDULED_ANNOTATION] ?? a.metadata.creationTimestamp) <
    String(b.metadata.annotations?.[SCHEDULED_ANNOTATION] ?? b.metadata.creationTimestamp)
      ? -1
      : 1;
  for (const [cond, limit] of [
    ['Complete', spec.successfulJobsHistoryLimit ?? 3],
    ['Failed', spec.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const done = jobs.filter((j) => hasCondition(j, cond) && !j.metadata.deletionTimestamp).sort(byStart);
    for (const j of done.slice(0, Math.max(0, done.length - limit))) {
      if (
        c.api.delete('Job', ns, j.metadata.name, {
          actor: CONTROLLER_MANAGER,
          propagationPolicy: 'Background',
        }).ok
      ) {
        c.api.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, NAME);
      }
    }
  }
  jobs = c.api.byIndex('Job', 'controller', cj.metadata.uid!);
  let active = jobs.filter((j) => !isJobFinished(j) && !j.metadata.deletionTimestamp);

  const from = status.lastScheduleTime
    ? c.fromIso(status.lastScheduleTime as string)
    : c.fromIso(cj.metadata.creationTimestamp);
  const { last, next } = scheduleTimes(c, String(spec.schedule ?? ''), from, spec.timeZone);
  if (!spec.suspend && last !== undefined) {
    const late = c.now - last;
    const deadline = spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && late > deadline * 1000) {
      c.api.recordEvent(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${c.iso(last)}`,
        NAME,
      );
      status.lastScheduleTime = c.iso(last);
    } else if (spec.concurrencyPolicy === 'Forbid' && active.length) {
      c.api.recordEvent(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
        NAME,
      );
      // The schedule time stays missed; the next one is tried at its time.
      status.lastScheduleTime = c.iso(last);
    } else {
      if (spec.concurrencyPolicy === 'Replace') {
        for (const j of active) {
          if (
            c.api.delete('Job', ns, j.metadata.name, {
              actor: CONTROLLER_MANAGER,
              propagationPolicy: 'Background',
            }).ok
          ) {
            c.api.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, NAME);
          }
        }
        active = [];
      }
      const jobName = `${name}-${Math.floor(unixOf(c, last) / 60_000)}`;
      const tmpl = spec.jobTemplate ?? {};
      const r = c.api.create(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: jobName,
            namespace: ns,
            labels: { ...(tmpl.metadata?.labels ?? {}) },
            annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_ANNOTATION]: c.iso(last) },
            ownerReferences: [ownerRefTo(cj)],
          },
          spec: structuredClone(tmpl.spec ?? {}),
        },
        { actor: CONTROLLER_MANAGER },
      );
      if (r.ok) {
        c.api.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, NAME);
        active.push(r.obj);
      } else if (r.error.reason !== 'AlreadyExists') {
        c.api.recordEvent(cj, 'Warning', 'FailedCreate', `Error creating job: ${r.error.message}`, NAME);
      }
      status.lastScheduleTime = c.iso(last);
    }
  }
  if (active.length) status.active = active.map(jobRef);
  else delete status.active;
  writeStatusIfChanged(c, cj, status);
  if (next !== undefined && !spec.suspend) c.enqueueAfter(NAME, key, next - c.now);
}

export const cronJobController: SimModule = {
  name: NAME,
  install(c) {
    ensureJobIndex(c);
    c.registerReconciler(NAME, (key) => reconcile(c, key));
    c.api.watch('CronJob', (type, o) => {
      if (type !== 'DELETED') c.enqueue(NAME, nsKey(o));
    });
    c.api.watch('Job', (_type, o, old) => {
      const ref = controllerRef(o);
      if (ref?.kind !== 'CronJob') return;
      if (
        old &&
        isJobFinished(old) === isJobFinished(o) &&
        !!old.metadata.deletionTimestamp === !!o.metadata.deletionTimestamp
      )
        return;
      c.enqueue(NAME, `${o.metadata.namespace}/${ref.name}`);
    });
  },
};
