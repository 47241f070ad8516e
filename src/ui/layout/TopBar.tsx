import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { setLang, type Lang } from '../i18n';
import { TimeControls } from '../time/TimeControls';
import { RelayButton } from '../relay/RelayButton';

export const TopBar = memo(function TopBar() {
  const { t, i18n } = useTranslation();
  const theme = useStudio((s) => s.ui.theme);
  const view = useStudio((s) => s.ui.view);
  const setUi = useStudio((s) => s.setUi);
  return (
    <header className="topbar">
      <h1 className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        {t('app.title')}
      </h1>
      <TimeControls />
      <div className="spacer" />
      <div className="segmented" role="group" aria-label={t('app.view')}>
        <button
          type="button"
          data-testid="view-cluster"
          aria-pressed={view === 'cluster'}
          onClick={() => setUi({ view: 'cluster', selected: undefined })}
        >
          {t('app.viewCluster')}
        </button>
        <button
          type="button"
          data-testid="view-docker"
          aria-pressed={view === 'docker'}
          // the inspector follows the view: what was selected in one view is not in the other
          onClick={() => setUi({ view: 'docker', selected: undefined })}
        >
          {t('app.viewDocker')}
        </button>
      </div>
      <label className="field">
        <span className="sr-only">{t('app.language')}</span>
        <select
          data-testid="lang"
          aria-label={t('app.language')}
          value={i18n.language.startsWith('zh') ? 'zh' : 'en'}
          onChange={(e) => setLang(e.target.value as Lang)}
        >
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
      <button
        type="button"
        className="btn"
        data-testid="theme"
        aria-label={`${t('app.theme')}: ${theme === 'dark' ? t('app.themeDark') : t('app.themeLight')}`}
        onClick={() => setUi({ theme: theme === 'dark' ? 'light' : 'dark' })}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      </button>
      <RelayButton />
      <button type="button" className="btn" data-testid="share" onClick={() => setUi({ shareOpen: true })}>
        {t('app.share')}
      </button>
    </header>
  );
});
