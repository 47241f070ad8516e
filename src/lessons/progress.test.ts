import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  lessonStatus,
  markStepDone,
  parseProgress,
  recordQuiz,
  serializeProgress,
} from './progress';
import { formatLink, parseLink, stepIndex } from './link';
import { autoplayScript, splitCommands } from './autoplay';
import type { Lesson } from './types';

const t = { en: 'a', zh: 'b' };
const lesson: Lesson = {
  id: 'l',
  dir: 'lessons/l',
  track: 'kubernetes',
  order: 1,
  title: t,
  summary: t,
  start: {},
  files: {},
  steps: [
    {
      id: 'one',
      title: t,
      text: t,
      highlight: [],
      goals: [],
      hints: [],
      solution: 'kubectl get pods\nsim advance 10s',
    },
    { id: 'two', title: t, text: t, highlight: ['etcd'], goals: [], hints: [] },
  ],
  quiz: [{ id: 'q', type: 'command', prompt: t, points: 1, answers: ['x'], explain: t }],
};

describe('progress', () => {
  it('tracks steps and quizzes and survives a round trip', () => {
    let p = emptyProgress();
    expect(lessonStatus(p, lesson)).toBe('new');
    p = markStepDone(p, 'l', 'one');
    expect(lessonStatus(p, lesson)).toBe('started');
    p = markStepDone(markStepDone(p, 'l', 'two'), 'l', 'two');
    expect(p.lessons.l!.steps).toEqual(['one', 'two']);
    expect(lessonStatus(p, lesson)).toBe('started');
    p = recordQuiz(recordQuiz(p, 'l', 1, 1), 'l', 0, 1);
    expect(p.lessons.l!.quiz).toEqual({ score: 0, total: 1, best: 1, attempts: 2 });
    expect(lessonStatus(p, lesson)).toBe('done');
    const back = parseProgress(serializeProgress(p));
    expect(back).toEqual({ ok: true, progress: p });
  });
  it('rejects malformed files', () => {
    expect(parseProgress('nope')).toMatchObject({ ok: false });
    expect(parseProgress('{"version":2,"lessons":{}}')).toMatchObject({
      ok: false,
      error: 'unsupported version 2',
    });
    expect(parseProgress('{"version":1,"lessons":{"x":{"steps":[1]}}}')).toMatchObject({ ok: false });
  });
});

describe('links and autoplay', () => {
  it('parses and formats share links', () => {
    const l = { lesson: '12-deployments', step: 'rollout', seed: 7, present: true };
    expect(parseLink(formatLink(l))).toEqual(l);
    expect(parseLink('#lesson=<script>&seed=abc')).toEqual({});
    expect(stepIndex(lesson, 'two')).toBe(1);
    expect(stepIndex(lesson, '2')).toBe(1);
    expect(stepIndex(lesson, 'nope')).toBe(0);
  });
  it('derives a script from the solution', () => {
    expect(autoplayScript(lesson.steps[0]!)).toEqual([{ run: 'kubectl get pods' }, { advance: '10s' }]);
    expect(splitCommands('a \\\n  b\n# c\ncat <<EOF | x\nhi\nEOF\nd')).toEqual([
      'a \\\n  b',
      'cat <<EOF | x\nhi\nEOF',
      'd',
    ]);
  });
});
