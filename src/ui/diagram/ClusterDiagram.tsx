import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  ReactFlowProvider,
  getViewportForBounds,
  type Edge,
  type Node,
  type NodeTypes,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { clusterToFlow, FlowMemo, type FlowEdge, type FlowNode } from './clusterToFlow';
import { readClusterView } from './readClusterView';
import { stabilize } from './stabilize';
import { PodNode } from './PodNode';
import { WorkerNode } from './WorkerNode';
import { ComponentNode } from './ComponentNode';
import { PlaneNode } from './PlaneNode';
import { WaitingNode } from './WaitingNode';
import { ServiceNode } from './ServiceNode';
import { HopLayer } from './HopLayer';
import { ContextMenu, type MenuState } from './ContextMenu';
import { Legend } from './Legend';
import { STATUS_COLOR } from './palette';
import { useLessonStore } from '../lesson/lessonStore';
import { useMinimap } from './useMinimap';
import { useCatalogNotice } from './useCatalogNotice';
import './diagram.css';

// Defined once at module level (React Flow re-mounts every node when nodeTypes changes identity).
const nodeTypes: NodeTypes = {
  pod: PodNode,
  worker: WorkerNode,
  component: ComponentNode,
  plane: PlaneNode,
  waiting: WaitingNode,
  service: ServiceNode,
};

// Props of React Flow kept stable across renders: a new object or function each time makes it (and the
// minimap) redo work on every render.
const FIT = { padding: 0.08 };
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2.5;
/**
 * The default view never zooms out below this: pod cards' 13 px text is then ≥ 11 px on screen (issue 13).
 * On a small pane the view keeps the top left — kubectl, the control plane and the first nodes — and the rest
 * is a pan (or the minimap, or "Zoom to fit") away. Below 0.9, so the default view keeps folding crowded nodes.
 */
const LEGIBLE_ZOOM = 0.88;
// Every card is rendered even when panned out of view: a learner's keyboard and screen reader reach each pod by
// name, and the few dozen cards of a lesson cluster cost little. Only a huge cluster (thousands of cards, where
// measuring each one froze the page for seconds) renders just the visible ones.
const VIRTUALIZE_ABOVE = 500;
/**
 * A cluster past these sizes (far beyond any lesson: 10,000 pods on 1,000 nodes in the stress bench) is drawn
 * for an overview: every node folds into counts (a click still opens one), the diagram follows the simulation
 * at most about once a second (and always after the last change), the API server's line to each node is left
 * out, and the minimap, which redraws every node on each change, is off. Lesson-sized clusters are drawn exactly as before.
 */
const BIG_PODS = 2000;
const BIG_NODES = 200;
const BIG_THROTTLE_MS = 1000;
/** The minimap draws each flow node; past this many it costs more than it tells. */
const MINIMAP_MAX_NODES = VIRTUALIZE_ABOVE;

type Fitter = Pick<
  ReturnType<typeof useReactFlow>,
  'fitView' | 'getViewport' | 'setViewport' | 'getNodes' | 'getNodesBounds'
>;
/**
 * Fits the cluster to the pane, or, when that would make pod cards unreadable, shows its top left legibly. The
 * zoom a fit would take is worked out first: fitting a big cluster and then zooming back in drew, for a moment,
 * every node a fit shows (hundreds: a second of layout).
 */
function fitLegible(rf: Fitter, pane: HTMLElement | null): void {
  const nodes = rf.getNodes().filter((n) => !n.parentId);
  if (pane && nodes.length && pane.clientWidth && pane.clientHeight) {
    const fit = getViewportForBounds(
      rf.getNodesBounds(nodes),
      pane.clientWidth,
      pane.clientHeight,
      MIN_ZOOM,
      MAX_ZOOM,
      FIT.padding,
    );
    if (fit.zoom < LEGIBLE_ZOOM) {
      void rf.setViewport({ x: 8, y: 8, zoom: LEGIBLE_ZOOM });
      return;
    }
  }
  void Promise.resolve(rf.fitView({ padding: 0.08, duration: 0 })).then(() => {
    if (rf.getViewport().zoom < LEGIBLE_ZOOM) void rf.setViewport({ x: 8, y: 8, zoom: LEGIBLE_ZOOM });
  });
}
const PRO = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 100 };
function minimapColor(n: Node): string {
  const d = n.data as { cls?: keyof typeof STATUS_COLOR; ready?: string };
  if (n.type === 'pod' && d.cls) return STATUS_COLOR[d.cls];
  if (n.type === 'worker') return d.ready === 'True' ? '#cfe3f5' : '#f5cfcf';
  return '#d8d8d8';
}

