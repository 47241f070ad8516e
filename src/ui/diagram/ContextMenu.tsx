import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import { actionsFor, parseKey } from '../inspector/actions';
import { ActionList } from '../inspector/ActionList';

export interface MenuState {
  key: string;
  x: number;
  y: number;
}

/** Right-click (or the Menu key / Shift+F10 on a focused object) opens the actions for that object. */
export function ContextMenu({ menu, onClose }: { menu: MenuState; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const select = useStudio((s) => s.select);
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [onClose]);
  const host = getHost();
  if (!host) return null;
  const { name } = parseKey(menu.key);
  return (
    <div
      ref={ref}
      className="context-menu"
      role="dialog"
      aria-label={t('action.menu', { name })}
      style={{ left: menu.x, top: menu.y }}
      data-testid="context-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="menu-title">{name}</div>
      <button
        type="button"
        className="btn"
        autoFocus
        onClick={() => {
          select(menu.key, 'describe');
          onClose();
        }}
      >
        {t('action.inspect')}
      </button>
      <ActionList actions={actionsFor(host.cluster, menu.key)} name={name} onDone={onClose} />
    </div>
  );
}
