import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../../state/host';
import type { SimEvent } from '../../sim/engine/eventLog';

const TOLD: SimEvent['kind'][] = ['request', 'bind', 'fault', 'event', 'docker'];

/**
 * A polite aria-live region that narrates what the simulation does: at most one sentence every two seconds,
 * the latest meaningful hop (requests, binds, faults, Kubernetes events), so a screen reader is not flooded.
 */
export function Narrator() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const latest = useRef<SimEvent | undefined>(undefined);
  useEffect(() => {
    const host = getHost();
    if (!host) return;
    const off = host.onEvent((e) => {
      if (TOLD.includes(e.kind)) latest.current = e;
    });
    const timer = setInterval(() => {
      const e = latest.current;
      if (e) {
        setText(e.summary);
        latest.current = undefined;
      }
    }, 2000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, []);
  return (
    <div
      className="sr-only"
      role="log"
      aria-live="polite"
      aria-label={t('diagram.narration')}
      data-testid="narration"
    >
      {text}
    </div>
  );
}
