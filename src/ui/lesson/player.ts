/**
 * The bridge between the lesson engine and the studio: prepares a step's cluster on the page's SimHost, opens
 * lesson files in the editor, runs commands visibly in the terminal, and checks goals against the live cluster.
 */
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import { checkGoals, type GoalResult } from '../../lessons/goals';
import { challengeStartScript, stepStartScript } from '../../lessons/replay';
import type { Goal, Lesson, StartSpec } from '../../lessons/types';

/** Where the current step began: goals only count commands and objects from then on. */
export interface StepContext {
  key: string;
  histStart: number;
  stepStart: number;
  /** Lines run in this step before a reload (a reload replays only the commands that changed the cluster). */
  carried?: string[];
}

let ctx: StepContext | undefined;

// Where the step began, and the lines run in it, survive a reload: the session restores the cluster but
// replays only the commands that changed it, so without this a "run kubectl get nodes" goal would say "Not
// done yet" under a ✔ step dot.
const CTX_KEY = 'kubelab.stepContext';
function setCtx(c: StepContext): void {
  ctx = c;
  try {
    localStorage.setItem(CTX_KEY, JSON.stringify(c));
  } catch {
    // storage full or blocked: the context lives until the page closes
  }
}
function savedCtx(key: string, historyLength: number): StepContext | undefined {
  try {
    const c = JSON.parse(localStorage.getItem(CTX_KEY) ?? 'null') as StepContext | null;
    if (c && c.key === key && typeof c.stepStart === 'number')
      // the history is rebuilt on load: the step's earlier lines are all in `carried`
      return { key, histStart: historyLength, stepStart: c.stepStart, carried: c.carried ?? [] };
  } catch {
    // unreadable: start the step's count afresh
  }
  return undefined;
}

type Host = NonNullable<ReturnType<typeof getHost>>;

/**
 * The page's SimHost once it has started (the studio starts it asynchronously, and shows the lesson before). It
 * resolves in the same turn as the start, before what the learner typed meanwhile runs (the terminal releases
 * its type-ahead a task later), so a step's preparation and its count of commands come first.
 */
export function whenHostReady(timeoutMs = 30_000): Promise<Host> {
  return new Promise((resolve, reject) => {
    const h = getHost();
    if (h) return resolve(h);
    const timer = setTimeout(() => {
      off();
      reject(new Error('the simulation did not start'));
    }, timeoutMs);
    const off = useStudio.subscribe((st) => {
      const host = getHost();
      if (!host || st.ready !== 'yes') return;
      off();
      clearTimeout(timer);
      resolve(host);
    });
  });
}

export function currentContext(): StepContext | undefined {
  return ctx;
}

/** Puts lesson files into the editor (kept with the learner's own files) so `kubectl apply -f x.yaml` finds them. */
export function addFilesToEditor(files: Record<string, string>, open?: string): void {
  const st = useStudio.getState();
  const names = Object.keys(files);
  if (!names.length && !open) return;
  const kept = st.editor.files.filter((f) => files[f.name] === undefined);
  st.setFiles(
    [...kept, ...names.sort().map((name) => ({ name, content: files[name]! }))],
    open ?? st.editor.active,
  );
}

export function openYaml(name: string, text: string): void {
  const st = useStudio.getState();
  const exists = st.editor.files.some((f) => f.name === name);
  if (exists) {
    st.updateFile(name, text);
    st.setActive(name);
  } else st.setFiles([...st.editor.files, { name, content: text }], name);
}

/** Runs a command as if typed: echoed with its output in the terminal, recorded on the timeline. */
export function runCommand(cmd: string): void {
  const host = getHost();
  if (!host) return;
  for (const line of splitForEcho(cmd)) host.exec(line, { echo: true });
}

function splitForEcho(text: string): string[] {
  // Heredocs and continuations stay whole; everything else runs line by line so each shows its own output.
  if (/<<|\\\n/.test(text)) return [text];
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function prepare(key: string, script: string, files: Record<string, string>, seed: number | undefined): void {
  const host = getHost();
  if (!host) {
    void whenHostReady().then(() => prepare(key, script, files, seed));
    return;
  }
  addFilesToEditor(files);
  void host.reset(seed ?? host.seed);
  // the simulation answers asynchronously (a worker): the step begins where the preparation left it
  void host.exec(script).then(() => {
    setCtx({ key, histStart: host.session.history.length, stepStart: host.cluster.now });
    host.emit();
  });
}

/** Gives the learner step `index`'s starting cluster. */
export function prepareStep(lesson: Lesson, index: number, seed?: number): void {
  prepare(`${lesson.id}#${index}`, stepStartScript(lesson, index, seed), lesson.files, seed);
}

export function prepareChallenge(
  id: string,
  q: { start: StartSpec },
  files: Record<string, string>,
  seed?: number,
): void {
  prepare(`challenge:${id}`, challengeStartScript(q, seed), files, seed);
}

/** Marks "now" as the start of a step without touching the cluster (a custom lesson before it is prepared). */
export function markContext(key: string): void {
  const host = getHost();
  if (!host) return;
  setCtx({ key, histStart: host.session.history.length, stepStart: host.cluster.now });
}

/**
 * Goes on with a step without touching the cluster: where it began is kept if this step was the one in
 * progress (a reload), else it begins now.
 */
export function resumeContext(key: string): void {
  const host = getHost();
  if (!host) return;
  if (ctx?.key === key) return;
  const saved = savedCtx(key, host.session.history.length);
  if (saved) ctx = saved;
  else markContext(key);
}

/** Checks goals on the live cluster, counting commands since the step began. */
export function checkNow(goals: Goal[], key: string): GoalResult[] {
  const host = getHost();
  if (!host) return goals.map(() => ({ met: false, reason: { en: 'No cluster.', zh: '没有集群。' } }));
  if (!ctx || ctx.key !== key) resumeContext(key);
  const c = ctx!;
  const since = host.session.history.slice(Math.min(c.histStart, host.session.history.length));
  const history = [...(c.carried ?? []), ...since];
  if (since.length) setCtx({ ...c, histStart: host.session.history.length, carried: history.slice(-200) });
  return checkGoals(goals, { cluster: host.cluster, history, stepStart: c.stepStart });
}
