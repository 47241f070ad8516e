import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { sandboxFromFile, sandboxToFile, sandboxToHash } from '../../state/share';
import { REASON_KEY } from './openFromLocation';

/** The sandbox as a link (compressed in the hash) and as a file to export or import. */
export default function ShareDialog() {
  const { t } = useTranslation();
  const setUi = useStudio((s) => s.setUi);
  const files = useStudio((s) => s.editor.files);
  const active = useStudio((s) => s.editor.active);
  const [copied, setCopied] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const host = getHost()!;
  const sandbox = useMemo(() => host.toSandbox(files, active), [host, files, active]);
  const url = useMemo(
    () => `${location.origin}${location.pathname}${location.search}${sandboxToHash(sandbox)}`,
    [sandbox],
  );
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const close = () => setUi({ shareOpen: false });
  return (
    <dialog
      ref={dialog}
      className="share-dialog"
      aria-labelledby="share-title"
      onClose={close}
      data-testid="share-dialog"
    >
      <h2 id="share-title">{t('share.title')}</h2>
      <p>{t('share.explain')}</p>
      <label className="share-link">
        {t('share.link')}
        <textarea readOnly value={url} rows={3} data-testid="share-url" onFocus={(e) => e.target.select()} />
      </label>
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => undefined,
            );
          }}
        >
          {copied ? t('share.copied') : t('share.copy')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export"
          onClick={() => {
            const blob = new Blob([sandboxToFile(sandbox)], { type: 'application/json' });
            const a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = 'kubelab-sandbox.json';
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 1000);
          }}
        >
          {t('share.export')}
        </button>
        <label className="btn file-btn">
          {t('share.import')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              const r = sandboxFromFile(await f.text());
              const st = useStudio.getState();
              if (!r.ok) st.notify('error', 'share.badFile', { reason: REASON_KEY[r.error] });
              else {
                st.setFiles(r.sandbox.files.length ? r.sandbox.files : st.editor.files, r.sandbox.activeFile);
                host.load(r.sandbox);
                st.notify('info', 'share.loaded', { count: r.sandbox.commands.length });
              }
              close();
            }}
          />
        </label>
        <button type="button" className="btn" onClick={close}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
