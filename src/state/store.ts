/**
 * The studio's zustand store, in slices. The simulation itself stays in the SimHost; the store holds what
 * React renders: the host's status (time, version…), the UI state and the editor files. Components select
 * narrowly (`useStudio((s) => s.sim.now)`).
 */
import { create } from 'zustand';
import type { HostStatus } from './simHost';
import type { EditorFile } from './share';

export type Theme = 'light' | 'dark';
export type View = 'cluster' | 'docker';
export type InspectorTab = 'describe' | 'yaml' | 'events' | 'logs' | 'why' | 'layers' | 'isolation';
export type TimelineFilter = 'all' | 'requests' | 'scheduling' | 'kubelet' | 'events' | 'faults' | 'docker';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  /** i18n key and its values */
  key: string;
  values?: Record<string, string | number>;
  /** Offers Undo (of the last discard). */
  undo?: boolean;
}

export interface UiSlice {
  theme: Theme;
  view: View;
  namespace: string | undefined;
  selected: string | undefined;
  inspectorTab: InspectorTab;
  shareOpen: boolean;
  timelineFilter: TimelineFilter;
  notice: Notice | undefined;
  /** Pane sizes in px: lesson column width, editor column width, terminal height. */
  panes: { lesson: number; right: number; terminal: number; timeline: number };
  /** One pane filling the work area (the maximise toggle), or none. */
  maximized: 'terminal' | 'editor' | 'diagram' | undefined;
  /** Terminal and editor text size in px (Ctrl+= / Ctrl+-). */
  fontSize: number;
  /** The event log under the scrubber: collapsed until asked for. */
  eventLogOpen: boolean;
  /** Nodes whose many pods the learner asked to see one by one (the diagram collapses > 12 otherwise). */
  expandedNodes: string[];
}

export const FONT_MIN = 10;
export const FONT_MAX = 28;

export interface EditorSlice {
  files: EditorFile[];
  active: string;
}

export interface StudioState {
  /** Whether the simulation chunk has loaded and the host runs. */
  ready: 'no' | 'yes' | 'missing';
  sim: HostStatus;
  ui: UiSlice;
  editor: EditorSlice;
  setSim(s: HostStatus): void;
  setUi(p: Partial<UiSlice>): void;
  setPane(p: Partial<UiSlice['panes']>): void;
  select(key: string | undefined, tab?: InspectorTab): void;
  notify(kind: Notice['kind'], key: string, values?: Notice['values'], extra?: { undo?: boolean }): void;
  setFiles(files: EditorFile[], active?: string): void;
  updateFile(name: string, content: string): void;
  setActive(name: string): void;
}

// v2: the terminal spans the diagram and editor columns (a saved v1 layout had it under the editor only)
const UI_KEY = 'kubelab.ui.v2';
const FILES_KEY = 'kubelab.files';

function load<T>(key: string): Partial<T> {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Partial<T>) : {};
  } catch {
    return {};
  }
}
function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* quota or blocked */
  }
}

export const DEFAULT_FILE: EditorFile = {
  name: 'deployment.yaml',
  content: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
};

function prefersDark(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
}

function initialUi(): UiSlice {
  const saved = load<Pick<UiSlice, 'theme' | 'panes' | 'fontSize'>>(UI_KEY);
  const wide = typeof window !== 'undefined' ? window.innerWidth : 1280;
  const high = typeof window !== 'undefined' ? window.innerHeight : 720;
  return {
    theme: saved.theme ?? (prefersDark() ? 'dark' : 'light'),
    view: 'cluster',
    namespace: undefined,
    selected: undefined,
    inspectorTab: 'describe',
    shareOpen: false,
    timelineFilter: 'all',
    notice: undefined,
    maximized: undefined,
    fontSize:
      typeof saved.fontSize === 'number' ? Math.max(FONT_MIN, Math.min(FONT_MAX, saved.fontSize)) : 13,
    eventLogOpen: false,
    expandedNodes: [],
    panes: {
      lesson: Math.round(wide * 0.22),
      right: Math.round(wide * 0.28),
      terminal: Math.max(220, Math.round(high * 0.36)),
      timeline: 130,
      ...(saved.panes ?? {}),
    },
  };
}

function initialEditor(): EditorSlice {
  const saved = load<EditorSlice>(FILES_KEY);
  const files = Array.isArray(saved.files) && saved.files.length ? saved.files : [DEFAULT_FILE];
  const active = files.some((f) => f.name === saved.active) ? saved.active! : files[0]!.name;
  return { files, active };
}

let noticeId = 0;

export const useStudio = create<StudioState>()((set, get) => ({
  ready: 'no',
  sim: { now: 0, version: 0, playing: false, speed: 1, seed: 1, ahead: 0, end: 0 },
  ui: initialUi(),
  editor: initialEditor(),
  setSim: (s) => {
    const cur = get().sim;
    if (
      cur.now === s.now &&
      cur.version === s.version &&
      cur.playing === s.playing &&
      cur.speed === s.speed &&
      cur.seed === s.seed &&
      cur.ahead === s.ahead &&
      cur.end === s.end
    )
      return;
    set({ sim: s });
  },
  setUi: (p) => {
    set((st) => ({ ui: { ...st.ui, ...p } }));
    if ('theme' in p || 'fontSize' in p)
      save(UI_KEY, { theme: get().ui.theme, panes: get().ui.panes, fontSize: get().ui.fontSize });
  },
  setPane: (p) => {
    set((st) => ({ ui: { ...st.ui, panes: { ...st.ui.panes, ...p } } }));
    save(UI_KEY, { theme: get().ui.theme, panes: get().ui.panes, fontSize: get().ui.fontSize });
  },
  select: (key, tab) =>
    set((st) => ({ ui: { ...st.ui, selected: key, ...(tab ? { inspectorTab: tab } : {}) } })),
  notify: (kind, key, values, extra) =>
    set((st) => ({
      ui: {
        ...st.ui,
        notice: {
          id: ++noticeId,
          kind,
          key,
          ...(values ? { values } : {}),
          ...(extra?.undo ? { undo: true } : {}),
        },
      },
    })),
  setFiles: (files, active) => {
    const a = active && files.some((f) => f.name === active) ? active : (files[0]?.name ?? '');
    set({ editor: { files, active: a } });
    save(FILES_KEY, get().editor);
  },
  updateFile: (name, content) => {
    set((st) => ({
      editor: { ...st.editor, files: st.editor.files.map((f) => (f.name === name ? { ...f, content } : f)) },
    }));
    save(FILES_KEY, get().editor);
  },
  setActive: (name) => {
    set((st) => ({ editor: { ...st.editor, active: name } }));
    save(FILES_KEY, get().editor);
  },
}));
