import { memo, useEffect, useRef, useState } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { getHost } from '../../state/host';
import { anchorOf, type XY } from './clusterToFlow';
import { HopQueue } from './hopQueue';
import { HOP_COLOR } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Every event-log entry flies as a labelled dot from its source component to its target, drawn in flow
 * coordinates. Driven by the engine's log (host.onEvent), never scripted; updates the DOM directly each frame
 * so hundreds of hops cost no React renders.
 */
export const HopLayer = memo(function HopLayer({ anchors }: { anchors: Record<string, XY> }) {
  // a state ref: ViewportPortal mounts its children after this component's first effect
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const anchorsRef = useRef(anchors);
  useEffect(() => {
    anchorsRef.current = anchors;
  }, [anchors]);

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
    let raf = 0;
    const draw = () => {
      const now = performance.now();
      const list = q.active(now);
      let used = 0;
      // only the newest label is written (two at fast speeds): labels printed over each other are unreadable
      const labelFrom = list.length - (host.speed <= 1 ? 1 : 2);
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
          text.setAttribute('dy', '-9');
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
        text.setAttribute('x', String(x));
        text.setAttribute('y', String(y));
        const label = i >= labelFrom ? flight.label : '';
        // the two labels of a fast speed sit at two heights so they never print over each other
        text.setAttribute('dy', String(-9 - (list.length - 1 - i) * 14));
        if (text.textContent !== label) text.textContent = label;
        g.dataset.kind = flight.kind;
      }
      for (let i = used; i < pool.length; i++) pool[i]!.style.display = 'none';
      svg.dataset.active = String(used);
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
  }, [svg]);

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
