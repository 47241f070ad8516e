import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio, type UiSlice } from '../../state/store';

type Pane = NonNullable<UiSlice['maximized']>;

/** Lets one pane (terminal, editor, diagram) fill the work area, and gives the room back. */
export const MaximizeButton = memo(function MaximizeButton({ pane }: { pane: Pane }) {
  const { t } = useTranslation();
  const max = useStudio((s) => s.ui.maximized);
  const setUi = useStudio((s) => s.setUi);
  const on = max === pane;
  const name = t(`pane.${pane}`);
  return (
    <button
      type="button"
      className="icon-btn max-btn"
      data-testid={`maximize-${pane}`}
      aria-pressed={on}
      aria-label={on ? t('layout.restore', { name }) : t('layout.maximize', { name })}
      title={on ? t('layout.restore', { name }) : t('layout.maximize', { name })}
      onClick={() => setUi({ maximized: on ? undefined : pane })}
    >
      <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
        {on ? (
          <path d="M4 1v3H1M8 1v3h3M4 11V8H1M8 11V8h3" stroke="currentColor" fill="none" strokeWidth="1.5" />
        ) : (
          <path d="M1 4V1h3M11 4V1H8M1 8v3h3M11 8v3H8" stroke="currentColor" fill="none" strokeWidth="1.5" />
        )}
      </svg>
    </button>
  );
});
