import { describe, expect, it } from 'vitest';
import { intersects, labelRect, placeLabel, type Rect } from './labelPlace';

describe('placeLabel', () => {
  const kubectl: Rect = { x: 0, y: 36, w: 110, h: 44 };
  const api: Rect = { x: 142, y: 36, w: 104, h: 44 };
  const title: Rect = { x: 140, y: 2, w: 90, h: 18 };

  it('puts the label of kubectl → API server off both boxes and the plane title', () => {
    const p = placeLabel({ x: 55, y: 58 }, { x: 194, y: 58 }, 150, 16, [kubectl, api, title], undefined)!;
    expect(p).toBeDefined();
    const r = labelRect(p.x, p.y, 150, 16);
    for (const o of [kubectl, api, title]) expect(intersects(r, o)).toBe(false);
  });

  it('stays inside the visible part of the pane, or gives up', () => {
    const visible: Rect = { x: -10, y: 0, w: 400, h: 300 };
    const p = placeLabel({ x: 55, y: 58 }, { x: 194, y: 58 }, 150, 16, [kubectl, api, title], visible)!;
    const r = labelRect(p.x, p.y, 150, 16);
    expect(r.y).toBeGreaterThanOrEqual(0);
    const wall: Rect = { x: -1000, y: -1000, w: 3000, h: 3000 };
    expect(placeLabel({ x: 0, y: 0 }, { x: 10, y: 0 }, 50, 16, [wall], undefined)).toBeUndefined();
  });
});
