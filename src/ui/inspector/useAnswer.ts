/**
 * The latest answer to an asynchronous question about the simulation (the worker answers describe, logs, why,
 * events and runtime details). The previous answer stays shown while the next is asked for the same topic, so a
 * playing clock does not make the tab flicker; a new topic starts empty.
 */
import { useEffect, useState } from 'react';

export function useAnswer<T>(topic: string, ask: (() => Promise<T>) | undefined): T | undefined {
  const [state, setState] = useState<{ topic: string; value: T } | undefined>(undefined);
  useEffect(() => {
    if (!ask) return;
    let live = true;
    ask().then(
      (value) => {
        if (live) setState({ topic, value });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [topic, ask]);
  return state?.topic === topic ? state.value : undefined;
}
