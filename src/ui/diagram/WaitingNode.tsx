import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

export const WaitingNode = memo(function WaitingNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const d = data as { count: number; hidden: number };
  return (
    <div className="waiting-node" data-testid="waiting">
      <span className="plane-label">
        <span aria-hidden="true">⏳</span> {t('diagram.waiting')} ({d.count})
      </span>
      {d.hidden > 0 && <span className="more">+{d.hidden}</span>}
    </div>
  );
});
