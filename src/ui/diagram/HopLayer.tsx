import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import { ViewportPortal, useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { getHost } from '../../state/host';
import { anchorOf, type XY } from './clusterToFlow';
import { HopQueue, type Flight } from './hopQueue';
import { storyLine } from './hopStory';
import { labelRect, placeLabel, type Rect } from './labelPlace';
import { HOP_COLOR } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** What a hop label must never cover: component boxes, node and plane titles, agents, pod cards. */
const OBSTACLES =
  '.react-flow__node-component, .react-flow__node-pod, .react-flow__node-service, .react-flow__node-waiting, .worker-head, .agents, .plane-label, .pod-counts';

type Viewport = { x: number; y: number; zoom: number };

/** The boxes of `OBSTACLES` and the visible pane, in flow coordinates. */
function measure(root: Element, vp: Viewport): { obstacles: Rect[]; visible?: Rect } {
  const base = root.getBoundingClientRect();
  const toFlow = (r: DOMRect): Rect => ({
    x: (r.left - base.left - vp.x) / vp.zoom,
    y: (r.top - base.top - vp.y) / vp.zoom,
    w: r.width / vp.zoom,
    h: r.height / vp.zoom,
  });
  const obstacles: Rect[] = [];
  for (const el of root.querySelectorAll(OBSTACLES)) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height) obstacles.push(toFlow(r));
  }
  return { obstacles, visible: toFlow(base) };
}

/** The caption's sentence for a flight, in the learner's language. */
export function storyText(t: TFunction, f: Flight): string {
  const line = storyLine(f);
  const who = (k: string) => t(`story.who.${k}`, { node: line.values.node ?? '' });
  return t(`story.${line.key}`, {
    ...line.values,
    from: who(line.values.from ?? 'other'),
    to: who(line.values.to ?? 'other'),
  });
}

/**
 * Every event-log entry flies as a labelled dot from its source component to its target, drawn in flow
 * coordinates. Driven by the engine's log (host.onEvent), never scripted; updates the DOM directly each frame
 * so hundreds of hops cost no React renders. At 1× and slower one message flies at a time and the caption above
 * the diagram tells it in a sentence; a label sits where it covers no box, title or other label.
 */
