/**
 * The one simulation of the page. It runs in a module Web Worker (src/state/worker): the studio holds a
 * RemoteHost whose mirror it reads, and the worker's clock loop drives time, so a large settle never blocks
 * typing or drawing. Where Workers are missing (or with `?sim=main`) the same core runs on this thread.
 */
import { SHARE_VERSION } from './shareVersion';
import { readSession, setRestoredHistory, terminalHistory, writeSession } from './persist';
import { loadSessionModule } from './session';
import { useStudio } from './store';
import type { Discard } from './simHost';
import type { VirtualFs } from '../shell/types';
import { RemoteHost, type Transport } from './worker/remoteHost';
import { localTransport, workerTransport } from './worker/transports';

export type { RemoteHost } from './worker/remoteHost';

let host: RemoteHost | undefined;
let starting: Promise<RemoteHost | undefined> | undefined;
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
  void host.load(d.before, { silent: true });
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

export function getHost(): RemoteHost | undefined {
  return host;
}

/** Whether the simulation runs in a Web Worker (the default) or on the page's thread. */
export function simInWorker(): boolean {
  return typeof Worker !== 'undefined' && !/[?&]sim=main/.test(location.search);
}

/** Starts the simulation; the store's `ready` flips when it runs. */
export function startHost(seed = 1): Promise<RemoteHost | undefined> {
  starting ??= start(seed);
  return starting;
}

async function start(seed: number): Promise<RemoteHost | undefined> {
  let transport: Transport;
  if (simInWorker()) transport = workerTransport();
  else {
    const mod = await loadSessionModule();
    if (!mod) {
      useStudio.setState({ ready: 'missing' });
      return undefined;
    }
    transport = await localTransport(mod);
  }
  const h = new RemoteHost(transport);
  // Time moves from the first load at 1×; a learner who paused (or an e2e test) finds the clock as they left it.
  const saved = readSession();
  if (saved) setRestoredHistory(saved.history);
  // a share link in the address wins over the saved sandbox (openFromLocation loads it next)
  const replay =
    saved &&
    !location.hash.startsWith('#s=') &&
    (saved.commands.length || saved.time > 0 || saved.seed !== seed)
      ? { v: SHARE_VERSION, seed: saved.seed, commands: saved.commands, files: [], time: saved.time }
      : undefined;
  h.onWriteFile = (path, content) => editorFs.write?.(path, content);
  try {
    await h.init({
      seed,
      playing: saved?.playing ?? true,
      speed: saved?.speed ?? 1,
      lang: 'en',
      files: useStudio.getState().editor.files,
      ...(replay ? { saved: replay } : {}),
    });
  } catch (e) {
    h.close();
    useStudio.setState({ ready: (e as Error).message === 'missing' ? 'missing' : 'no' });
    if ((e as Error).message !== 'missing') console.error(e);
    return undefined;
  }
  host = h;
  // the commands' folder follows the editor
  useStudio.subscribe((s, prev) => {
    if (s.editor.files !== prev.editor.files) void h.setFiles(s.editor.files);
  });
  h.onDiscard((d) => {
    lastDiscard = d;
    useStudio.getState().notify('info', `discard.${d.why}`, { count: d.count }, { undo: true });
  });
  // React hears about the simulation at most every PUSH_MS while it plays (every change when paused): the clock,
  // diagram, timeline and lesson goals re-render at that rate instead of on every push.
  let lastPush = 0;
  let pending: number | undefined;
  const pushNow = () => {
    pending = undefined;
    lastPush = performance.now();
    useStudio.getState().setSim(h.status());
  };
  const push = () => {
    if (!h.playing) return pushNow();
    const wait = lastPush + PUSH_MS - performance.now();
    if (wait <= 0) pushNow();
    else pending ??= window.setTimeout(pushNow, wait);
  };
  h.subscribe(push);
  pushNow();
  // the session is written at most once a second, and when the page goes away
  let lastSave = 0;
  let saveTimer: number | undefined;
  const save = () => {
    saveTimer = undefined;
    lastSave = performance.now();
    saveSession();
  };
  h.subscribe(() => {
    const wait = lastSave + 1000 - performance.now();
    if (wait <= 0) save();
    else saveTimer ??= window.setTimeout(save, wait);
  });
  window.addEventListener('pagehide', save);
  (globalThis as { __kubelab?: unknown }).__kubelab = {
    host: h,
    store: useStudio,
    inWorker: simInWorker(),
    /** A second simulation in a fresh worker of the same build (the determinism e2e test replays scripts in it). */
    spawn: async (init: Parameters<RemoteHost['init']>[0]) => {
      const extra = new RemoteHost(workerTransport());
      await extra.init(init);
      return extra;
    },
  };
  useStudio.setState({ ready: 'yes' });
  return h;
}
