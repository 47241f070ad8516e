import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

export const PlaneNode = memo(function PlaneNode({ data }: NodeProps) {
  const { t } = useTranslation();
  return (
    <div className="plane-node">
      <span className="plane-label">{t((data as { labelKey: string }).labelKey)}</span>
    </div>
  );
});
