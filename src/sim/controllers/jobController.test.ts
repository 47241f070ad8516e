/**
 * The Job controller alone (no scheduler, no kubelet): the test ends pods itself by writing their phase.
 * Expectations follow kubernetes.io (concepts/workloads/controllers/job: completions and parallelism, backoffLimit
 * with the 10 s, 20 s, 40 s… back-off, activeDeadlineSeconds, Indexed completion mode, suspend,
 * ttlSecondsAfterFinished) and K:pkg/controller/job (condition reasons and messages; SuccessCriteriaMet and
 * FailureTarget before Complete and Failed since v1.31).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import type { KObject, Pod } from '../api/types';
import { podStatus } from '../testing/builders';
import { controllerCluster, writePodStatus } from '../testing/controllerCluster';
import { newJob } from '../testing/workloadBuilders';
import { OwnedPodWatch } from './ownedPodWatch';
import { indexRanges, jobController } from './jobController';

const cluster = (objects: KObject[]) => controllerCluster([jobController(new OwnedPodWatch())], objects);
const jobOf = (c: Cluster) => c.api.get('Job', 'default', 'pi');
const active = (c: Cluster) =>
  c.api
    .list<Pod>('Pod', 'default')
    .filter(
      (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
/** Ends every active pod in `phase`; returns how many ended. */
const end = (c: Cluster, phase: 'Succeeded' | 'Failed') => {
  const pods = active(c);
  for (const p of pods) writePodStatus(c, p.metadata.name, podStatus({ phase }), 'node-1');
  c.settle();
  return pods.length;
};
const conditionsOf = (c: Cluster) =>
  (
    (jobOf(c)?.status?.conditions ?? []) as {
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }[]
  ).map((x) => `${x.type}=${x.status}${x.reason ? ` ${x.reason}` : ''}`);

describe('Job controller: completions and parallelism', () => {
  const cases: { name: string; spec: Record<string, unknown>; waves: number[] }[] = [
    { name: 'a non-parallel Job runs one pod', spec: {}, waves: [1] },
    { name: 'completions run one at a time by default', spec: { completions: 3 }, waves: [1, 1, 1] },
    {
      name: 'parallelism caps the pods at a time',
      spec: { completions: 5, parallelism: 2 },
      waves: [2, 2, 1],
    },
    {
      name: 'a work queue (parallelism, no completions) ends at the first success',
      spec: { parallelism: 3 },
      waves: [3],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = cluster([newJob('pi', t.spec)]);
      const waves: number[] = [];
      for (let n = active(c).length; n && waves.length < 10; n = active(c).length)
        waves.push(end(c, 'Succeeded'));
      expect(waves).toEqual(t.waves);
      expect(conditionsOf(c)).toEqual([
        'SuccessCriteriaMet=True CompletionsReached',
        'Complete=True CompletionsReached',
      ]);
      const st = jobOf(c)!.status;
      expect(st.succeeded).toBe(t.waves.reduce((a, b) => a + b, 0));
      expect(st.completionTime).toBeDefined();
      expect(c.api.eventsFor(jobOf(c)!).at(-1)).toMatchObject({
        reason: 'Completed',
        message: 'Job completed',
      });
    });
  }

  it('names pods <job>-<5 chars> and reports them with Created pod:', () => {
    const c = cluster([newJob('pi')]);
    const [p] = active(c);
    expect(p!.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(c.api.eventsFor(jobOf(c)!).map((e) => e.message)).toEqual([`Created pod: ${p!.metadata.name}`]);
  });
});

