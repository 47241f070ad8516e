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
}

let ctx: StepContext | undefined;

type Host = NonNullable<ReturnType<typeof getHost>>;

/** The page's SimHost once it has started (the studio may start it asynchronously). */
export function whenHostReady(timeoutMs = 30_000): Promise<Host> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = () => {
      const h = getHost();
      if (h) resolve(h);
      else if (Date.now() - t0 > timeoutMs) reject(new Error('the simulation did not start'));
      else setTimeout(poll, 50);
    };
    poll();
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
  host.reset(seed ?? host.seed);
  host.exec(script);
  ctx = { key, histStart: host.session.history.length, stepStart: host.cluster.now };
  host.emit();
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
  ctx = { key, histStart: host.session.history.length, stepStart: host.cluster.now };
}

/** Checks goals on the live cluster, counting commands since the step began. */
export function checkNow(goals: Goal[], key: string): GoalResult[] {
  const host = getHost();
  if (!host) return goals.map(() => ({ met: false, reason: { en: 'No cluster.', zh: '没有集群。' } }));
  if (!ctx || ctx.key !== key) markContext(key);
  const c = ctx!;
  const history = host.session.history.slice(Math.min(c.histStart, host.session.history.length));
  return checkGoals(goals, { cluster: host.cluster, history, stepStart: c.stepStart });
}
