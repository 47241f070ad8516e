import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { sandboxToHash } from '../../state/share';
import { openedFromRelay, relayClient, useRelayState } from './relayClient';

/** The command a learner runs in their Kubelab checkout (README "Use your own kubectl"). */
export function relayCommand(token: string, address: string): string {
  const port = address.split(':').pop();
  return `npm run -s kubelab -- serve --relay --token ${token}${port && port !== '6443' ? ` --port ${port}` : ''}`;
}

/**
 * How to drive this studio's cluster from the learner's own kubectl: the relay command to run, the studio address
 * that hands this cluster to the relay, the connection state and the kubeconfig to use.
 */
export default function RelayDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const st = useRelayState();
  const files = useStudio((s) => s.editor.files);
  const active = useStudio((s) => s.editor.active);
  const fromRelay = !!openedFromRelay();
  // The relay's studio, opened with this cluster in the address (the same encoding as a share link).
  const handOver = useMemo(() => {
    const host = getHost();
    const hash = host ? sandboxToHash(host.toSandbox(files, active)) : '';
    return `http://${st.address}/?relay=${st.token}${hash}`;
  }, [files, active, st.address, st.token]);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const c = relayClient();
  const state =
    st.phase === 'connected'
      ? t('relay.connected', { count: st.requests })
      : st.phase === 'connecting'
        ? t('relay.connecting', { address: st.address })
        : st.phase === 'closed'
          ? t('relay.closed', { address: st.address, reason: st.reason ?? '' })
          : t('relay.idle');
  return (
    <dialog
      ref={dialog}
      className="share-dialog relay-dialog"
      aria-labelledby="relay-title"
      onClose={onClose}
      data-testid="relay-dialog"
    >
      <h2 id="relay-title">{t('relay.title')}</h2>
      <p>{t('relay.explain')}</p>
      {!fromRelay && (
        <>
          <p>{t('relay.step1')}</p>
          <pre className="relay-cmd" data-testid="relay-command">
            {relayCommand(st.token, st.address)}
          </pre>
          <p>{t('relay.step2')}</p>
          <p>
            <a href={handOver} data-testid="relay-open" target="_blank" rel="noreferrer">
              {t('relay.openStudio')}
            </a>
          </p>
          <p className="relay-hint">{t('relay.orConnect')}</p>
        </>
      )}
      <p role="status" data-testid="relay-state" data-phase={st.phase}>
        {state}
        {st.phase === 'connected' && st.last ? (
          <>
            <br />
            <span className="relay-hint">{t('relay.last', { request: st.last })}</span>
          </>
        ) : null}
      </p>
      {st.phase === 'connected' && (
        <>
          <p>{t('relay.step3')}</p>
          <pre className="relay-cmd" data-testid="relay-kubectl">
            {`export KUBECONFIG=${st.kubeconfig ?? 'kubelab.kubeconfig'}\nkubectl get nodes`}
          </pre>
          <p className="relay-hint">{t('relay.notRecorded')}</p>
        </>
      )}
      <div className="row">
        {st.phase === 'connected' || st.phase === 'connecting' ? (
          <button type="button" className="btn" data-testid="relay-disconnect" onClick={() => c.disconnect()}>
            {t('relay.disconnect')}
          </button>
        ) : (
          <button
            type="button"
            className="btn primary"
            data-testid="relay-connect"
            onClick={() => void c.connect()}
          >
            {t('relay.connect')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
