/**
 * Plays a step's instructor script at a readable pace: commands are run visibly in the terminal, `advance`
 * lets simulated time pass, `say` stops until the instructor presses Continue.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScriptItem, Text } from '../../lessons/types';
import { runCommand } from './player';
import { useLessonStore } from './lessonStore';

export interface Autoplay {
  playing: boolean;
  /** The command being typed, character by character, before it runs. */
  typing: string | undefined;
  saying: Text | undefined;
  index: number;
  play(): void;
  stop(): void;
  resume(): void;
}

const BEAT_MS = 1400;
const CHAR_MS = 35;

export function useAutoplay(items: ScriptItem[]): Autoplay {
  const [playing, setPlaying] = useState(false);
  const [saying, setSaying] = useState<Text | undefined>();
  const [typing, setTyping] = useState<string | undefined>();
  const [index, setIndex] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pos = useRef(0);

  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
  };

  const tick = useCallback(() => {
    clear();
    const item = items[pos.current];
    if (!item) {
      setPlaying(false);
      return;
    }
    pos.current++;
    setIndex(pos.current);
    let wait = BEAT_MS;
    if ('say' in item) {
      setSaying(item.say);
      return; // resumes on Continue
    }
    if ('run' in item || 'advance' in item) {
      const cmd = 'run' in item ? item.run : `sim advance ${item.advance}`;
      // Type the command at a readable pace, then run it in the terminal.
      let n = 0;
      const typeNext = () => {
        n = Math.min(cmd.length, n + 1);
        setTyping(cmd.slice(0, n));
        if (n < cmd.length) timer.current = setTimeout(typeNext, CHAR_MS);
        else
          timer.current = setTimeout(() => {
            setTyping(undefined);
            runCommand(cmd);
            timer.current = setTimeout(tick, BEAT_MS);
          }, 400);
      };
      typeNext();
      return;
    }
    if ('highlight' in item) {
      useLessonStore.getState().setHighlight(item.highlight);
      wait = 300;
    } else if ('pause' in item) wait = item.pause;
    timer.current = setTimeout(tick, wait);
  }, [items]);

  const play = useCallback(() => {
    pos.current = 0;
    setSaying(undefined);
    setPlaying(true);
    timer.current = setTimeout(tick, 200);
  }, [tick]);

  const stop = useCallback(() => {
    clear();
    setPlaying(false);
    setSaying(undefined);
    setTyping(undefined);
  }, []);

  const resume = useCallback(() => {
    setSaying(undefined);
    timer.current = setTimeout(tick, 300);
  }, [tick]);

  useEffect(() => () => clear(), []);
  useEffect(() => {
    clear();
    pos.current = 0;
    setPlaying(false);
    setSaying(undefined);
    setTyping(undefined);
    setIndex(0);
  }, [items]);

  return { playing, typing, saying, index, play, stop, resume };
}
