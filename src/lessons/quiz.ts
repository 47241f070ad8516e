/**
 * Quiz grading. Answers are plain data so the UI, the checks and exports share them. Choice, ordering and
 * command answers are all-or-nothing; matching gives credit per pair; cluster challenges are graded by goals.
 */
import type { Question } from './types';

export type Answer =
  | { type: 'single'; choice: number | null }
  | { type: 'multiple'; choices: number[] }
  /** Item indexes (as written in quiz.yaml) in the order the learner put them. */
  | { type: 'order'; order: number[] }
  /** For each left side i, the index of the right side chosen (or -1). */
  | { type: 'match'; picks: number[] }
  | { type: 'command'; text: string }
  /** Goal results on the learner's cluster when they submitted. */
  | { type: 'cluster'; goalsMet: boolean[] };

export interface QuestionResult {
  id: string;
  correct: boolean;
  score: number;
  points: number;
  /** Per part (option, position, pair, goal): whether the learner got it right. */
  parts: boolean[];
}

export interface QuizResult {
  score: number;
  total: number;
  results: QuestionResult[];
}

/** Splits a command line into words, honouring quotes; `--flag=value` becomes two words. */
export function commandWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  const src = line.trim().replace(/^\$\s*/, '');
  while ((m = re.exec(src))) {
    const w = m[1] ?? m[2] ?? m[3]!;
    const eq = /^(--?[\w-]+)=(.*)$/.exec(w);
    if (eq && m[3] !== undefined) words.push(eq[1]!, eq[2]!);
    else words.push(w);
  }
  return words;
}

/**
 * Whether a typed command is one of the accepted answers: same words in the same order, or the same first two
 * words and the same set of remaining words (flags in another order).
 */
export function commandMatches(typed: string, answers: string[]): boolean {
  const t = commandWords(typed);
  if (!t.length) return false;
  return answers.some((a) => {
    const w = commandWords(a);
    if (w.length !== t.length) return false;
    if (w.every((x, i) => x === t[i])) return true;
    if (w[0] !== t[0] || w[1] !== t[1]) return false;
    const rest = (x: string[]) => x.slice(2).sort().join('\u0000');
    return rest(w) === rest(t);
  });
}

/** Grades one answer. A missing or mismatched answer scores 0. */
export function gradeQuestion(q: Question, a: Answer | undefined): QuestionResult {
  const res = (parts: boolean[], correct: boolean, fraction = correct ? 1 : 0): QuestionResult => ({
    id: q.id,
    correct,
    score: Math.round(q.points * fraction * 100) / 100,
    points: q.points,
    parts,
  });
  switch (q.type) {
    case 'single': {
      const choice = a?.type === 'single' ? a.choice : null;
      const parts = q.options.map((o, i) => o.correct === (i === choice));
      return res(parts, choice !== null && q.options[choice]?.correct === true);
    }
    case 'multiple': {
      const chosen = new Set(a?.type === 'multiple' ? a.choices : []);
      const parts = q.options.map((o, i) => o.correct === chosen.has(i));
      return res(parts, parts.every(Boolean));
    }
    case 'order': {
      const order = a?.type === 'order' ? a.order : [];
      const parts = q.items.map((_, i) => order[i] === i);
      return res(parts, order.length === q.items.length && parts.every(Boolean));
    }
    case 'match': {
      const picks = a?.type === 'match' ? a.picks : [];
      const parts = q.pairs.map((_, i) => picks[i] === i);
      const right = parts.filter(Boolean).length;
      return res(parts, right === q.pairs.length, right / q.pairs.length);
    }
    case 'command': {
      const ok = a?.type === 'command' && commandMatches(a.text, q.answers);
      return res([ok], ok);
    }
    case 'cluster': {
      const met = a?.type === 'cluster' ? a.goalsMet : [];
      const parts = q.goals.map((_, i) => met[i] === true);
      return res(parts, parts.length > 0 && parts.every(Boolean));
    }
  }
}

/** Grades a whole quiz; answers are keyed by question id. */
export function gradeQuiz(questions: Question[], answers: Record<string, Answer>): QuizResult {
  const results = questions.map((q) => gradeQuestion(q, answers[q.id]));
  return {
    score: Math.round(results.reduce((s, r) => s + r.score, 0) * 100) / 100,
    total: questions.reduce((s, q) => s + q.points, 0),
    results,
  };
}

/** A deterministic permutation of 0..n-1 (for showing order items and match sides shuffled). */
export function shuffled(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  // Never show the answer as-is when there is another order.
  if (n > 1 && a.every((x, i) => x === i)) a.push(a.shift()!);
  return a;
}

/** A string hash for seeding per-question shuffles. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
