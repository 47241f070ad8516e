/**
 * Starting clusters and headless replay. A step's start is its own `start`, else the lesson's start followed by
 * the solutions of the steps before it, so "reset step" and "jump to step" land where a learner who did
 * everything right would be. The checks replay every solution and demand that each start leaves a goal unmet
 * and each solution meets them all.
 */
import { checkGoals, type ClusterView, type GoalResult } from './goals';
import type { Goal, Lesson, Question, StartSpec } from './types';

/** What replay needs from a shell session (src/shell/session.ts's Session satisfies it). */
export interface SessionLike {
  readonly cluster: ClusterView;
  exec(text: string): { output: string; exitCode: number };
  readonly history: string[];
}

export type SessionFactory = (files: Record<string, string>) => SessionLike;

/** `sim reset` options with `--seed` replaced when a seed is given. */
export function resetLine(reset: string | undefined, seed?: number): string {
  let opts = (reset ?? '').trim();
  if (seed !== undefined) {
    opts = opts.replace(/--seed(=|\s+)\S+/, '').trim();
    opts = `${opts} --seed ${seed}`.trim();
  }
  return opts ? `sim reset ${opts}` : 'sim reset';
}

function startText(s: StartSpec, seed?: number): string {
  return [resetLine(s.reset, seed), s.setup?.trim()].filter(Boolean).join('\n');
}

/** The script that builds step `index`'s starting cluster. */
export function stepStartScript(lesson: Lesson, index: number, seed?: number): string {
  let from = 0;
  let start = lesson.start;
  for (let j = Math.min(index, lesson.steps.length - 1); j >= 0; j--) {
    const s = lesson.steps[j]!.start;
    if (s) {
      from = j;
      start = s;
      break;
    }
  }
  const parts = [startText(start, seed)];
  for (let j = from; j < index; j++) {
    const sol = lesson.steps[j]!.solution?.trim();
    if (sol) parts.push(sol);
  }
  return parts.join('\n');
}

/** A cluster challenge's starting script. */
export function challengeStartScript(q: { start: StartSpec }, seed?: number): string {
  return startText(q.start, seed);
}

export interface StepReplay {
  step: string;
  ok: boolean;
  /** Problems found, in English (for the report). */
  problems: string[];
}

interface Prepared {
  session: SessionLike;
  histStart: number;
  stepStart: number;
}

function prepare(
  factory: SessionFactory,
  files: Record<string, string>,
  script: string,
  problems: string[],
): Prepared {
  const session = factory(files);
  const r = session.exec(script);
  if (r.exitCode !== 0) problems.push(`start script failed (exit ${r.exitCode}):\n${tail(r.output)}`);
  return { session, histStart: session.history.length, stepStart: session.cluster.now };
}

function tail(text: string, lines = 12): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Checks goals against a prepared session's current state. */
export function goalsNow(goals: Goal[], p: Prepared): GoalResult[] {
  return checkGoals(goals, {
    cluster: p.session.cluster,
    history: p.session.history.slice(p.histStart),
    stepStart: p.stepStart,
  });
}

function replayGoals(goals: Goal[], solution: string | undefined, p: Prepared, problems: string[]): void {
  if (!goals.length) {
    if (solution?.trim()) {
      const r = p.session.exec(solution);
      if (r.exitCode !== 0) problems.push(`solution failed (exit ${r.exitCode}):\n${tail(r.output)}`);
    }
    return;
  }
  const before = goalsNow(goals, p);
  if (before.every((g) => g.met)) problems.push('the start already meets every goal');
  const r = p.session.exec(solution ?? '');
  if (r.exitCode !== 0) problems.push(`solution failed (exit ${r.exitCode}):\n${tail(r.output)}`);
  goalsNow(goals, p).forEach((g, i) => {
    if (!g.met)
      problems.push(`goal ${i + 1} "${goals[i]!.text.en}" not met after the solution: ${g.reason.en}`);
  });
}

/** Replays one step on a fresh session. */
export function replayStep(lesson: Lesson, index: number, factory: SessionFactory): StepReplay {
  const step = lesson.steps[index]!;
  const problems: string[] = [];
  try {
    const p = prepare(factory, lesson.files, stepStartScript(lesson, index), problems);
    replayGoals(step.goals, step.solution, p, problems);
  } catch (e) {
    problems.push(`crashed: ${(e as Error).stack ?? String(e)}`);
  }
  return { step: step.id, ok: problems.length === 0, problems };
}

/** Replays a cluster challenge. */
export function replayChallenge(
  q: Extract<Question, { type: 'cluster' }>,
  files: Record<string, string>,
  factory: SessionFactory,
): StepReplay {
  const problems: string[] = [];
  try {
    const p = prepare(factory, files, challengeStartScript(q), problems);
    replayGoals(q.goals, q.solution, p, problems);
  } catch (e) {
    problems.push(`crashed: ${(e as Error).stack ?? String(e)}`);
  }
  return { step: `quiz:${q.id}`, ok: problems.length === 0, problems };
}

/** Replays every step and cluster challenge of a lesson. */
export function replayLesson(lesson: Lesson, factory: SessionFactory): StepReplay[] {
  const out = lesson.steps.map((_, i) => replayStep(lesson, i, factory));
  for (const q of lesson.quiz) if (q.type === 'cluster') out.push(replayChallenge(q, lesson.files, factory));
  return out;
}
