/**
 * Nothing a learner did is lost on reload: the sandbox (seed, every command at its virtual time, the time
 * reached), the terminal's history and the clock's state are kept in localStorage and replayed on the next load.
 * Replay is the same path as a share link, so the restored cluster is byte-identical to the one left.
 */
import type { RecordedCommand } from './share';

export const SESSION_KEY = 'kubelab.session';

export interface SavedSession {
  seed: number;
  commands: RecordedCommand[];
  time: number;
  history: string[];
  playing: boolean;
  speed: number;
}

export function readSession(): SavedSession | undefined {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Partial<SavedSession>;
    if (typeof s.seed !== 'number' || !Array.isArray(s.commands) || typeof s.time !== 'number')
      return undefined;
    const commands = s.commands.filter(
      (c): c is RecordedCommand => !!c && typeof c.t === 'number' && typeof c.text === 'string',
    );
    return {
      seed: s.seed,
      commands,
      time: s.time,
      history: Array.isArray(s.history) ? s.history.filter((h): h is string => typeof h === 'string') : [],
      playing: s.playing !== false,
      speed: typeof s.speed === 'number' && s.speed > 0 ? s.speed : 1,
    };
  } catch {
    return undefined;
  }
}

export function writeSession(s: SavedSession): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ ...s, history: s.history.slice(-200) }));
  } catch {
    /* quota or blocked: the session simply is not kept */
  }
}

/** The terminal's history lives in the terminal chunk; it registers how to read it here. */
let historySource: (() => string[]) | undefined;
let savedHistory: string[] = [];
export function setHistorySource(fn: (() => string[]) | undefined): void {
  historySource = fn;
}
export function terminalHistory(): string[] {
  return historySource ? historySource() : savedHistory;
}
/** The history read back from the saved session, for the terminal when it opens. */
export function restoredHistory(): string[] {
  return savedHistory;
}
export function setRestoredHistory(h: string[]): void {
  savedHistory = h;
}
