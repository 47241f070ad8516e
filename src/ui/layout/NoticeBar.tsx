import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { undoDiscard } from '../../state/host';
import { useCatalogNotice } from './useCatalogNotice';

/**
 * One message at a time (share link problems, loaded sandboxes, images beyond the catalogue); read out by screen
 * readers. Always mounted, so it also listens for what it must tell whichever view is open.
 */
export function NoticeBar() {
  const { t } = useTranslation();
  useCatalogNotice();
  const notice = useStudio((s) => s.ui.notice);
  const setUi = useStudio((s) => s.setUi);
  if (!notice) return null;
  const values = Object.fromEntries(
    Object.entries(notice.values ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' && /^[a-z]+\.[a-zA-Z]+$/.test(v) ? t(v) : v,
    ]),
  );
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{t(notice.key, values)}</span>
      {notice.undo && (
        <button
          type="button"
          className="btn"
          data-testid="undo"
          onClick={() => {
            setUi({ notice: undefined });
            undoDiscard();
          }}
        >
          {t('discard.undo')}
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        aria-label={t('share.close')}
        onClick={() => setUi({ notice: undefined })}
      >
        ×
      </button>
    </div>
  );
}
