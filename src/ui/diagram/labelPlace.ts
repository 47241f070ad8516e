/**
 * Where a hop's label goes: near the middle of its line, in the first free spot — off every component box, node
 * title, pod card and other label, and inside the visible part of the pane. Pure geometry in flow coordinates;
 * returns undefined when no spot is free (the story caption above the diagram still tells the hop).
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Label box (text anchored in the middle, baseline at y) with a small margin. */
export function labelRect(cx: number, baseline: number, width: number, height: number): Rect {
  const pad = 3;
  return {
    x: cx - width / 2 - pad,
    y: baseline - height * 0.8 - pad,
    w: width + 2 * pad,
    h: height + 2 * pad,
  };
}

/** Vertical offsets tried from the line's middle, nearest first; each also shifted left and right. */
const DY = [-10, 22, -26, 38, -42, 54, -58, 70, -74, 86, -90, 102];
/** Points along the line tried, as fractions from its source. */
const ALONG = [0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95];

export function placeLabel(
  a: { x: number; y: number },
  b: { x: number; y: number },
  width: number,
  height: number,
  obstacles: Rect[],
  visible: Rect | undefined,
): { x: number; y: number } | undefined {
  const dxs = [0, -width / 2 - 10, width / 2 + 10];
  // the middle of the line first, then nearer either end (a long line crosses crowded nodes)
  for (const along of ALONG)
    for (const dy of DY)
      for (const dx of dxs) {
        const mx = a.x + (b.x - a.x) * along;
        const my = a.y + (b.y - a.y) * along;
        const r = labelRect(mx + dx, my + dy, width, height);
        if (
          visible &&
          (r.x < visible.x ||
            r.y < visible.y ||
            r.x + r.w > visible.x + visible.w ||
            r.y + r.h > visible.y + visible.h)
        )
          continue;
        if (obstacles.some((o) => intersects(r, o))) continue;
        return { x: mx + dx, y: my + dy };
      }
  return undefined;
}
