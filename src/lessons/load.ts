/**
 * Loads the course from a file map (path → text): the browser passes Vite's bundled `/lessons/**` files, Node
 * passes what it read from the folder. Every mistake is reported with its file and field; the loader never throws.
 */
import { parse, YAMLParseError } from 'yaml';
import { parseSelector } from '../sim/api/labels';
import type {
  Course,
  FieldCheck,
  GlossaryEntry,
  Goal,
  Lesson,
  LoadIssue,
  Question,
  ScriptItem,
  StartSpec,
  Step,
  Text,
  Track,
} from './types';
import { parseMarkdown, collectRefs } from './markdown';

/** Kinds a goal may name; cluster-scoped ones ignore `namespace`. */
export const GOAL_KINDS = [
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'Namespace',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'ServiceAccount',
  'Event',
  'Lease',
  'DockerContainer',
  'DockerImage',
] as const;
export const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'DockerContainer',
  'DockerImage',
]);
const READY_KINDS = new Set([
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'DockerContainer',
]);

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

export interface LoadStats {
  /** Texts (each {en, zh} pair counts once per missing side). */
  texts: number;
  missingEn: number;
  missingZh: number;
}

export interface LoadResult {
  course: Course;
  issues: LoadIssue[];
  stats: LoadStats;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one file's data, collecting issues with their field paths. */
class Reader {
  constructor(
    readonly file: string,
    readonly issues: LoadIssue[],
    readonly stats: LoadStats,
  ) {}

  issue(field: string, message: string): void {
    this.issues.push({ file: this.file, field: field || '(root)', message });
  }

  keys(o: Obj, field: string, allowed: string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k))
        this.issue(join(field, k), `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
    }
  }

  obj(v: unknown, field: string): Obj | undefined {
    if (v === undefined || v === null) {
      this.issue(field, 'required');
      return undefined;
    }
    if (!isObj(v)) {
      this.issue(field, `must be a mapping, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  arr(v: unknown, field: string, required = false): unknown[] {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return [];
    }
    if (!Array.isArray(v)) {
      this.issue(field, `must be a list, got ${describe(v)}`);
      return [];
    }
    return v;
  }

  /**
   * A required list of mappings with known keys: `read` builds an item from each valid mapping and its field path;
   * items that are not mappings are reported and left out.
   */
  items<T>(v: unknown, field: string, allowed: string[], read: (o: Obj, f: string) => T): T[] {
    return this.arr(v, field, true).flatMap((x, i) => {
      const f = join(field, i);
      const o = this.obj(x, f);
      if (!o) return [];
      this.keys(o, f, allowed);
      return [read(o, f)];
    });
  }

  /** A required bilingual text, or an empty pair when it is missing (the issue is already recorded). */
  textOrEmpty(v: unknown, field: string): Text {
    return this.text(v, field) ?? { en: '', zh: '' };
  }

