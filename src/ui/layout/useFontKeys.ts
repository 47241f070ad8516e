import { useEffect } from 'react';
import { FONT_MAX, FONT_MIN, useStudio } from '../../state/store';

/**
 * Ctrl+= / Ctrl+- (⌘ on a Mac) make the terminal and the editor text larger or smaller, Ctrl+0 back to 13 px.
 * The page itself keeps its size: on a projector it is the code a room has to read.
 */
export function useFontKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const st = useStudio.getState();
      const cur = st.ui.fontSize;
      let next: number | undefined;
      if (e.key === '=' || e.key === '+') next = cur + 1;
      else if (e.key === '-' || e.key === '_') next = cur - 1;
      else if (e.key === '0') next = 13;
      if (next === undefined) return;
      e.preventDefault();
      st.setUi({ fontSize: Math.max(FONT_MIN, Math.min(FONT_MAX, next)) });
    };
    // capture: xterm and Monaco stop some keys from bubbling
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
