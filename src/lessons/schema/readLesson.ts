/** The schema reader of one lesson: its steps, scripts, highlights and quiz. */
import type { Goal, Lesson, LoadIssue, ScriptItem, Step, Text } from '../types';
import { parseMarkdown, collectRefs } from '../markdown';
import { join, parseYamlFile, Reader, type LoadStats } from './reader';
import { readGoal } from './readGoal';
import { readStart } from './readStart';
import { readQuestions } from './readQuestion';

/** Diagram components a step may highlight (a node's components may add `/node-name`). */
export const COMPONENTS = [
  'kubectl',
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
  'cloud-controller-manager',
  'kubelet',
  'kube-proxy',
  'runtime',
  'docker-cli',
  'dockerd',
  'registry',
  'container',
  'node',
  'pod',
];

function readScript(r: Reader, v: unknown, field: string): ScriptItem[] | undefined {
  if (v === undefined || v === null) return undefined;
  const out: ScriptItem[] = [];
  r.arr(v, field).forEach((item, i) => {
    const f = join(field, i);
    const o = r.obj(item, f);
    if (!o) return;
    const keys = Object.keys(o);
    if (keys.length !== 1) {
      r.issue(f, 'each script item has exactly one of say, run, advance, highlight, pause');
      return;
    }
    const k = keys[0]!;
    if (k === 'say') {
      const t = r.text(o.say, join(f, 'say'));
      if (t) out.push({ say: t });
    } else if (k === 'run') {
      const s = r.str(o.run, join(f, 'run'));
      if (s) out.push({ run: s });
    } else if (k === 'advance') {
      const s = r.str(o.advance, join(f, 'advance'));
      if (s && !/^\d+(ms|s|m|h)$/.test(s))
        r.issue(join(f, 'advance'), `not a duration like 500ms, 30s, 5m: "${s}"`);
      else if (s) out.push({ advance: s });
    } else if (k === 'highlight') {
      const h = r
        .arr(o.highlight, join(f, 'highlight'))
        .map((x, j) => r.str(x, join(join(f, 'highlight'), j)) ?? '');
      checkComponents(r, h, join(f, 'highlight'));
      out.push({ highlight: h });
    } else if (k === 'pause') {
      const n = r.num(o.pause, join(f, 'pause'), true);
      if (n !== undefined) out.push({ pause: n });
    } else r.issue(join(f, k), 'unknown script item (say, run, advance, highlight, pause)');
  });
  return out;
}

function checkComponents(r: Reader, ids: string[], field: string): void {
  ids.forEach((id, i) => {
    const base = id.split('/')[0]!;
    if (!COMPONENTS.includes(base))
      r.issue(join(field, i), `unknown component "${id}" (use ${COMPONENTS.join(', ')})`);
  });
}

/** Markdown checks: glossary links resolve, editor files exist. */
export interface RefCheck {
  file: string;
  field: string;
  terms: string[];
  files: string[];
  lessonFiles?: Record<string, string>;
}

function readStep(
  r: Reader,
  v: unknown,
  field: string,
  refs: RefCheck[],
  files: Record<string, string>,
): Step | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.keys(o, field, [
    'id',
    'title',
    'text',
    'highlight',
    'story',
    'start',
    'goals',
    'hints',
    'solution',
    'script',
  ]);
  const id = r.str(o.id, join(field, 'id'));
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    r.issue(join(field, 'id'), `use lowercase letters, digits and "-": "${id}"`);
  }
  const title = r.text(o.title, join(field, 'title'));
  const text = r.text(o.text, join(field, 'text'));
  if (text) addRefs(refs, r.file, join(field, 'text'), text, files);
  const highlight = r
    .arr(o.highlight, join(field, 'highlight'))
    .map((x, i) => r.str(x, join(join(field, 'highlight'), i)) ?? '');
  checkComponents(r, highlight, join(field, 'highlight'));
  const goals = r
    .arr(o.goals, join(field, 'goals'))
    .map((g, i) => readGoal(r, g, join(join(field, 'goals'), i)))
    .filter((g): g is Goal => !!g);
  const hints = r
    .arr(o.hints, join(field, 'hints'))
    .map((h, i) => r.text(h, join(join(field, 'hints'), i)))
    .filter((h): h is Text => !!h);
  const solution = r.str(o.solution, join(field, 'solution'), false);
  if (goals.length && !solution) r.issue(join(field, 'solution'), 'a step with goals needs a solution');
  const step: Step = {
    id: id ?? '',
    title: title ?? { en: '', zh: '' },
    text: text ?? { en: '', zh: '' },
    highlight,
    goals,
    hints,
  };
  if (o.start !== undefined) step.start = readStart(r, o.start, join(field, 'start'));
  if (solution !== undefined) step.solution = solution;
  if (o.story !== undefined && r.bool(o.story, join(field, 'story'))) step.story = true;
  const script = readScript(r, o.script, join(field, 'script'));
  if (script) step.script = script;
  return step;
}

