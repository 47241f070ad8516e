import { describe, expect, it } from 'vitest';
import { exportGift, importGift } from './gift';
import type { Question } from './types';

const t = (en: string, zh = en + '（中）') => ({ en, zh });
const qs: Question[] = [
  {
    id: 'one',
    type: 'single',
    prompt: t('Which stores state?'),
    points: 1,
    options: [
      { text: t('etcd'), correct: true, explain: t('yes: key=value') },
      { text: t('kubelet'), correct: false, explain: t('no') },
    ],
  },
  {
    id: 'many',
    type: 'multiple',
    prompt: t('Control plane?'),
    points: 1,
    options: [
      { text: t('scheduler'), correct: true, explain: t('a') },
      { text: t('etcd'), correct: true, explain: t('b') },
      { text: t('kube-proxy'), correct: false, explain: t('c') },
    ],
  },
  {
    id: 'm',
    type: 'match',
    prompt: t('Match'),
    points: 1,
    pairs: [
      { left: t('etcd'), right: t('store'), explain: t('') },
      { left: t('scheduler'), right: t('place pods'), explain: t('') },
    ],
  },
  {
    id: 'c',
    type: 'command',
    prompt: t('List pods'),
    points: 1,
    answers: ['kubectl get pods', 'kubectl get po'],
    explain: t('get'),
  },
];

describe('GIFT', () => {
  it('round-trips choice, matching and short answers', () => {
    const text = exportGift(qs, 'en');
    expect(text).toContain('::kubelab/one::[markdown]Which stores state?');
    expect(text).toContain('=etcd #yes\\: key\\=value');
    const back = importGift(text);
    expect(back.issues).toEqual([]);
    expect(back.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'match', 'command']);
    const one = back.questions[0]!;
    expect(one.type === 'single' && one.options.map((o) => [o.text.en, o.correct, o.explain.en])).toEqual([
      ['etcd', true, 'yes: key=value'],
      ['kubelet', false, 'no'],
    ]);
    const many = back.questions[1]!;
    expect(many.type === 'multiple' && many.options.map((o) => o.correct)).toEqual([true, true, false]);
    const c = back.questions[3]!;
    expect(c.type === 'command' && c.answers).toEqual(['kubectl get pods', 'kubectl get po']);
  });
  it('exports Chinese and reports broken questions', () => {
    expect(exportGift(qs, 'zh')).toContain('Which stores state?（中）');
    const r = importGift('::a:: no braces here\n\n::b:: Pick {=x =y ~z}');
    expect(r.issues.map((i) => i.question)).toEqual([1, 2]);
    expect(importGift('Kubernetes came from Borg {T}').questions[0]).toMatchObject({ type: 'single' });
  });
});
