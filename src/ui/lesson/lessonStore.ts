/**
 * The lesson player's state: where the learner is, progress (kept in localStorage under a versioned key),
 * presenter mode, diagram highlights, and a custom lesson loaded by an instructor.
 *
 * For the studio: `useLessonStore((s) => s.highlight)` lists the component ids the current step highlights
 * (`kube-scheduler`, `etcd`, `kubelet`, `kubelet/worker-1`…); the diagram may outline them.
 */
import { create } from 'zustand';
import {
  emptyProgress,
  parseProgress,
  PROGRESS_KEY,
  serializeProgress,
  type Progress,
} from '../../lessons/progress';
import type { Lesson, Question } from '../../lessons/types';

export type LessonView =
  | { kind: 'map' }
  | { kind: 'lesson'; lesson: string; step: number }
  | { kind: 'quiz'; lesson: string }
  | { kind: 'exam' }
  | { kind: 'glossary'; term?: string }
  | { kind: 'instructor' }
  | { kind: 'custom-quiz' };

export interface LessonState {
  view: LessonView;
  progress: Progress;
  presenter: boolean;
  highlight: string[];
  /** The step shown opens on the control-plane story (the diagram focuses the control plane and narrates). */
  story: boolean;
  /** Seed for prepared clusters (from a share link). */
  seed: number | undefined;
  custom: Lesson | undefined;
  customQuiz: Question[] | undefined;
  setView(v: LessonView): void;
  setProgress(p: Progress): void;
  setPresenter(on: boolean): void;
  setHighlight(ids: string[]): void;
  setStory(on: boolean): void;
  setSeed(seed: number | undefined): void;
  setCustom(l: Lesson | undefined): void;
  setCustomQuiz(q: Question[] | undefined): void;
}

function loadProgress(): Progress {
  try {
    const raw = localStorage.getItem(PROGRESS_KEY);
    if (raw) {
      const r = parseProgress(raw);
      if (r.ok) return r.progress;
    }
  } catch {
    /* storage blocked */
  }
  return emptyProgress();
}

function saveProgress(p: Progress): void {
  try {
    localStorage.setItem(PROGRESS_KEY, serializeProgress(p));
  } catch {
    /* quota or blocked */
  }
}

export const useLessonStore = create<LessonState>((set) => ({
  view: { kind: 'map' },
  progress: loadProgress(),
  presenter: false,
  highlight: [],
  story: false,
  seed: undefined,
  custom: undefined,
  customQuiz: undefined,
  setView: (view) => set({ view }),
  setProgress: (progress) => {
    saveProgress(progress);
    set({ progress });
  },
  setPresenter: (presenter) => set({ presenter }),
  setHighlight: (highlight) => set({ highlight }),
  setStory: (story) => set({ story }),
  setSeed: (seed) => set({ seed }),
  setCustom: (custom) => set({ custom }),
  setCustomQuiz: (customQuiz) => set({ customQuiz }),
}));
