/**
 * Loads the course from a file map (path → text): the browser passes Vite's bundled `/lessons/**` files, Node
 * passes what it read from the folder. Every mistake is reported with its file and field; the loader never throws.
 * The readers of each part of the schema live in `./schema/`.
 */
import type { Course, GlossaryEntry, LoadIssue, Lesson, Track } from './types';
import { join, parseYamlFile, Reader, type LoadStats } from './schema/reader';
import { readLesson, type RefCheck } from './schema/readLesson';
import { readQuestions } from './schema/readQuestion';

export type { LoadStats } from './schema/reader';

export interface LoadResult {
  course: Course;
  issues: LoadIssue[];
  stats: LoadStats;
}

function readGlossary(file: string, text: string, issues: LoadIssue[], stats: LoadStats): GlossaryEntry[] {
  const r = new Reader(file, issues, stats);
  const data = parseYamlFile(file, text, issues);
  const o = r.obj(data, '');
  if (!o) return [];
  r.keys(o, '', ['terms']);
  const out: GlossaryEntry[] = [];
  r.arr(o.terms, 'terms', true).forEach((t, i) => {
    const f = join('terms', i);
    const to = r.obj(t, f);
    if (!to) return;
    r.keys(to, f, ['id', 'term', 'def', 'lessons']);
    const id = r.str(to.id, join(f, 'id')) ?? '';
    if (out.some((e) => e.id === id)) r.issue(join(f, 'id'), `duplicate term id "${id}"`);
    out.push({
      id,
      term: r.text(to.term, join(f, 'term')) ?? { en: id, zh: id },
      def: r.textOrEmpty(to.def, join(f, 'def')),
      lessons: r
        .arr(to.lessons, join(f, 'lessons'))
        .map((x, j) => r.str(x, join(join(f, 'lessons'), j)) ?? ''),
    });
  });
  return out;
}

/** Strips `/lessons/` or `lessons/` so keys are relative to the lessons folder. */
export function normalizePath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .replace(/^lessons\//, '');
}

/** Loads the whole course from a file map. */
export function loadCourse(fileMap: Record<string, string>): LoadResult {
  const issues: LoadIssue[] = [];
  const stats: LoadStats = { texts: 0, missingEn: 0, missingZh: 0 };
  const refs: RefCheck[] = [];
  const files: Record<string, string> = {};
  for (const [p, t] of Object.entries(fileMap)) files[normalizePath(p)] = t;

  const course: Course = {
    title: { en: 'Kubelab', zh: 'Kubelab' },
    tracks: [],
    start: '',
    lessons: [],
    glossary: [],
    exam: [],
  };
  const cf = 'lessons/course.yaml';
  if (files['course.yaml'] === undefined)
    issues.push({ file: cf, field: '(file)', message: 'missing course.yaml' });
  else {
    const r = new Reader(cf, issues, stats);
    const o = r.obj(parseYamlFile(cf, files['course.yaml'], issues), '');
    if (o) {
      r.keys(o, '', ['title', 'tracks', 'start']);
      course.title = r.text(o.title, 'title', false) ?? course.title;
      course.start = r.str(o.start, 'start') ?? '';
      course.tracks = r.arr(o.tracks, 'tracks', true).flatMap((t, i): Track[] => {
        const f = join('tracks', i);
        const to = r.obj(t, f);
        if (!to) return [];
        r.keys(to, f, ['id', 'title', 'summary']);
        return [
          {
            id: r.str(to.id, join(f, 'id')) ?? '',
            title: r.textOrEmpty(to.title, join(f, 'title')),
            summary: r.textOrEmpty(to.summary, join(f, 'summary')),
          },
        ];
      });
    }
  }
  if (files['glossary.yaml'] !== undefined) {
    course.glossary = readGlossary('lessons/glossary.yaml', files['glossary.yaml'], issues, stats);
  }
  if (files['exam/quiz.yaml'] !== undefined) {
    const ef = 'lessons/exam/quiz.yaml';
    course.exam = readQuestions(
      new Reader(ef, issues, stats),
      parseYamlFile(ef, files['exam/quiz.yaml'], issues),
      '',
    );
  }

  // Group the rest by lesson folder.
  const byDir = new Map<string, Record<string, string>>();
  for (const [p, t] of Object.entries(files)) {
    const slash = p.indexOf('/');
    if (slash < 0) continue;
    const dir = p.slice(0, slash);
    if (dir === 'exam') continue;
    const m = byDir.get(dir) ?? {};
    m[p.slice(slash + 1)] = t;
    byDir.set(dir, m);
  }
  for (const dir of [...byDir.keys()].sort()) {
    const lesson = readLesson(`lessons/${dir}`, byDir.get(dir)!, issues, stats, refs);
    if (!lesson) continue;
    lesson.dir = `lessons/${dir}`;
    course.lessons.push(lesson);
  }
  course.lessons.sort(
    (a, b) => a.track.localeCompare(b.track) || a.order - b.order || a.id.localeCompare(b.id),
  );
  crossCheck(course, refs, issues);
  return { course, issues, stats };
}