  str(v: unknown, field: string, required = true): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return undefined;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.issue(field, `must be a string, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  num(v: unknown, field: string, required = false): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.issue(field, 'required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.issue(field, `must be a number, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  bool(v: unknown, field: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.issue(field, `must be true or false, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A bilingual text; a missing or empty side is an issue and counts in the stats. */
  text(v: unknown, field: string, required = true): Text | undefined {
    if (v === undefined || v === null) {
      if (required) {
        this.issue(field, 'required: { en: …, zh: … }');
        this.stats.texts++;
        this.stats.missingEn++;
        this.stats.missingZh++;
      }
      return undefined;
    }
    this.stats.texts++;
    if (typeof v === 'string') {
      this.issue(field, 'must give both languages: { en: …, zh: … }');
      this.stats.missingZh++;
      return { en: v, zh: '' };
    }
    if (!isObj(v)) {
      this.issue(field, `must be { en: …, zh: … }, got ${describe(v)}`);
      this.stats.missingEn++;
      this.stats.missingZh++;
      return undefined;
    }
    this.keys(v, field, ['en', 'zh']);
    const out: Text = { en: '', zh: '' };
    for (const lang of ['en', 'zh'] as const) {
      const s = v[lang];
      if (typeof s === 'number') out[lang] = String(s);
      else if (typeof s === 'string' && s.trim()) out[lang] = s;
      else {
        this.issue(join(field, lang), lang === 'en' ? 'missing English text' : 'missing Chinese text');
        if (lang === 'en') this.stats.missingEn++;
        else this.stats.missingZh++;
      }
    }
    return out;
  }

  regex(v: unknown, field: string): string | undefined {
    const s = this.str(v, field, false);
    if (s === undefined) return undefined;
    try {
      new RegExp(s);
    } catch (e) {
      this.issue(field, `not a valid regular expression: ${(e as Error).message}`);
      return undefined;
    }
    return s;
  }
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

/** Parses YAML text; a syntax error becomes an issue with its line and column. */
export function parseYamlFile(file: string, text: string, issues: LoadIssue[]): unknown {
  try {
    return parse(text, { prettyErrors: true, maxAliasCount: 50, uniqueKeys: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      issues.push({
        file,
        field: pos ? `line ${pos.line}, column ${pos.col}` : '(yaml)',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      });
    } else issues.push({ file, field: '(yaml)', message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
}

const RESET_FLAGS = new Set(['--workers', '--cpu', '--memory', '--seed', '--max-pods']);

function readStart(r: Reader, v: unknown, field: string): StartSpec {
  if (v === undefined || v === null) return {};
  const o = r.obj(v, field);
  if (!o) return {};
  r.keys(o, field, ['reset', 'setup']);
  const out: StartSpec = {};
  const reset = r.str(o.reset, join(field, 'reset'), false);
  if (reset !== undefined) {
    const parts = reset.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const flag = p.split('=')[0]!;
      if (!RESET_FLAGS.has(flag)) r.issue(join(field, 'reset'), `unknown sim reset option "${p}"`);
      else if (!p.includes('=')) i++;
    }
    out.reset = reset.trim();
  }
  const setup = r.str(o.setup, join(field, 'setup'), false);
  if (setup !== undefined) out.setup = setup;
  return out;
}

const FIELD_OPS = ['equals', 'notEquals', 'in', 'exists', 'matches', 'gte', 'lte'];

function readFieldCheck(r: Reader, v: unknown, field: string): FieldCheck | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.keys(o, field, ['path', ...FIELD_OPS]);
  const path = r.str(o.path, join(field, 'path'));
  if (!path) return undefined;
  if (!/^[A-Za-z_$][\w$-]*(\[[^\]]+\])*(\.[A-Za-z_$/][\w$./-]*?(\[[^\]]+\])*)*$/.test(path)) {
    r.issue(join(field, 'path'), `not a field path: "${path}"`);
  }
  const out: FieldCheck = { path };
  const ops = FIELD_OPS.filter((k) => o[k] !== undefined);
  if (!ops.length) r.issue(field, `needs one of ${FIELD_OPS.join(', ')}`);
  for (const k of ['equals', 'notEquals'] as const) {
    const x = o[k];
    if (x === undefined) continue;
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
    else r.issue(join(field, k), `must be a string, number or boolean, got ${describe(x)}`);
  }
  if (o.in !== undefined) {
    out.in = r
      .arr(o.in, join(field, 'in'))
      .filter((x): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x));
  }
  const ex = r.bool(o.exists, join(field, 'exists'));
  if (ex !== undefined) out.exists = ex;
  const m = r.regex(o.matches, join(field, 'matches'));
  if (m !== undefined) out.matches = m;
  const gte = r.num(o.gte, join(field, 'gte'));
  if (gte !== undefined) out.gte = gte;
  const lte = r.num(o.lte, join(field, 'lte'));
  if (lte !== undefined) out.lte = lte;
  return out;
}

export function readGoal(r: Reader, v: unknown, field: string): Goal | undefined {
  const o = r.obj(v, field);
  if (!o) return undefined;
  r.keys(o, field, [
    'text',
    'kind',
    'namespace',
    'name',
    'selector',
    'ready',
    'phase',
    'newSinceStep',
    'where',
    'count',
    'min',
    'max',
    'minNodes',
    'ran',
  ]);
  const text = r.text(o.text, join(field, 'text'));
  const goal: Goal = { text: text ?? { en: '', zh: '' } };
  const ran = r.regex(o.ran, join(field, 'ran'));
  if (ran !== undefined) goal.ran = ran;
  const kind = r.str(o.kind, join(field, 'kind'), ran === undefined);
  if (kind !== undefined) {
    if (!(GOAL_KINDS as readonly string[]).includes(kind)) {
      r.issue(join(field, 'kind'), `unknown kind "${kind}" (use one of ${GOAL_KINDS.join(', ')})`);
    }
    goal.kind = kind;
  }
  for (const k of ['namespace', 'name', 'phase'] as const) {
    const s = r.str(o[k], join(field, k), false);
    if (s !== undefined) goal[k] = s;
  }
  const sel = r.str(o.selector, join(field, 'selector'), false);
  if (sel !== undefined) {
    try {
      parseSelector(sel);
      goal.selector = sel;
    } catch (e) {
      r.issue(join(field, 'selector'), (e as Error).message);
    }
  }
  const ready = r.bool(o.ready, join(field, 'ready'));
  if (ready !== undefined) {
    goal.ready = ready;
    if (kind && !READY_KINDS.has(kind)) {
      r.issue(join(field, 'ready'), `ready applies to ${[...READY_KINDS].join(', ')}, not ${kind}`);
    }
  }
  if (goal.phase !== undefined && kind !== 'Pod') r.issue(join(field, 'phase'), 'phase applies to Pods only');
  const nss = r.bool(o.newSinceStep, join(field, 'newSinceStep'));
  if (nss !== undefined) goal.newSinceStep = nss;
  const where = r
    .arr(o.where, join(field, 'where'))
    .map((w, i) => readFieldCheck(r, w, join(join(field, 'where'), i)))
    .filter((w): w is FieldCheck => !!w);
  if (where.length) goal.where = where;
  for (const k of ['count', 'min', 'max', 'minNodes'] as const) {
    const n = r.num(o[k], join(field, k));
    if (n === undefined) continue;
    if (n < 0 || !Number.isInteger(n)) r.issue(join(field, k), 'must be a whole number ≥ 0');
    goal[k] = n;
  }
  if (goal.count !== undefined && (goal.min !== undefined || goal.max !== undefined)) {
    r.issue(join(field, 'count'), 'use count or min/max, not both');
  }
  if (goal.minNodes !== undefined && kind !== 'Pod')
    r.issue(join(field, 'minNodes'), 'minNodes applies to Pods only');
  if (ran !== undefined && kind !== undefined)
    r.issue(field, 'a goal checks either a command (ran) or objects (kind), not both');
  return goal;
}

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
interface RefCheck {
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
  r.keys(o, field, ['id', 'title', 'text', 'highlight', 'start', 'goals', 'hints', 'solution', 'script']);
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

function readQuestions(r: Reader, v: unknown, field: string): Question[] {
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
