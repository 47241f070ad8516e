/** Lays the Docker model out as React Flow nodes, with anchors for the hop animation. Pure. */
import type { FlowNode, FlowEdge, XY } from '../diagram/clusterToFlow';
import type { DockerModel } from './dockerModel';

const IMG_W = 190;
const LAYER_H = 20;
const GAP = 16;

export function dockerToFlow(m: DockerModel): {
  nodes: FlowNode[];
  edges: FlowEdge[];
  anchors: Record<string, XY>;
} {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const anchors: Record<string, XY> = {};
  const imgHeights = m.images.map((i) => 44 + i.layers.length * LAYER_H);
  const imagesH = Math.max(80, ...imgHeights);
  const cols = Math.max(1, m.images.length, Math.min(4, m.containers.length));
  const daemonW = Math.max(420, cols * (IMG_W + GAP) + GAP);
  const ctrY = 40 + imagesH + 40;
  const daemonH = ctrY + (m.containers.length ? Math.ceil(m.containers.length / cols) * 90 : 40) + 20;
  const dx = 220;
  nodes.push({
    id: 'd:client',
    type: 'component',
    position: { x: 0, y: 40 },
    width: 160,
    height: 44,
    draggable: false,
    data: { labelKey: 'docker.client', component: 'docker-cli', icon: 'kubectl' },
  });
  anchors['docker-cli'] = { x: 80, y: 62 };
  nodes.push({
    id: 'd:daemon',
    type: 'daemon',
    position: { x: dx, y: 0 },
    width: daemonW,
    height: daemonH,
    draggable: false,
    selectable: false,
    data: { images: m.images.length, containers: m.containers.length },
  });
  anchors.dockerd = { x: dx + daemonW / 2, y: 18 };
  anchors['runtime/docker-host'] = { x: dx + daemonW / 2, y: ctrY - 10 };
  nodes.push({
    id: 'd:registry',
    type: 'component',
    position: { x: dx + daemonW + 60, y: 40 },
    width: 160,
    height: 44,
    draggable: false,
    data: { labelKey: 'docker.registry', component: 'registry', icon: 'etcd' },
  });
  anchors.registry = { x: dx + daemonW + 140, y: 62 };
  edges.push({ id: 'd:e1', source: 'd:client', target: 'd:daemon', className: 'edge-static' });
  edges.push({ id: 'd:e2', source: 'd:daemon', target: 'd:registry', className: 'edge-static' });
  const imgPos = new Map<string, XY>();
  m.images.forEach((img, i) => {
    const x = GAP + i * (IMG_W + GAP);
    nodes.push({
      id: `img:${img.id}`,
      type: 'image',
      parentId: 'd:daemon',
      extent: 'parent',
      position: { x, y: 40 },
      width: IMG_W,
      height: imgHeights[i]!,
      draggable: false,
      data: { ...img },
    });
    imgPos.set(img.id, { x: dx + x + IMG_W / 2, y: 40 + imgHeights[i]! });
  });
  m.containers.forEach((c, i) => {
    const x = GAP + (i % cols) * (IMG_W + GAP);
    const y = ctrY + Math.floor(i / cols) * 90;
    const id = `ctr:${c.id}`;
    nodes.push({
      id,
      type: 'dcontainer',
      parentId: 'd:daemon',
      extent: 'parent',
      position: { x, y },
      width: IMG_W,
      height: 74,
      draggable: false,
      data: { ...c },
    });
    anchors[`container/${c.id.slice(0, 12)}`] = { x: dx + x + IMG_W / 2, y: y + 37 };
    if (m.images.some((im) => im.id === c.imageId))
      edges.push({ id: `d:use:${c.id}`, source: id, target: `img:${c.imageId}`, className: 'edge-endpoint' });
  });
  return { nodes, edges, anchors };
}
