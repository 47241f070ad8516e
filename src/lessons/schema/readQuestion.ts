/** The schema reader of quiz questions (a lesson's quiz, the exam). */
import type { Goal, Question } from '../types';
import { isObj, join, type Reader } from './reader';
import { readGoal } from './readGoal';
import { readStart } from './readStart';

const QUESTION_TYPES = ['single', 'multiple', 'order', 'match', 'command', 'cluster'];

export function readQuestion(r: Reader, v: unknown, field: string): Question | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  const type = r.str(o.type, join(field, 'type'));
  if (type === undefined) return undefined;
  if (!QUESTION_TYPES.includes(type)) {
    r.issue(join(field, 'type'), `unknown question type "${type}" (use ${QUESTION_TYPES.join(', ')})`);
    return undefined;
  }
  const common = ['id', 'type', 'prompt', 'explain', 'points'];
  const id = r.str(o.id, join(field, 'id')) ?? '';
  const prompt = r.textOrEmpty(o.prompt, join(field, 'prompt'));
  const points = r.num(o.points, join(field, 'points')) ?? 1;
  const needExplain = type === 'command' || type === 'cluster';
  const explain = r.text(o.explain, join(field, 'explain'), needExplain);
  const base = { id, prompt, points, ...(explain ? { explain } : {}) };
  switch (type) {
    case 'single':
    case 'multiple': {
      r.keys(o, field, [...common, 'options']);
      const options = r.items(o.options, join(field, 'options'), ['text', 'correct', 'explain'], (oo, f) => ({
        text: r.textOrEmpty(oo.text, join(f, 'text')),
        correct: r.bool(oo.correct, join(f, 'correct')) ?? false,
        explain: r.textOrEmpty(oo.explain, join(f, 'explain')),
      }));
      const right = options.filter((x) => x.correct).length;
      if (options.length < 2) r.issue(join(field, 'options'), 'needs at least 2 options');
      if (type === 'single' && right !== 1)
        r.issue(
          join(field, 'options'),
          `a single-choice question needs exactly 1 correct option, has ${right}`,
        );
      if (type === 'multiple' && right < 1)
        r.issue(join(field, 'options'), 'a multiple-choice question needs at least 1 correct option');
      return { ...base, type, options };
    }
    case 'order': {
      r.keys(o, field, [...common, 'items']);
      const items = r.items(o.items, join(field, 'items'), ['text', 'explain'], (oo, f) => ({
        text: r.textOrEmpty(oo.text, join(f, 'text')),
        explain: r.textOrEmpty(oo.explain, join(f, 'explain')),
      }));
      if (items.length < 2) r.issue(join(field, 'items'), 'needs at least 2 items');
      return { ...base, type, items };
    }
    case 'match': {
      r.keys(o, field, [...common, 'pairs']);
      const pairs = r.items(o.pairs, join(field, 'pairs'), ['left', 'right', 'explain'], (oo, f) => ({
        left: r.textOrEmpty(oo.left, join(f, 'left')),
        right: r.textOrEmpty(oo.right, join(f, 'right')),
        explain: r.textOrEmpty(oo.explain, join(f, 'explain')),
      }));
      if (pairs.length < 2) r.issue(join(field, 'pairs'), 'needs at least 2 pairs');
      return { ...base, type, pairs };
    }
    case 'command': {
      r.keys(o, field, [...common, 'answers']);
      const answers = r
        .arr(o.answers, join(field, 'answers'), true)
        .map((x, i) => r.str(x, join(join(field, 'answers'), i)) ?? '')
        .filter(Boolean);
      if (!answers.length) r.issue(join(field, 'answers'), 'needs at least one accepted answer');
      return { ...base, type, answers, explain: explain ?? { en: '', zh: '' } };
    }
    default: {
      r.keys(o, field, [...common, 'start', 'goals', 'solution']);
      const goals = r
        .arr(o.goals, join(field, 'goals'), true)
        .map((g, i) => readGoal(r, g, join(join(field, 'goals'), i)))
        .filter((g): g is Goal => !!g);
      if (!goals.length) r.issue(join(field, 'goals'), 'a cluster challenge needs goals');
      const solution = r.str(o.solution, join(field, 'solution')) ?? '';
      return {
        ...base,
        type: 'cluster',
        start: readStart(r, o.start, join(field, 'start')),
        goals,
        solution,
        explain: explain ?? { en: '', zh: '' },
      };
    }
  }
}

export function readQuestions(r: Reader, v: unknown, field: string): Question[] {
  let list: unknown = v;
  if (isObj(v)) {
    r.keys(v, field, ['questions']);
    list = v.questions;
    field = join(field, 'questions');
  }
  const qs = r
    .arr(list, field, true)
    .map((q, i) => readQuestion(r, q, join(field, i)))
    .filter((q): q is Question => !!q);
  const seen = new Set<string>();
  qs.forEach((q, i) => {
    if (seen.has(q.id)) r.issue(join(join(field, i), 'id'), `duplicate question id "${q.id}"`);
    seen.add(q.id);
  });
  return qs;
}
