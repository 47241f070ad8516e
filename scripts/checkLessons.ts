/**
 * Checks the course headless: loads every lesson (naming the file and field of each mistake), replays every
 * step's solution and cluster challenge on a fresh simulated cluster, validates the quizzes, and counts texts
 * missing a language.
 *
 *   npx tsx scripts/checkLessons.ts [--json] [lessons/12-deployments …]
 *
 * Exit status 1 when anything fails. The readable report ends with `lessons: N passed, M failed`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../src/lessons/load';
import { replayChallenge, replayLesson, type SessionFactory, type StepReplay } from '../src/lessons/replay';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\/$/, '').split('/').pop()!);

function readTree(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, out);
    else if (/\.(ya?ml|md)$/.test(name))
      out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

interface ShellModule {
  createSession(opts: { mode: 'script' | 'interactive'; fs?: unknown; seed?: number }): {
    readonly cluster: unknown;
    exec(text: string): { output: string; exitCode: number };
    readonly history: string[];
  };
  memoryFs(files: Record<string, string>): unknown;
}

async function sessionFactory(): Promise<{ factory?: SessionFactory; error?: string }> {
  // Imported by path at run time so the lesson checks keep working while the shell is being written.
  const path = '../src/shell/session';
  try {
    const mod = (await import(/* @vite-ignore */ path)) as ShellModule;
    return {
      factory: (files) =>
        mod.createSession({ mode: 'script', fs: mod.memoryFs(files) }) as ReturnType<SessionFactory>,
    };
  } catch (e) {
    return {
      error: `the shell session (src/shell/session.ts) cannot be loaded: ${(e as Error).message.split('\n')[0]}`,
    };
  }
}

const files = readTree(join(root, 'lessons'));
const { course, issues, stats } = loadCourse(files);
const { factory, error: shellError } = await sessionFactory();

interface LessonReport {
  id: string;
  issues: string[];
  replays: StepReplay[];
  ok: boolean;
}

const reports: LessonReport[] = [];
let solutionsOk = 0;
let solutionsFailed = 0;
const lessons = course.lessons.filter((l) => !only.length || only.includes(l.id));
for (const lesson of lessons) {
  const own = issues
    .filter((i) => i.file.startsWith(`${lesson.dir}/`))
    .map((i) => `${i.file}: ${i.field}: ${i.message}`);
  const replays: StepReplay[] = factory
    ? replayLesson(lesson, factory)
    : lesson.steps.map((s) => ({ step: s.id, ok: false, problems: [shellError ?? 'no shell'] }));
  for (const r of replays) {
    if (r.ok) solutionsOk++;
    else solutionsFailed++;
  }
  reports.push({ id: lesson.id, issues: own, replays, ok: !own.length && replays.every((r) => r.ok) });
}

const globalIssues = issues
  .filter((i) => !course.lessons.some((l) => i.file.startsWith(`${l.dir}/`)))
  .map((i) => `${i.file}: ${i.field}: ${i.message}`);
const examReplays: StepReplay[] = [];
if (!only.length) {
  for (const q of course.exam) {
    if (q.type !== 'cluster') continue;
    const r = factory
      ? replayChallenge(q, {}, factory)
      : { step: `exam:${q.id}`, ok: false, problems: [shellError ?? 'no shell'] };
    examReplays.push(r);
    if (r.ok) solutionsOk++;
    else solutionsFailed++;
  }
}
const quizItems = lessons.reduce((n, l) => n + l.quiz.length, 0) + (only.length ? 0 : course.exam.length);
const quizIssues = issues.filter((i) => /quiz/.test(i.file) || i.field.startsWith('quiz')).length;
const failedLessons = reports.filter((r) => !r.ok).map((r) => r.id);
const ok =
  !failedLessons.length &&
  !globalIssues.length &&
  examReplays.every((r) => r.ok) &&
  !stats.missingEn &&
  !stats.missingZh;

if (json) {
  console.log(
    JSON.stringify({
      lessons: lessons.length,
      tracks: course.tracks.length,
      steps: lessons.reduce((n, l) => n + l.steps.length, 0),
      goals: lessons.reduce((n, l) => n + l.steps.reduce((m, s) => m + s.goals.length, 0), 0),
      quiz_items: quizItems,
      quiz_items_invalid: quizIssues,
      exam_items: course.exam.length,
      glossary_terms: course.glossary.length,
      solutions_ok: solutionsOk,
      solutions_failed: solutionsFailed,
      texts: stats.texts,
      missing_en: stats.missingEn,
      missing_zh: stats.missingZh,
      issues: issues.length,
      failed_lessons: failedLessons,
      ok,
    }),
  );
} else {
  for (const r of reports) {
    console.log(`${r.ok ? '✓' : '✗'} ${r.id}`);
    for (const i of r.issues) console.log(`    ${i}`);
    for (const s of r.replays) {
      if (s.ok) continue;
      console.log(`    step ${s.step}:`);
      for (const p of s.problems) console.log(`      ${p.split('\n').join('\n      ')}`);
    }
  }
  for (const i of globalIssues) console.log(`✗ ${i}`);
  for (const r of examReplays.filter((x) => !x.ok)) console.log(`✗ exam ${r.step}: ${r.problems.join('; ')}`);
  console.log(
    `\nsteps: ${lessons.reduce((n, l) => n + l.steps.length, 0)}, quiz items: ${quizItems}, solutions: ${solutionsOk} ok, ${solutionsFailed} failed, texts missing English: ${stats.missingEn}, missing Chinese: ${stats.missingZh}`,
  );
  console.log(
    `lessons: ${reports.filter((r) => r.ok).length} passed, ${failedLessons.length + (globalIssues.length ? 1 : 0)} failed`,
  );
}
process.exit(ok ? 0 : 1);