function crossCheck(course: Course, refs: RefCheck[], issues: LoadIssue[]): void {
  const trackIds = new Set(course.tracks.map((t) => t.id));
  const lessonIds = new Set(course.lessons.map((l) => l.id));
  const terms = new Set(course.glossary.map((g) => g.id));
  for (const l of course.lessons) {
    const lf = `${l.dir}/lesson.yaml`;
    if (l.steps.length < 3 || l.steps.length > 8) {
      issues.push({
        file: lf,
        field: 'steps',
        message: `a course lesson has 3 to 8 steps, this one has ${l.steps.length}`,
      });
    }
    if (!l.quiz.length)
      issues.push({
        file: `${l.dir}/quiz.yaml`,
        field: '(file)',
        message: 'every course lesson ends with a quiz',
      });
    if (!trackIds.has(l.track))
      issues.push({
        file: `${l.dir}/lesson.yaml`,
        field: 'track',
        message: `unknown track "${l.track}" (course.yaml has ${[...trackIds].join(', ')})`,
      });
  }
  if (course.tracks.length && course.start && !lessonIds.has(course.start)) {
    issues.push({ file: 'lessons/course.yaml', field: 'start', message: `no lesson "${course.start}"` });
  }
  course.glossary.forEach((g, i) => {
    g.lessons.forEach((id, j) => {
      if (!lessonIds.has(id))
        issues.push({
          file: 'lessons/glossary.yaml',
          field: `terms[${i}].lessons[${j}]`,
          message: `no lesson "${id}"`,
        });
    });
  });
  for (const ref of refs) {
    for (const t of ref.terms) {
      if (course.glossary.length && !terms.has(t))
        issues.push({
          file: ref.file,
          field: ref.field,
          message: `glossary link [[${t}]] has no entry in glossary.yaml`,
        });
    }
    for (const f of ref.files) {
      if (ref.lessonFiles && ref.lessonFiles[f] === undefined)
        issues.push({
          file: ref.file,
          field: ref.field,
          message: `code block names file "${f}", which is not in the lesson folder`,
        });
    }
  }
}

/**
 * Loads one custom lesson: a single lesson.yaml (quiz and files inline allowed) or a folder's files.
 * Glossary links are not checked against the course (the lesson may define none).
 */
export function loadCustomLesson(
  files: Record<string, string>,
  name = 'custom',
): { lesson?: Lesson; issues: LoadIssue[]; stats: LoadStats } {
  const issues: LoadIssue[] = [];
  const stats: LoadStats = { texts: 0, missingEn: 0, missingZh: 0 };
  const map: Record<string, string> = {};
  const entries = Object.entries(files);
  // A zip of a folder: strip the common top folder.
  const prefixes = new Set(entries.map(([p]) => (p.includes('/') ? p.split('/')[0]! : '')));
  const strip = prefixes.size === 1 && !prefixes.has('') ? `${[...prefixes][0]}/` : '';
  for (const [p, t] of entries) map[p.startsWith(strip) ? p.slice(strip.length) : p] = t;
  if (map['lesson.yaml'] === undefined) {
    const yamls = Object.keys(map).filter((p) => /\.ya?ml$/.test(p));
    if (yamls.length === 1) {
      map['lesson.yaml'] = map[yamls[0]!]!;
      delete map[yamls[0]!];
    }
  }
  const refs: RefCheck[] = [];
  const lesson = readLesson(`(${name})`, map, issues, stats, refs);
  for (const ref of refs) {
    for (const f of ref.files) {
      if (ref.lessonFiles && ref.lessonFiles[f] === undefined)
        issues.push({
          file: ref.file,
          field: ref.field,
          message: `code block names file "${f}", which is not in the lesson`,
        });
    }
  }
  return lesson ? { lesson, issues, stats } : { issues, stats };
}

/** `file: field: message` lines for a report. */
export function formatIssues(issues: LoadIssue[]): string {
  return issues.map((i) => `${i.file}: ${i.field}: ${i.message}`).join('\n');
}
