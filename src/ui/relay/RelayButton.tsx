import { lazy, memo, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { openedFromRelay, relayClient, useRelayState } from './relayClient';

const RelayDialog = lazy(() => import('./RelayDialog'));

/**
 * "Use your own kubectl": the top bar's button and its dialog. A page opened from a relay's address connects to it
 * as soon as the simulation runs, and shows the dialog once.
 */
export const RelayButton = memo(function RelayButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => !!openedFromRelay());
  const ready = useStudio((s) => s.ready);
  const phase = useRelayState().phase;
  useEffect(() => {
    if (ready === 'yes' && openedFromRelay() && relayClient().state.phase === 'idle')
      void relayClient().connect();
  }, [ready]);
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="relay"
        aria-haspopup="dialog"
        title={t('relay.title')}
        onClick={() => setOpen(true)}
      >
        {phase === 'connected' ? <span className="relay-dot" aria-hidden="true" /> : null}
        {t('relay.button')}
        {phase === 'connected' ? <span className="sr-only">{t('relay.connectedShort')}</span> : null}
      </button>
      {open && (
        <Suspense fallback={null}>
          <RelayDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
});
