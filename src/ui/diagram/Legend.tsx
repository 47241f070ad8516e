import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, STATUS_ORDER } from './palette';
import { STATUS_ICON } from './podStatus';

export const Legend = memo(function Legend() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="legend">
      <button type="button" className="btn" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('diagram.legend')}
      </button>
      {open && (
        <ul className="legend-list" aria-label={t('legend.title')}>
          {STATUS_ORDER.map((c) => (
            <li key={c}>
              <span className="st-icon" style={{ background: STATUS_COLOR[c] }} aria-hidden="true">
                {STATUS_ICON[c]}
              </span>
              {t(`status.${c}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