describe('Job controller: failures', () => {
  it('replaces failed pods after 10 s, 20 s, 40 s and fails past backoffLimit', () => {
    const c = cluster([newJob('pi', { backoffLimit: 2 })]);
    const gaps: number[] = [];
    for (let i = 0; i < 2; i++) {
      end(c, 'Failed');
      const failedAt = c.now;
      for (let waited = 0; !active(c).length && waited < 400; waited++) c.advance(1000);
      gaps.push(c.now - failedAt);
    }
    expect(gaps).toEqual([10_000, 20_000]);
    end(c, 'Failed');
    expect(conditionsOf(c)).toEqual([
      'FailureTarget=True BackoffLimitExceeded',
      'Failed=True BackoffLimitExceeded',
    ]);
    const failed = (jobOf(c)!.status.conditions as { type: string; message: string }[]).find(
      (x) => x.type === 'Failed',
    );
    expect(failed!.message).toBe('Job has reached the specified backoff limit');
    expect(jobOf(c)!.status.failed).toBe(3);
    c.advance(120_000);
    expect(active(c)).toHaveLength(0);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and stops its pods', () => {
    const c = cluster([newJob('pi', { activeDeadlineSeconds: 30 })]);
    expect(active(c)).toHaveLength(1);
    c.advance(29_000);
    expect(conditionsOf(c)).toEqual([]);
    c.advance(2_000);
    expect(conditionsOf(c)).toEqual(['FailureTarget=True DeadlineExceeded', 'Failed=True DeadlineExceeded']);
    expect(active(c)).toHaveLength(0);
    expect(c.api.eventsFor(jobOf(c)!).at(-1)).toMatchObject({
      type: 'Warning',
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
  });
});

describe('Job controller: Indexed completion mode', () => {
  it('gives each index one pod (<job>-<index>-<suffix>, hostname, annotation) and reports completedIndexes', () => {
    const c = cluster([newJob('pi', { completions: 3, parallelism: 3, completionMode: 'Indexed' })]);
    const pods = active(c).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual([
      '0',
      '1',
      '2',
    ]);
    for (const [i, p] of pods.entries()) {
      expect(p.metadata.name).toMatch(new RegExp(`^pi-${i}-[a-z0-9]{5}$`));
      expect(p.spec.hostname).toBe(`pi-${i}`);
    }
    writePodStatus(c, pods[1]!.metadata.name, podStatus({ phase: 'Succeeded' }), 'node-1');
    c.settle();
    expect(jobOf(c)!.status.completedIndexes).toBe('1');
    end(c, 'Succeeded');
    expect(jobOf(c)!.status.completedIndexes).toBe('0-2');
    expect(conditionsOf(c)).toContain('Complete=True CompletionsReached');
  });

  const ranges: [number[], string][] = [
    [[], ''],
    [[0], '0'],
    [[0, 1, 2], '0-2'],
    [[4, 0, 1, 2, 7, 8], '0-2,4,7-8'],
  ];
  for (const [ix, text] of ranges)
    it(`writes [${ix.join(',')}] as "${text}"`, () => expect(indexRanges(ix)).toBe(text));
});

describe('Job controller: suspend and TTL', () => {
  it('suspend deletes the active pods and sets Suspended; resuming sets it False and starts again', () => {
    const c = cluster([newJob('pi', { parallelism: 2, completions: 2 })]);
    expect(active(c)).toHaveLength(2);
    c.api.mutate('Job', 'default', 'pi', (j) => void (j.spec.suspend = true));
    c.settle();
    expect(active(c)).toHaveLength(0);
    expect(conditionsOf(c)).toEqual(['Suspended=True JobSuspended']);
    c.api.mutate('Job', 'default', 'pi', (j) => void (j.spec.suspend = false));
    c.settle();
    expect(active(c)).toHaveLength(2);
    expect(conditionsOf(c)).toEqual(['Suspended=False JobResumed']);
  });

  it('deletes the finished Job ttlSecondsAfterFinished after it completed', () => {
    const c = cluster([newJob('pi', { ttlSecondsAfterFinished: 100 })]);
    end(c, 'Succeeded');
    c.advance(99_000);
    expect(jobOf(c)).toBeDefined();
    c.advance(2_000);
    expect(jobOf(c)).toBeUndefined();
  });
});
