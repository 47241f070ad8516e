import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { PodData } from './clusterToFlow';
import { STATUS_ICON } from './podStatus';
import { STATUS_COLOR } from './palette';

export const PodNode = memo(function PodNode({ data }: NodeProps) {
  const d = data as PodData;
  const { t } = useTranslation();
  return (
    <div
      className={`pod-node st-${d.cls}${d.selected ? ' selected' : ''}`}
      style={{ borderLeftColor: STATUS_COLOR[d.cls] }}
      data-testid="pod"
      data-name={d.name}
      data-status={d.status}
      title={`${d.namespace}/${d.name}: ${d.status}`}
    >
      <Handle type="target" position={Position.Top} className="handle" isConnectable={false} />
      <div className="pod-name">{d.name}</div>
      <div className="pod-status">
        <span className="st-icon" style={{ background: STATUS_COLOR[d.cls] }} aria-hidden="true">
          {STATUS_ICON[d.cls]}
        </span>
        <span className="st-text">{d.status}</span>
        {d.restarts > 0 && (
          <span className="restarts" title={t('diagram.restarts', { count: d.restarts })}>
            ↻{d.restarts}
          </span>
        )}
      </div>
      <div className="containers" aria-hidden="true">
        {d.containers.map((c) => (
          <span key={c.name} className={`ctr ctr-${c.cls}${c.ready ? ' ready' : ''}`} title={c.name}>
            {c.name}
          </span>
        ))}
      </div>
      {d.namespace !== 'default' && <div className="pod-ns">{d.namespace}</div>}
    </div>
  );
});
