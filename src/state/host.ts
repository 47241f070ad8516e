/** The one SimHost of the page, and the frame loop that drives it. */
import { SimHost } from './simHost';
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
  host = new SimHost(mod, { seed, fs: editorFs });
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