function addRefs(
  refs: RefCheck[],
  file: string,
  field: string,
  text: Text,
  files: Record<string, string>,
): void {
  for (const lang of ['en', 'zh'] as const) {
    const { terms, files: fs } = collectRefs(parseMarkdown(text[lang]));
    refs.push({ file, field: join(field, lang), terms, files: fs, lessonFiles: files });
  }
}

/** Reads one lesson from its folder's files (names relative to the folder). */
export function readLesson(
  dir: string,
  files: Record<string, string>,
  issues: LoadIssue[],
  stats: LoadStats,
  refs: RefCheck[] = [],
): Lesson | undefined {
  const lf = `${dir}/lesson.yaml`;
  const lessonText = files['lesson.yaml'];
  if (lessonText === undefined) {
    issues.push({ file: lf, field: '(file)', message: 'missing lesson.yaml' });
    return undefined;
  }
  const data = parseYamlFile(lf, lessonText, issues);
  const r = new Reader(lf, issues, stats);
  const o = r.obj(data, '');
  if (!o) return undefined;
  r.keys(o, '', ['id', 'track', 'order', 'minutes', 'title', 'summary', 'start', 'steps', 'files', 'quiz']);
  const lessonFiles: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (name !== 'lesson.yaml' && name !== 'quiz.yaml' && !name.endsWith('.md')) lessonFiles[name] = text;
  }
  if (o.files !== undefined) {
    const fo = r.obj(o.files, 'files');
    for (const [name, text] of Object.entries(fo ?? {})) {
      const s = r.str(text, join('files', name));
      if (s !== undefined) lessonFiles[name] = s;
    }
  }
  const id = r.str(o.id, 'id') ?? dir.split('/').pop() ?? dir;
  const folder = dir.split('/').pop();
  if (folder && !folder.startsWith('(') && id !== folder)
    r.issue('id', `must equal the folder name "${folder}", is "${id}"`);
  const steps = r
    .arr(o.steps, 'steps', true)
    .map((s, i) => readStep(r, s, join('steps', i), refs, lessonFiles))
    .filter((s): s is Step => !!s);
  if (steps.length < 1) r.issue('steps', 'a lesson needs at least one step');
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    if (seen.has(s.id)) r.issue(join(join('steps', i), 'id'), `duplicate step id "${s.id}"`);
    seen.add(s.id);
  });
  const summary = r.text(o.summary, 'summary');
  const lesson: Lesson = {
    id,
    dir,
    track: r.str(o.track, 'track') ?? '',
    order: r.num(o.order, 'order', true) ?? 0,
    title: r.text(o.title, 'title') ?? { en: id, zh: id },
    summary: summary ?? { en: '', zh: '' },
    start: readStart(r, o.start, 'start'),
    steps,
    files: lessonFiles,
    quiz: [],
  };
  const minutes = r.num(o.minutes, 'minutes');
  if (minutes !== undefined) lesson.minutes = minutes;
  if (o.quiz !== undefined) lesson.quiz = readQuestions(r, o.quiz, 'quiz');
  const qt = files['quiz.yaml'];
  if (qt !== undefined) {
    const qf = `${dir}/quiz.yaml`;
    lesson.quiz.push(...readQuestions(new Reader(qf, issues, stats), parseYamlFile(qf, qt, issues), ''));
  }
  return lesson;
}
