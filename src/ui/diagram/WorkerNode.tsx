import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { WorkerData } from './clusterToFlow';
import { STATUS_COLOR, STATUS_ORDER } from './palette';
import { STATUS_ICON } from './podStatus';

export const WorkerNode = memo(function WorkerNode({ data }: NodeProps) {
  const d = data as WorkerData;
  const { t } = useTranslation();
  const readyText =
    d.ready === 'True'
      ? t('diagram.nodeReady')
      : d.ready === 'False'
        ? t('diagram.nodeNotReady')
        : t('diagram.nodeUnknown');
  return (
    <div
      className={`worker-node ${d.ready === 'True' ? 'ready' : 'not-ready'}${d.selected ? ' selected' : ''}${d.controlPlane ? ' cp-node' : ''}`}
      data-testid="node"
      data-name={d.name}
      data-ready={d.ready}
    >
      <Handle type="target" position={Position.Top} className="handle" isConnectable={false} />
      <div className="worker-head">
        <span className="worker-name">{d.name}</span>
        <span className={`badge ${d.ready === 'True' ? 'ok' : 'bad'}`}>
          <span aria-hidden="true">{d.ready === 'True' ? '✔' : '✖'}</span> {readyText}
        </span>
        {d.unschedulable && (
          <span className="badge warn">
            <span aria-hidden="true">⛔</span> {t('diagram.cordoned')}
          </span>
        )}
      </div>
      <div className="agents" aria-hidden="true">
        <span className="agent">{t('diagram.kubelet')}</span>
        <span className="agent">{t('diagram.kubeProxy')}</span>
        <span className="agent">{t('diagram.runtime')}</span>
      </div>
      {d.collapsed && (
        <div className="pod-counts" data-testid="pod-counts">
          <strong>{t('diagram.podsCollapsed', { count: d.podCount })}</strong>
          <span className="pod-expand">{t('diagram.showPods')}</span>
          <ul>
            {STATUS_ORDER.filter((c) => d.counts[c]).map((c) => (
              <li key={c}>
                <span className="st-icon" style={{ background: STATUS_COLOR[c] }} aria-hidden="true">
                  {STATUS_ICON[c]}
                </span>
                {d.counts[c]} {c}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Handle type="source" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});