export const HopLayer = memo(function HopLayer({
  anchors,
  caption,
  intro = false,
}: {
  anchors: Record<string, XY>;
  /** Where the story is told in a sentence (outside the flow, above it). */
  caption?: RefObject<HTMLElement | null>;
  /** The lesson step opens on the story: until a hop is told, the caption introduces it. */
  intro?: boolean;
}) {
  // a state ref: ViewportPortal mounts its children after this component's first effect
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const anchorsRef = useRef(anchors);
  const rf = useReactFlow();
  const { t, i18n } = useTranslation();
  const tRef = useRef({ t, lang: i18n.language });
  const introRef = useRef({ on: intro, fresh: true, heard: false });
  useEffect(() => {
    anchorsRef.current = anchors;
  }, [anchors]);
  useEffect(() => {
    tRef.current = { t, lang: i18n.language };
  }, [t, i18n.language]);
  useEffect(() => {
    // a step that opens on the story starts its caption afresh
    introRef.current = { on: intro, fresh: true, heard: false };
  }, [intro]);

  useEffect(() => {
    const host = getHost();
    if (!host || !svg) return;
    const q = new HopQueue();
    let virtualBase = host.cluster.now;
    let frameWall = performance.now();
    // while playing, hops are paced from the frame that emitted them; a command run while paused starts its
    // chain of hops now
    let wasPlaying = host.playing;
    let lastPausedPush = -Infinity;
    const off = host.onEvent((e) => {
      if (host.playing) return q.push(e, frameWall, virtualBase, host.speed);
      // a single step (or a command) while paused: its hops stay drawn at their targets until the next one
      const now = performance.now();
      if (now - lastPausedPush > 50) q.release();
      lastPausedPush = now;
      q.push(e, now, e.time, host.speed, true);
    });
    const offStatus = host.subscribe(() => {
      if (host.playing && !wasPlaying) q.release();
      wasPlaying = host.playing;
      // the virtual time shown "now": hops emitted during the next advance are paced from here
      frameWall = performance.now();
      virtualBase = host.cluster.now;
    });
    const pool: SVGGElement[] = [];
    /** Where each flight's label sits (flow coordinates), decided once when it first shows. */
    const placed = new Map<number, { x: number; y: number } | null>();
    let lastFlight: Flight | undefined;
    let shown = '';
    let shownIn: unknown;
    let raf = 0;
    const root = svg.closest('.react-flow');
    const draw = () => {
      const now = performance.now();
      const list = q.active(now);
      let used = 0;
      // only the newest label is written (two at fast speeds): more cannot be read while they fly
      const story = host.speed <= 1;
      const labelFrom = list.length - (story ? 1 : 2);
      let measured: { obstacles: Rect[]; visible?: Rect } | undefined;
      const taken: Rect[] = [];
      const live = new Set<number>();
      for (const [i, { flight, progress }] of list.entries()) {
        const a = anchorOf(anchorsRef.current, flight.source) ?? objAnchor(flight.object);
        const b = anchorOf(anchorsRef.current, flight.target) ?? objAnchor(flight.object);
        if (!a || !b) continue;
        let g = pool[used];
        if (!g) {
          g = document.createElementNS(SVG_NS, 'g');
          g.setAttribute('class', 'hop');
          const line = document.createElementNS(SVG_NS, 'line');
          const dot = document.createElementNS(SVG_NS, 'circle');
          dot.setAttribute('r', '6');
          const text = document.createElementNS(SVG_NS, 'text');
          g.append(line, dot, text);
          svg.appendChild(g);
          pool.push(g);
        }
        used++;
        const p = easeInOut(Math.min(1, progress));
        g.classList.toggle('held', progress >= 1);
        const x = a.x + (b.x - a.x) * p;
        const y = a.y + (b.y - a.y) * p;
        const color = HOP_COLOR[flight.kind] ?? '#0072B2';
        const [line, dot, text] = g.childNodes as unknown as [
          SVGLineElement,
          SVGCircleElement,
          SVGTextElement,
        ];
        g.style.display = '';
        line.setAttribute('x1', String(a.x));
        line.setAttribute('y1', String(a.y));
        line.setAttribute('x2', String(b.x));
        line.setAttribute('y2', String(b.y));
        line.setAttribute('stroke', color);
        dot.setAttribute('cx', String(x));
        dot.setAttribute('cy', String(y));
        dot.setAttribute('fill', color);
        let label = i >= labelFrom ? flight.label : '';
        if (label) {
          live.add(flight.seq);
          let spot = placed.get(flight.seq);
          if (text.textContent !== label) text.textContent = label;
          if (spot === undefined) {
            measured ??= root ? measure(root, rf.getViewport()) : { obstacles: [] };
            const box = text.getBBox();
            spot =
              placeLabel(a, b, box.width, box.height, [...measured.obstacles, ...taken], measured.visible) ??
              null;
            placed.set(flight.seq, spot);
          }
          if (spot) {
            text.setAttribute('x', String(spot.x));
            text.setAttribute('y', String(spot.y));
            const box = text.getBBox();
            taken.push(labelRect(spot.x, spot.y, box.width, box.height));
          } else label = '';
        }
        if (text.textContent !== label) text.textContent = label;
        g.dataset.kind = flight.kind;
        g.dataset.seq = String(flight.seq);
      }
      for (const k of placed.keys()) if (!live.has(k)) placed.delete(k);
      for (let i = used; i < pool.length; i++) pool[i]!.style.display = 'none';
      svg.dataset.active = String(used);
      // the caption tells the newest message in the air (at story speeds) in a sentence, and keeps the last one
      const el = caption?.current;
      if (el) {
        if (introRef.current.fresh) {
          introRef.current.fresh = false;
          lastFlight = undefined;
        }
        const newest = list[list.length - 1]?.flight;
        // a step that opens on the story keeps its introduction until the learner's own request flies (the
        // cluster's own start-up traffic is not the story)
        if (newest && introRef.current.on && !introRef.current.heard)
          introRef.current.heard = newest.source === 'kubectl' || newest.source === 'user';
        const waiting = introRef.current.on && !introRef.current.heard;
        if (!story) lastFlight = undefined;
        else if (newest && !waiting) lastFlight = newest;
        const want = !story
          ? 'fast'
          : lastFlight
            ? `seq:${lastFlight.seq}`
            : introRef.current.on
              ? 'intro'
              : 'idle';
        if (want !== shown || tRef.current !== shownIn) {
          shown = want;
          shownIn = tRef.current;
          const tr = tRef.current.t;
          el.textContent = lastFlight && story ? storyText(tr, lastFlight) : tr(`story.${want}`);
          // a sentence too long for a narrow pane is cut with an ellipsis: the whole of it on hover
          el.title = el.textContent;
          el.dataset.seq = lastFlight && story ? String(lastFlight.seq) : '';
          el.dataset.state = want.startsWith('seq') ? 'hop' : want;
        }
      }
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    function objAnchor(o: { kind: string; namespace?: string; name: string } | undefined): XY | undefined {
      if (!o) return undefined;
      if (o.kind === 'Pod') return anchorsRef.current[`pod/${o.namespace ?? 'default'}/${o.name}`];
      if (o.kind === 'Node') return anchorsRef.current[`kubelet/${o.name}`];
      return undefined;
    }
    return () => {
      off();
      offStatus();
      cancelAnimationFrame(raf);
      for (const g of pool) g.remove();
    };
  }, [svg, rf, caption]);

  return (
    <ViewportPortal>
      <svg
        ref={setSvg}
        className="hop-layer"
        data-testid="hop-layer"
        aria-hidden="true"
        width="1"
        height="1"
      />
    </ViewportPortal>
  );
});

function easeInOut(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}
