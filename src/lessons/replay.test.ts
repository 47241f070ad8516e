import { describe, expect, it } from 'vitest';
import { createSession, memoryFs } from '../shell/session';
import { replayLesson, resetLine, stepStartScript, type SessionFactory } from './replay';
import { inferGoals, lessonYaml, signature } from './builder';
import { checkGoals } from './goals';
import { loadCustomLesson } from './load';
import type { Lesson } from './types';

const factory: SessionFactory = (files) => createSession({ mode: 'script', fs: memoryFs(files) });
const t = (s: string) => ({ en: s, zh: `${s}（中）` });

function lesson(over: Partial<Lesson['steps'][number]>[]): Lesson {
  return {
    id: 'x',
    dir: 'lessons/x',
    track: 'kubernetes',
    order: 1,
    title: t('X'),
    summary: t('S'),
    start: { reset: '--workers 2 --seed 4' },
    files: {
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\n  labels: { app: hello }\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
    },
    quiz: [],
    steps: over.map((o, i) => ({
      id: `s${i}`,
      title: t('T'),
      text: t('x'),
      highlight: [],
      goals: [],
      hints: [],
      ...o,
    })),
  };
}

const runningHello = { text: t('hello runs'), kind: 'Pod', name: 'hello', phase: 'Running' };

describe('replay on the real shell', () => {
  it('passes a step whose solution meets its goals, reading lesson files', () => {
    const l = lesson([{ goals: [runningHello], solution: 'kubectl apply -f pod.yaml\nsim advance 30s' }]);
    expect(replayLesson(l, factory)).toEqual([{ step: 's0', ok: true, problems: [] }]);
  });

  it('fails when the solution does not meet a goal, saying which and why', () => {
    const l = lesson([{ goals: [runningHello], solution: 'kubectl apply -f pod.yaml' }]);
    const [r] = replayLesson(l, factory);
    expect(r!.ok).toBe(false);
    expect(r!.problems.join('\n')).toContain(
      'goal 1 "hello runs" not met after the solution: Found 0 Pods named hello in phase Running',
    );
  });

  it('fails when the start already meets the goals', () => {
    const l = lesson([
      { goals: [runningHello], solution: 'kubectl apply -f pod.yaml\nsim advance 30s' },
      { goals: [runningHello], solution: 'kubectl get pods' },
    ]);
    const r = replayLesson(l, factory);
    expect(r[0]!.ok).toBe(true);
    expect(r[1]!.problems).toContain('the start already meets every goal');
  });

  it('builds a step start from the lesson start, earlier solutions and a seed', () => {
    const l = lesson([{ solution: 'kubectl apply -f pod.yaml' }, { solution: 'kubectl get pods' }, {}]);
    expect(stepStartScript(l, 2, 9)).toBe(
      'sim reset --workers 2 --seed 9\nkubectl apply -f pod.yaml\nkubectl get pods',
    );
    expect(resetLine(undefined)).toBe('sim reset');
    expect(resetLine('--seed=3 --workers 1', 5)).toBe('sim reset --workers 1 --seed 5');
  });
});

describe('lesson builder', () => {
  it('turns what changed into goals that a fresh replay meets, and writes a loadable lesson', () => {
    const s = factory({});
    s.exec('sim reset --workers 2 --seed 2');
    const base = signature(s.cluster);
    const hist = s.history.length;
    s.exec('kubectl create deployment web --image=nginx:1.16.1 --replicas=2\nsim advance 30s');
    const goals = inferGoals(s.cluster, base);
    expect(goals).toHaveLength(1);
    expect(goals[0]).toMatchObject({ kind: 'Deployment', name: 'web', ready: true });
    expect(checkGoals(goals, { cluster: s.cluster, history: [], stepStart: 0 }).every((g) => g.met)).toBe(
      true,
    );
    const yaml = lessonYaml({
      id: 'built',
      title: t('Built'),
      summary: t('Built'),
      track: 'kubernetes',
      order: 1,
      reset: '--workers 2 --seed 2',
      steps: [{ title: t('Make web'), text: t('Do it'), commands: s.history.slice(hist), goals }],
    });
    const loaded = loadCustomLesson({ 'lesson.yaml': yaml });
    expect(loaded.issues).toEqual([]);
    expect(replayLesson(loaded.lesson!, factory).every((r) => r.ok)).toBe(true);
  });
});

describe('Docker goals', () => {
  it('check the Docker host: running containers by name, images by tag', () => {
    const l = lesson([
      {
        goals: [
          {
            text: t('web runs'),
            kind: 'DockerContainer',
            name: 'web',
            ready: true,
            where: [{ path: 'ports[0]', equals: '0.0.0.0:8080->80/tcp' }],
          },
          { text: t('redis pulled'), kind: 'DockerImage', name: 'redis' },
          {
            text: t('once exited 0'),
            kind: 'DockerContainer',
            name: 'once',
            where: [
              { path: 'state', equals: 'exited' },
              { path: 'exitCode', equals: 0 },
            ],
          },
        ],
        solution:
          'docker run -d --name web -p 8080:80 nginx\ndocker pull redis\ndocker run --name once busybox echo hi',
      },
    ]);
    expect(replayLesson(l, factory)).toEqual([{ step: 's0', ok: true, problems: [] }]);
    const s = factory({});
    s.exec('docker run -d --name web -p 9090:80 nginx\ndocker stop web');
    const [web] = checkGoals([{ text: t('web'), kind: 'DockerContainer', name: 'web', ready: true }], {
      cluster: s.cluster,
      history: [],
      stepStart: 0,
    });
    expect(web!.reason.en).toContain('web is exited, not running');
  });
});
