import { useEffect, useMemo, useState } from 'react';
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeTypes,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { ComponentNode } from '../diagram/ComponentNode';
import { HopLayer } from '../diagram/HopLayer';
import { fromHostView, type DockerModel } from './dockerModel';
import type { ClusterMirror } from '../../state/worker/clusterMirror';
import { dockerToFlow } from './dockerToFlow';
import { ContainerNode, DaemonNode, ImageNode } from './DockerNodes';
import { emptyTrack, trackRun, type RunTrack } from './runSteps';

const nodeTypes: NodeTypes = {
  component: ComponentNode,
  daemon: DaemonNode,
  image: ImageNode,
  dcontainer: ContainerNode,
};

/** The Docker host as the worker last pushed it (its view and each container's image id). */
function readModel(c: ClusterMirror): DockerModel {
  const view = c.dockerView();
  if (view) return fromHostView(view, (id) => c.dockerImageId(id));
  return { images: [], containers: [] };
}

function DockerFlow() {
  const { t } = useTranslation();
  const version = useStudio((s) => s.sim.version);
  const [track, setTrack] = useState<RunTrack>(emptyTrack);
  useEffect(() => {
    const host = getHost();
    if (!host) return;
    return host.onEvent((e) => setTrack((tr) => trackRun(tr, e)));
  }, []);
  const { model, flow } = useMemo(() => {
    void version;
    const model = readModel(getHost()!.cluster);
    return { model, flow: dockerToFlow(model) };
  }, [version]);
  const steps = ['docker.step1', 'docker.step2', 'docker.step3', 'docker.step4', 'docker.step5'];
  // Refit when images or containers come and go (the first fit may run before the pane has its size).
  const [rf, setRf] = useState<ReactFlowInstance | null>(null);
  const nodeCount = flow.nodes.length;
  useEffect(() => {
    if (!rf) return;
    const id = requestAnimationFrame(() => void rf.fitView({ padding: 0.1 }));
    return () => cancelAnimationFrame(id);
  }, [rf, nodeCount]);
  return (
    <div className="docker-view" data-testid="docker-view">
      <ReactFlow
        nodes={flow.nodes as unknown as Node[]}
        edges={flow.edges as unknown as Edge[]}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        fitView
        fitViewOptions={{ padding: 0.1 }}
        onInit={setRf as (i: ReactFlowInstance) => void}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} />
        <Controls position="top-right" showInteractive={false} />
        <HopLayer anchors={flow.anchors} />
      </ReactFlow>
      <div className="docker-panels">
        {model.images.length === 0 && <p className="hint">{t('docker.empty')}</p>}
        <section className="panel" aria-label={t('docker.runSteps')}>
          <h4>{t('docker.runSteps')}</h4>
          <ol className="run-steps" data-testid="run-steps">
            {steps.map((k, i) => (
              <li key={k} className={`step-${track.steps[i]}`} data-state={track.steps[i]}>
                <span aria-hidden="true">
                  {track.steps[i] === 'done'
                    ? '✔'
                    : track.steps[i] === 'skipped'
                      ? '↷'
                      : track.steps[i] === 'active'
                        ? '…'
                        : '○'}
                </span>{' '}
                {t(k)}
              </li>
            ))}
          </ol>
        </section>
        {model.build && (
          <section className="panel" aria-label={t('docker.build')}>
            <h4>
              {t('docker.build')} {model.build.tag && <code>{model.build.tag}</code>}
            </h4>
            <ol className="build-steps" data-testid="build-steps">
              {model.build.steps.map((s, i) => (
                <li key={i} className={s.cached ? 'cached' : 'built'} data-cached={s.cached}>
                  <span className="badge">{s.cached ? t('docker.cacheHit') : t('docker.cacheMiss')}</span>{' '}
                  <code>{s.text}</code>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </div>
  );
}

export default function DockerDiagram() {
  return (
    <ReactFlowProvider>
      <DockerFlow />
    </ReactFlowProvider>
  );
}
