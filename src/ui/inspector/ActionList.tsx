import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../../state/host';
import type { ObjAction } from './actions';

/** Buttons for an object's actions (the inspector and the context menu share it). */
export function ActionList({
  actions,
  name,
  onDone,
  autoFocus,
}: {
  actions: ObjAction[];
  name: string;
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  // undefined until the learner types: the field shows the workload's live count meanwhile
  const [count, setCount] = useState<string | undefined>(undefined);
  const run = (cmd: string) => {
    getHost()?.exec(cmd, { echo: true });
    onDone?.();
  };
  return (
    <ul className="action-list" aria-label={t('action.menu', { name })}>
      {actions.map((a, i) =>
        a.needsCount ? (
          <li key={a.id} className="scale-row">
            <label>
              {t('action.scalePrompt', { name: a.target ?? name })}
              <input
                type="number"
                min={0}
                max={500}
                value={count ?? String(a.current ?? 3)}
                onChange={(e) => setCount(e.target.value)}
                data-testid="scale-count"
              />
            </label>
            <button
              type="button"

              className="btn"
              data-testid={`action-${a.id}`}
              onClick={() => run(a.command + String(Math.max(0, Number(count ?? a.current ?? 3) || 0)))}
            >
              {t(a.labelKey)}
            </button>
          </li>
        ) : (
          <li key={a.id}>
            <button
              type="button"

              className={`btn${a.danger ? ' danger' : ''}`}
              data-testid={`action-${a.id}`}
              autoFocus={autoFocus && i === 0}
              onClick={() => run(a.command)}
            >
              {t(a.labelKey)}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
