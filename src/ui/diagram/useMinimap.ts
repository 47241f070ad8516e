import { useCallback, useEffect, useState, type RefObject } from 'react';

const KEY = 'kubelab.minimap';
/** Below this pane size the minimap would sit on pod cards (1280×720, 1366×768, a projector's side pane). */
const MIN_W = 1100;
const MIN_H = 650;

/**
 * Whether the diagram shows its minimap: off by default on a small pane (it covered worker-1's pods at 1280 and
 * 1366), on for a big one; the learner's toggle wins and is remembered.
 */
export function useMinimap(pane: RefObject<HTMLElement | null>): [boolean, () => void] {
  const [choice, setChoice] = useState<boolean | undefined>(() => {
    try {
      const v = localStorage.getItem(KEY);
      return v === 'on' ? true : v === 'off' ? false : undefined;
    } catch {
      return undefined;
    }
  });
  const [big, setBig] = useState(false);
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    const check = () => setBig(el.clientWidth >= MIN_W && el.clientHeight >= MIN_H);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [pane]);
  const shown = choice ?? big;
  const toggle = useCallback(() => {
    const next = !shown;
    setChoice(next);
    try {
      localStorage.setItem(KEY, next ? 'on' : 'off');
    } catch {
      /* not kept */
    }
  }, [shown]);
  return [shown, toggle];
}
