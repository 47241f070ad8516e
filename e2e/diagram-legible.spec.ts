/**
 * Issue 13: pod cards are legible at the default zoom on a laptop and a projector (≥ 11 px of text on screen),
 * and the control plane stays in view.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, SHOTS } from './helpers';

/** The smallest on-screen size of a pod card's name and status text: computed font size × the zoom applied. */
async function podTextPx(page: Page): Promise<number> {
  return page.locator('[data-testid="pod"]').evaluateAll((cards) => {
    let min = Infinity;
    for (const card of cards) {
      const el = card as HTMLElement;
      const scale = el.getBoundingClientRect().width / el.offsetWidth;
      for (const sel of ['.pod-name', '.st-text']) {
        const t = el.querySelector(sel);
        if (!t) continue;
        min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
    }
    return min;
  });
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES)
  test(`pod cards are legible at the default zoom at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=3');
    await run(page, 'sim advance 30s');
    // only what is on screen is rendered: the cards drawn are the ones a learner sees at the default zoom
    await expect(page.locator('[data-testid="pod"][data-name^="web-"]').first()).toBeVisible();
    // the fit after the pods appeared has run
    await page.waitForTimeout(400);
    const px = await podTextPx(page);
    console.log(`pod text at ${size.width}×${size.height}: ${px.toFixed(1)} px`);
    await page.screenshot({ path: `${SHOTS}/diagram-${size.width}-en.png` });
    expect(px).toBeGreaterThanOrEqual(11);
    // the control plane is still on screen
    const pane = await page.locator('.flow-wrap').boundingBox();
    const api = await page.locator('.react-flow__node[data-id="cp:api"]').boundingBox();
    expect(pane && api).toBeTruthy();
    expect(api!.y).toBeGreaterThanOrEqual(pane!.y - 1);
    expect(api!.x + api!.width).toBeLessThanOrEqual(pane!.x + pane!.width + 1);
    // Chinese labels do not change the cards' size
    await page.getByTestId('lang').selectOption('zh');
    expect(await podTextPx(page)).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: `${SHOTS}/diagram-${size.width}-zh.png` });
  });