/** Recomputes at most every `ms` wall ms while the simulation runs. */
function useThrottledVersion(ms: number): number {
  const version = useStudio((s) => s.sim.version);
  const [shown, setShown] = useState(version);
  const last = useRef(0);
  useEffect(() => {
    const now = performance.now();
    const wait = last.current + ms - now;
    if (wait <= 0) {
      last.current = now;
      setShown(version);
      return;
    }
    const id = setTimeout(() => {
      last.current = performance.now();
      setShown(version);
    }, wait);
    return () => clearTimeout(id);
  }, [version, ms]);
  return shown;
}

function objKeyOfNode(n: Node): string | undefined {
  return (n.data as { objKey?: string }).objKey;
}

const Diagram = memo(function Diagram() {
  const { t } = useTranslation();
  const playing = useStudio((s) => s.sim.playing);
  // while playing, the diagram follows the simulation a few times a second (a React Flow update is the
  // costliest thing on a frame); the hop animation in between is drawn without React
  const [big, setBig] = useState(false);
  const version = useThrottledVersion(big ? BIG_THROTTLE_MS : playing ? 400 : 0);
  const namespace = useStudio((s) => s.ui.namespace);
  const selected = useStudio((s) => s.ui.selected);
  const expanded = useStudio((s) => s.ui.expandedNodes);
  // zoomed in far enough to read a pod card: every node shows its pods one by one
  const [zoomedIn, setZoomedIn] = useState(false);
  const setUi = useStudio((s) => s.setUi);
  const select = useStudio((s) => s.select);
  const [menu, setMenu] = useState<MenuState | undefined>(undefined);
  const cacheN = useRef(new Map<string, { sig: string; item: FlowNode }>());
  const cacheE = useRef(new Map<string, { sig: string; item: FlowEdge }>());
  const memo = useRef(new FlowMemo());
  const rf = useReactFlow();
  const captionRef = useRef<HTMLParagraphElement>(null);
  const storyIntro = useLessonStore((s) => s.story);
  const presenter = useLessonStore((s) => s.presenter);
  const inspectHint = t('inspector.empty');
  const ariaLabels = useMemo(() => ({ 'node.a11yDescription.default': inspectHint }), [inspectHint]);

  const prevN = useRef<FlowNode[] | undefined>(undefined);
  const prevE = useRef<FlowEdge[] | undefined>(undefined);
  const flow = useMemo(() => {
    void version;
    const host = getHost()!;
    const view = readClusterView(host.cluster);
    const huge = view.pods.length > BIG_PODS || view.nodes.length > BIG_NODES;
    const r = clusterToFlow(view, {
      namespace,
      selected,
      collapseAbove: huge ? 0 : zoomedIn ? Infinity : 12,
      expanded,
      nodeEdges: !huge,
      memo: memo.current,
    });
    const n = stabilize(cacheN.current, r.nodes, prevN.current);
    const e = stabilize(cacheE.current, r.edges, prevE.current);
    cacheN.current = n.cache;
    cacheE.current = e.cache;
    prevN.current = n.items;
    prevE.current = e.items;
    return {
      nodes: n.items as unknown as Node[],
      edges: e.items as unknown as Edge[],
      anchors: r.anchors,
      namespaces: r.namespaces,
      huge,
    };
  }, [version, namespace, selected, expanded, zoomedIn]);

  const wrapRef = useRef<HTMLDivElement>(null);
  // zoom to fit when the set of nodes changes size (new worker, namespace filter) and when the pane is resized
  const workerCount = flow.nodes.filter((n) => n.type === 'worker').length;
  const serviceCount = flow.nodes.filter((n) => n.type === 'service').length;
  useEffect(() => {
    const id = requestAnimationFrame(() => fitLegible(rf, wrapRef.current));
    return () => cancelAnimationFrame(id);
  }, [workerCount, serviceCount, namespace, expanded, rf]);
  // the throttle follows the size of what was last drawn (read after the fact: the size is only known then)
  useEffect(() => setBig(flow.huge), [flow.huge]);
  const [minimapChoice, toggleMinimap] = useMinimap(wrapRef);
  const minimapFits = flow.nodes.length <= MINIMAP_MAX_NODES;
  const minimap = minimapChoice && minimapFits;
  useCatalogNotice();
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    let timer: number | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = window.setTimeout(() => fitLegible(rf, el), 120);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(timer);
    };
  }, [rf]);

  // a node folded into counts opens on click (its pods become reachable by name); a second click inspects it
  const expandOrSelect = useCallback(
    (n: Node) => {
      const d = n.data as { collapsed?: boolean; name?: string };
      if (n.type === 'worker' && d.collapsed && d.name) {
        const st = useStudio.getState();
        st.setUi({ expandedNodes: [...st.ui.expandedNodes, d.name] });
        return;
      }
      const key = objKeyOfNode(n);
      if (key) select(key);
    },
    [select],
  );
  const onNodeClick = useCallback((_: unknown, n: Node) => expandOrSelect(n), [expandOrSelect]);
  const onMoveEnd = useCallback((_: unknown, vp: { zoom: number }) => setZoomedIn(vp.zoom >= 0.9), []);
  const onContext = useCallback((e: React.MouseEvent, n: Node) => {
    const key = objKeyOfNode(n);
    if (!key) return;
    e.preventDefault();
    const box = (e.currentTarget as HTMLElement).closest('.diagram-area')?.getBoundingClientRect();
    setMenu({ key, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  }, []);

  return (
    <div
      className={`cluster-diagram${presenter ? ' presenter' : ''}`}
      data-testid="cluster-diagram"
      onKeyDown={(e) => {
        const el = (e.target as HTMLElement).closest('.react-flow__node') as HTMLElement | null;
        const id = el?.dataset.id;
        const n = id ? flow.nodes.find((x) => x.id === id) : undefined;
        const key = n && objKeyOfNode(n);
        if (!key || !el) return;
        if (e.key === 'Enter' || e.key === ' ') {
          expandOrSelect(n);
          e.preventDefault();
        } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          const box = el.closest('.diagram-area')!.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          setMenu({ key, x: r.left - box.left + 10, y: r.bottom - box.top });
          e.preventDefault();
        }
      }}
    >
      <div className="diagram-toolbar">
        <label className="field">
          <span>{t('diagram.namespace')}</span>
          <select
            data-testid="ns-filter"
            value={namespace ?? ''}
            onChange={(e) => setUi({ namespace: e.target.value || undefined })}
          >
            <option value="">{t('diagram.allNamespaces')}</option>
            {flow.namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          data-testid="fit"
          onClick={() => void rf.fitView({ padding: 0.08, duration: 200 })}
        >
          {t('diagram.fit')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="minimap-toggle"
          aria-pressed={minimap}
          disabled={!minimapFits}
          onClick={toggleMinimap}
        >
          {minimap ? t('minimap.hide') : t('minimap.show')}
        </button>
        <Legend />
      </div>
      <p className="story-caption" ref={captionRef} data-testid="story-caption" />
      <div className="flow-wrap" ref={wrapRef}>
        <ReactFlow
          onlyRenderVisibleElements={flow.nodes.length > VIRTUALIZE_ABOVE}
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          onNodeClick={onNodeClick}
          onNodeContextMenu={onContext}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          fitView
          fitViewOptions={FIT}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          onMoveEnd={onMoveEnd}
          proOptions={PRO}
          ariaLabelConfig={ariaLabels}
        >
          <Background gap={24} size={1} />
          <Controls position="top-right" showInteractive={false} aria-label={t('diagram.fit')} />
          {minimap && (
            <MiniMap
              style={MINIMAP_STYLE}
              pannable
              zoomable
              ariaLabel={t('diagram.minimap')}
              nodeColor={minimapColor}
            />
          )}
          <HopLayer anchors={flow.anchors} caption={captionRef} intro={storyIntro} />
        </ReactFlow>
      </div>
      {menu && <ContextMenu menu={menu} onClose={() => setMenu(undefined)} />}
    </div>
  );
});

export function ClusterDiagram() {
  return (
    <ReactFlowProvider>
      <Diagram />
    </ReactFlowProvider>
  );
}
