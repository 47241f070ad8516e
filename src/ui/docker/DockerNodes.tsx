import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { humanSize } from '../../sim/util/units';
import type { DockerContainer, DockerImage } from './dockerModel';
import { layerHue } from './dockerModel';

export const DaemonNode = memo(function DaemonNode() {
  const { t } = useTranslation();
  return (
    <div className="daemon-node">
      <span className="plane-label">
        <span aria-hidden="true">🐳</span> {t('docker.daemon')} — {t('docker.images')} /{' '}
        {t('docker.containers')}
      </span>
      <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} className="handle" isConnectable={false} />
    </div>
  );
});

export const ImageNode = memo(function ImageNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const d = data as unknown as DockerImage;
  return (
    <div className="image-node" data-testid="image" data-tags={d.tags.join(' ')}>
      <div className="img-name">{d.tags[0] ?? d.id.replace('sha256:', '').slice(0, 12)}</div>
      <ol className="layers" reversed>
        {[...d.layers].reverse().map((l) => (
          <li
            key={l.digest}
            className={`layer${l.sharedBy > 1 ? ' shared' : ''}`}
            style={{ background: `hsl(${layerHue(l.digest)} 55% 85%)` }}
            title={`${l.digest}\n${l.createdBy}${l.sharedBy > 1 ? `\n${t('docker.shared', { count: l.sharedBy })}` : ''}`}
          >
            <code>{l.digest.replace('sha256:', '').slice(0, 8)}</code> {humanSize(l.size)}
            {l.sharedBy > 1 && <span className="shared-mark">×{l.sharedBy}</span>}
          </li>
        ))}
      </ol>
      <Handle type="target" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});

export const ContainerNode = memo(function ContainerNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const d = data as unknown as DockerContainer;
  return (
    <div className={`dcontainer-node state-${d.state}`} data-testid="dcontainer" data-name={d.name}>
      <div className="writable-layer">
        {t('docker.writable')} · {d.writableFiles}
      </div>
      <div className="ctr-name">
        <span aria-hidden="true">{d.state === 'running' ? '✔' : d.state === 'exited' ? '■' : '…'}</span>{' '}
        {d.name} <small>({d.state})</small>
      </div>
      <div className="ctr-image">{d.image}</div>
      <Handle type="source" position={Position.Top} className="handle" isConnectable={false} />
    </div>
  );
});
