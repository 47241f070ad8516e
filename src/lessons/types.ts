/**
 * The lesson format as data. Authors write it in YAML (lessons/README.md); the loader validates it into these
 * shapes, naming the file and field of every mistake. Everything a learner reads is a {@link Text}: English and
 * Chinese side by side.
 */

/** A text in both languages. */
export interface Text {
  en: string;
  zh: string;
}

export type Lang = 'en' | 'zh';

/** How a lesson, step or cluster challenge starts: `sim reset` options plus setup commands. */
export interface StartSpec {
  /** Options of `sim reset`, e.g. `--workers 3 --seed 7` (default: the default cluster). */
  reset?: string;
  /** Commands run after the reset, in the command language (kubectl, docker, sim). */
  setup?: string;
}

/** One condition on a field of each matched object. */
export interface FieldCheck {
  /** Dot path with `[0]` indexes and `[type=Ready]` array selection: `status.conditions[type=Ready].status`. */
  path: string;
  equals?: string | number | boolean;
  notEquals?: string | number | boolean;
  in?: (string | number | boolean)[];
  exists?: boolean;
  /** Regular expression the value (as a string) must match. */
  matches?: string;
  gte?: number;
  lte?: number;
}

/** A declarative goal on the cluster state, or on the commands the learner ran. */
export interface Goal {
  /** What the learner must achieve, shown as a checklist line. */
  text: Text;
  /** Kind of object (Pod, Deployment, Node, Service, ReplicaSet, …). Required unless `ran` is given. */
  kind?: string;
  /** Namespace (default `default`; `*` for all namespaces). Ignored for cluster-scoped kinds. */
  namespace?: string;
  /** Exact object name. Never a generated name (pods of a Deployment): use `selector`. */
  name?: string;
  /** Label selector in kubectl `-l` syntax: `app=web,tier in (fe)`. */
  selector?: string;
  /** Pods: Ready condition True (not terminating). Deployments / ReplicaSets: all replicas ready. Nodes: Ready. */
  ready?: boolean;
  /** Pods: `status.phase`. */
  phase?: string;
  /** Only objects created after the step began (a replacement pod, a new ReplicaSet). */
  newSinceStep?: boolean;
  /** Conditions every counted object must meet. */
  where?: FieldCheck[];
  /** Exactly this many matching objects. Without count/min/max: at least one. */
  count?: number;
  min?: number;
  max?: number;
  /** Pods: the matching pods run on at least this many different nodes. */
  minNodes?: number;
  /** A command the learner ran since the step began, as a regular expression over the line. */
  ran?: string;
}

export interface Step {
  id: string;
  title: Text;
  /** Markdown in both languages (lessons/README.md lists what is allowed). */
  text: Text;
  /** Diagram components to highlight while the step is shown: `kube-scheduler`, `etcd`, `kubelet`… */
  highlight: string[];
  /** The step opens on the control-plane story: the diagram shows kubectl and the control plane and tells each hop. */
  story?: boolean;
  /** Own starting cluster; without it: the lesson's start plus the solutions of the steps before. */
  start?: StartSpec;
  goals: Goal[];
  hints: Text[];
  /** Commands that meet the goals (the "reveal solution" text, replayed by the checks). */
  solution?: string;
  /** Instructor autoplay; without it the solution's commands are typed one by one. */
  script?: ScriptItem[];
}

/** One beat of a self-playing lesson script. */
export type ScriptItem =
  { say: Text } | { run: string } | { advance: string } | { highlight: string[] } | { pause: number };

export interface Lesson {
  id: string;
  /** Folder the lesson came from (for messages). */
  dir: string;
  track: string;
  order: number;
  title: Text;
  summary: Text;
  /** Minutes a learner needs, roughly. */
  minutes?: number;
  start: StartSpec;
  steps: Step[];
  /** Manifests and other files of the lesson, by name: what `kubectl apply -f web.yaml` reads. */
  files: Record<string, string>;
  quiz: Question[];
}

export interface Option {
  text: Text;
  correct: boolean;
  explain: Text;
}

export interface OrderItem {
  text: Text;
  explain: Text;
}

export interface MatchPair {
  left: Text;
  right: Text;
  explain: Text;
}

interface QuestionBase {
  id: string;
  prompt: Text;
  /** General explanation shown after submitting. */
  explain?: Text;
  points: number;
}

export type Question =
  | (QuestionBase & { type: 'single' | 'multiple'; options: Option[] })
  | (QuestionBase & { type: 'order'; items: OrderItem[] })
  | (QuestionBase & { type: 'match'; pairs: MatchPair[] })
  | (QuestionBase & { type: 'command'; answers: string[]; explain: Text })
  | (QuestionBase & { type: 'cluster'; start: StartSpec; goals: Goal[]; solution: string; explain: Text });

export type QuestionType = Question['type'];

export interface Track {
  id: string;
  title: Text;
  summary: Text;
}

export interface GlossaryEntry {
  id: string;
  term: Text;
  def: Text;
  /** Lessons that teach the term. */
  lessons: string[];
}

export interface Course {
  title: Text;
  tracks: Track[];
  /** The lesson opened first. */
  start: string;
  lessons: Lesson[];
  glossary: GlossaryEntry[];
  exam: Question[];
}

/** A problem found while loading: the file and the field, in both languages. */
export interface LoadIssue {
  file: string;
  field: string;
  message: string;
}
