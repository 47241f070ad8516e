import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

export const ServiceNode = memo(function ServiceNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const d = data as {
    name: string;
    namespace: string;
    type: string;
    clusterIP: string;
    ports: string;
    endpoints: number;
    selected: boolean;
  };
  return (
    <div className={`service-node${d.selected ? ' selected' : ''}`} data-testid="service" data-name={d.name}>
      <div className="svc-name">
        <span aria-hidden="true">⇶</span> {d.name}
      </div>
      <div className="svc-meta">
        {d.type} {d.clusterIP} {d.ports && `:${d.ports}`} · {t('diagram.endpoints', { count: d.endpoints })}
      </div>
      <Handle type="source" position={Position.Top} className="handle" isConnectable={false} />
    </div>
  );
});
