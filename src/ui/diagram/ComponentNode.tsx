import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

const ICONS: Record<string, string> = { api: '⇄', etcd: '⛁', sched: '◎', kcm: '⟳', ccm: '☁', kubectl: '⌨' };

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const d = data as { labelKey: string; component: string; icon: string };
  return (
    <div className={`component-node comp-${d.icon}`} data-testid="component" data-component={d.component}>
      <Handle type="target" position={Position.Top} className="handle" isConnectable={false} />
      <span className="comp-icon" aria-hidden="true">
        {ICONS[d.icon] ?? '◆'}
      </span>
      <span className="comp-label">{t(d.labelKey)}</span>
      <Handle type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="r" className="handle" isConnectable={false} />
    </div>
  );
});
