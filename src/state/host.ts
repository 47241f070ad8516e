/** The one SimHost of the page, and the frame loop that drives it. */
import { SimHost, type Discard } from './simHost';
import { SHARE_VERSION } from './shareVersion';
import { readSession, setRestoredHistory, terminalHistory, writeSession } from './persist';
import { loadSessionModule } from './session';
import { useStudio } from './store';
import type { VirtualFs } from '../shell/types';

let host: SimHost | undefined;

/** How often React hears about a playing simulation. */
export const PUSH_MS = 200;

/** The editor's files as the commands' working folder (`kubectl apply -f deployment.yaml`). */
export const editorFs: VirtualFs = {
  read: (path) =>
    useStudio.getState().editor.files.find((f) => f.name === path.replace(/^\.\//, ''))?.content,
  isDir: (path) => path === '.' || path === '' || path === './',
  list: (dir) =>
    dir === '.' || dir === '' || dir === './'
      ? useStudio
          .getState()
          .editor.files.map((f) => f.name)
          .sort()
      : [],
  write: (path, content) => {
    const st = useStudio.getState();
    const name = path.replace(/^\.\//, '');
    if (st.editor.files.some((f) => f.name === name)) st.updateFile(name, content);
    else st.setFiles([...st.editor.files, { name, content }], st.editor.active);
  },
};

let lastDiscard: Discard | undefined;

/** Brings back what the last discard threw away (the notice's Undo). */
export function undoDiscard(): void {
  const d = lastDiscard;
  if (!host || !d) return;
  lastDiscard = undefined;
  host.load(d.before, { silent: true });
  useStudio.getState().notify('info', 'discard.undone', { count: d.count });
}

/** Writes the sandbox, the terminal history and the clock to localStorage (see persist.ts). */
export function saveSession(): void {
  if (!host) return;
  const sb = host.toSandbox([]);
  writeSession({
    seed: sb.seed,
    commands: sb.commands,
    time: sb.time,
    history: terminalHistory(),
    playing: host.playing,
    speed: host.speed,
  });
}

export function getHost(): SimHost | undefined {
  return host;
}

/** Loads the simulation chunk and starts the host; the store's `ready` flips when it runs. */
export async function startHost(seed = 1): Promise<SimHost | undefined> {
  if (host) return host;
  const mod = await loadSessionModule();
  if (!mod) {
    useStudio.setState({ ready: 'missing' });
    return undefined;
  }
  if (host) return host;
  // Time moves from the first load at 1×; a learner who paused (or an e2e test) finds the clock as they left it.
  const saved = readSession();
  host = new SimHost(mod, { seed, fs: editorFs, playing: saved?.playing ?? true });
  if (saved) {
    host.speed = saved.speed;
    setRestoredHistory(saved.history);
    // a share link in the address wins over the saved sandbox (openFromLocation loads it next)
    if (!location.hash.startsWith('#s=') && (saved.commands.length || saved.time > 0 || saved.seed !== seed))
      host.load(
        { v: SHARE_VERSION, seed: saved.seed, commands: saved.commands, files: [], time: saved.time },
        { silent: true },
      );
  }
  host.onDiscard((d) => {
    lastDiscard = d;
    useStudio.getState().notify('info', `discard.${d.why}`, { count: d.count }, { undo: true });
  });
  // React hears about the simulation at most every PUSH_MS while it plays (every change when paused): the clock,
  // diagram, timeline and lesson goals re-render at that rate instead of on every animation frame.
  let lastPush = 0;
  let pending: number | undefined;
  const pushNow = () => {
    pending = undefined;
    lastPush = performance.now();
    useStudio.getState().setSim(host!.status());
  };
  const push = () => {
    if (!host!.playing) return pushNow();
    const wait = lastPush + PUSH_MS - performance.now();
    if (wait <= 0) pushNow();
    else pending ??= window.setTimeout(pushNow, wait);
  };
  host.subscribe(push);
  pushNow();
  // the session is written at most once a second, and when the page goes away
  let lastSave = 0;
  let saveTimer: number | undefined;
  const save = () => {
    saveTimer = undefined;
    lastSave = performance.now();
    saveSession();
  };
  host.subscribe(() => {
    const wait = lastSave + 1000 - performance.now();
    if (wait <= 0) save();
    else saveTimer ??= window.setTimeout(save, wait);
  });
  window.addEventListener('pagehide', save);
  let last = performance.now();
  const loop = (t: number) => {
    const dt = t - last;
    last = t;
    host!.frame(dt);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  (globalThis as { __kubelab?: unknown }).__kubelab = { host, store: useStudio };
  useStudio.setState({ ready: 'yes' });
  return host;
}
