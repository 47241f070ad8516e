/**
 * Share links: `#lesson=12-deployments&step=rollout&seed=7&present=1` opens a lesson at a step (by id or
 * 1-based number), its cluster prepared with the seed, optionally in presenter view.
 */
import type { Lesson } from './types';

export interface LessonLink {
  lesson?: string;
  step?: string;
  seed?: number;
  present?: boolean;
  lang?: 'en' | 'zh';
}

export function parseLink(hash: string): LessonLink {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const out: LessonLink = {};
  const lesson = q.get('lesson');
  if (lesson && /^[\w-]+$/.test(lesson)) out.lesson = lesson;
  const step = q.get('step');
  if (step && /^[\w-]+$/.test(step)) out.step = step;
  const seed = q.get('seed');
  if (seed && /^\d{1,9}$/.test(seed)) out.seed = Number(seed);
  const present = q.get('present');
  if (present === '1' || present === 'true') out.present = true;
  const lang = q.get('lang');
  if (lang === 'en' || lang === 'zh') out.lang = lang;
  return out;
}

export function formatLink(l: LessonLink): string {
  const q = new URLSearchParams();
  if (l.lesson) q.set('lesson', l.lesson);
  if (l.step) q.set('step', l.step);
  if (l.seed !== undefined) q.set('seed', String(l.seed));
  if (l.present) q.set('present', '1');
  if (l.lang) q.set('lang', l.lang);
  return `#${q.toString()}`;
}

/** The step index a link names (id or 1-based number); 0 when absent or unknown. */
export function stepIndex(lesson: Lesson, step: string | undefined): number {
  if (!step) return 0;
  const byId = lesson.steps.findIndex((s) => s.id === step);
  if (byId >= 0) return byId;
  const n = Number(step);
  return Number.isInteger(n) && n >= 1 && n <= lesson.steps.length ? n - 1 : 0;
}
