import { describe, expect, it } from 'vitest';
import { commandMatches, gradeQuestion, gradeQuiz, shuffled } from './quiz';
import type { Question } from './types';

const t = (s: string) => ({ en: s, zh: s });
const single: Question = {
  id: 's',
  type: 'single',
  prompt: t('p'),
  points: 1,
  options: [
    { text: t('a'), correct: false, explain: t('no') },
    { text: t('b'), correct: true, explain: t('yes') },
  ],
};
const match: Question = {
  id: 'm',
  type: 'match',
  prompt: t('p'),
  points: 2,
  pairs: [
    { left: t('etcd'), right: t('store'), explain: t('') },
    { left: t('scheduler'), right: t('place'), explain: t('') },
  ],
};

describe('grading', () => {
  it('single choice', () => {
    expect(gradeQuestion(single, { type: 'single', choice: 1 }).correct).toBe(true);
    expect(gradeQuestion(single, { type: 'single', choice: 0 })).toMatchObject({
      correct: false,
      score: 0,
      parts: [false, false],
    });
    expect(gradeQuestion(single, undefined).correct).toBe(false);
  });
  it('matching gives credit per pair', () => {
    expect(gradeQuestion(match, { type: 'match', picks: [0, 0] })).toMatchObject({
      correct: false,
      score: 1,
      parts: [true, false],
    });
    const q = gradeQuiz([single, match], {
      s: { type: 'single', choice: 1 },
      m: { type: 'match', picks: [0, 1] },
    });
    expect(q).toMatchObject({ score: 3, total: 3 });
  });
  it('ordering is all or nothing', () => {
    const q: Question = {
      id: 'o',
      type: 'order',
      prompt: t('p'),
      points: 1,
      items: [0, 1, 2].map((i) => ({ text: t(String(i)), explain: t('') })),
    };
    expect(gradeQuestion(q, { type: 'order', order: [0, 1, 2] }).correct).toBe(true);
    expect(gradeQuestion(q, { type: 'order', order: [1, 0, 2] }).correct).toBe(false);
  });
  it('command answers ignore spacing, = and flag order', () => {
    const answers = ['kubectl get pods -o wide'];
    expect(commandMatches('  kubectl  get pods -o=wide ', answers)).toBe(true);
    expect(commandMatches('kubectl get -o wide pods', answers)).toBe(true);
    expect(commandMatches('kubectl get pods', answers)).toBe(false);
    expect(commandMatches('kubectl describe pods -o wide', answers)).toBe(false);
  });
  it('shuffles deterministically and never shows the answer order', () => {
    expect(shuffled(4, 7)).toEqual(shuffled(4, 7));
    for (let s = 0; s < 50; s++) expect(shuffled(3, s)).not.toEqual([0, 1, 2]);
    expect([...shuffled(5, 3)].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
