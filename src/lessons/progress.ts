/**
 * The learner's progress: steps done, quiz scores, the exam, where they were. Plain versioned JSON so the UI can
 * keep it in localStorage and export / import it as a file. Pure functions return new objects.
 */
import type { Course, Lesson } from './types';

export const PROGRESS_VERSION = 1;
export const PROGRESS_KEY = 'kubelab.progress.v1';

export interface QuizRecord {
  score: number;
  total: number;
  /** Best score so far. */
  best: number;
  attempts: number;
}

export interface LessonProgress {
  /** Step ids completed. */
  steps: string[];
  quiz?: QuizRecord;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
  exam?: QuizRecord;
  /** Where the learner was. */
  current?: { lesson: string; step: number };
  lang?: 'en' | 'zh';
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {} };
}

function lp(p: Progress, id: string): LessonProgress {
  return p.lessons[id] ?? { steps: [] };
}

export function markStepDone(p: Progress, lesson: string, step: string): Progress {
  const cur = lp(p, lesson);
  if (cur.steps.includes(step)) return p;
  return { ...p, lessons: { ...p.lessons, [lesson]: { ...cur, steps: [...cur.steps, step] } } };
}

function record(prev: QuizRecord | undefined, score: number, total: number): QuizRecord {
  return { score, total, best: Math.max(score, prev?.best ?? 0), attempts: (prev?.attempts ?? 0) + 1 };
}

export function recordQuiz(p: Progress, lesson: string, score: number, total: number): Progress {
  const cur = lp(p, lesson);
  return { ...p, lessons: { ...p.lessons, [lesson]: { ...cur, quiz: record(cur.quiz, score, total) } } };
}

export function recordExam(p: Progress, score: number, total: number): Progress {
  return { ...p, exam: record(p.exam, score, total) };
}

export function setCurrent(p: Progress, lesson: string, step: number): Progress {
  if (p.current?.lesson === lesson && p.current.step === step) return p;
  return { ...p, current: { lesson, step } };
}

export type LessonStatus = 'new' | 'started' | 'done';

/** Done = every step done and the quiz taken (when it has one). */
export function lessonStatus(p: Progress, lesson: Lesson): LessonStatus {
  const cur = p.lessons[lesson.id];
  if (!cur || (!cur.steps.length && !cur.quiz)) return 'new';
  const stepsDone = lesson.steps.every((s) => cur.steps.includes(s.id));
  const quizDone = !lesson.quiz.length || !!cur.quiz;
  return stepsDone && quizDone ? 'done' : 'started';
}

/** Share of the course done, 0..1, counting steps and quizzes. */
export function courseFraction(p: Progress, course: Course): number {
  let all = 0;
  let done = 0;
  for (const l of course.lessons) {
    const cur = p.lessons[l.id];
    all += l.steps.length + (l.quiz.length ? 1 : 0);
    done += l.steps.filter((s) => cur?.steps.includes(s.id)).length + (l.quiz.length && cur?.quiz ? 1 : 0);
  }
  return all ? done / all : 0;
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p, null, 2);
}

const isRecord = (v: unknown): v is QuizRecord =>
  !!v &&
  typeof v === 'object' &&
  ['score', 'total', 'best', 'attempts'].every((k) => typeof (v as Record<string, unknown>)[k] === 'number');

/** Reads progress from JSON (a file or localStorage); rejects anything malformed with a reason. */
export function parseProgress(text: string): { ok: true; progress: Progress } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (!v || typeof v !== 'object') return { ok: false, error: 'not an object' };
  const o = v as Record<string, unknown>;
  if (o.version !== PROGRESS_VERSION)
    return { ok: false, error: `unsupported version ${JSON.stringify(o.version)}` };
  if (!o.lessons || typeof o.lessons !== 'object' || Array.isArray(o.lessons))
    return { ok: false, error: 'lessons must be an object' };
  const out = emptyProgress();
  for (const [id, l] of Object.entries(o.lessons as Record<string, unknown>)) {
    if (!l || typeof l !== 'object') return { ok: false, error: `lessons.${id} must be an object` };
    const lo = l as Record<string, unknown>;
    if (!Array.isArray(lo.steps) || !lo.steps.every((s) => typeof s === 'string'))
      return { ok: false, error: `lessons.${id}.steps must be a list of step ids` };
    if (lo.quiz !== undefined && !isRecord(lo.quiz))
      return { ok: false, error: `lessons.${id}.quiz is malformed` };
    out.lessons[id] = {
      steps: [...(lo.steps as string[])],
      ...(lo.quiz ? { quiz: lo.quiz as QuizRecord } : {}),
    };
  }
  if (o.exam !== undefined) {
    if (!isRecord(o.exam)) return { ok: false, error: 'exam is malformed' };
    out.exam = o.exam;
  }
  const c = o.current as Record<string, unknown> | undefined;
  if (c && typeof c.lesson === 'string' && typeof c.step === 'number')
    out.current = { lesson: c.lesson, step: c.step };
  if (o.lang === 'en' || o.lang === 'zh') out.lang = o.lang;
  return { ok: true, progress: out };
}
