/**
 * The studio's first screens at the laptop and projector sizes of issue 13, in both languages: nothing overflows
 * the top bar, the terminal is wide enough for kubectl's tables, and the screenshots are kept for a human look.
 */
import { expect, test } from '@playwright/test';
import { openStudio, run, SHOTS } from './helpers';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES)
  test(`first screen at ${size.width}×${size.height}, English and Chinese`, async ({ page }) => {
    await page.setViewportSize(size);
    await openStudio(page, '/#lesson=07-what-is-kubernetes&step=first-workload');
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('lang').selectOption(lang);
      await run(page, lang === 'en' ? 'kubectl create deployment hello --image=nginx --replicas=2' : 'help');
      await run(page, 'sim advance 30s');
      await run(page, 'kubectl get pods -o wide');
      await page.getByTestId('event-log-toggle').click();
      const cols = await page.evaluate(
        () => (window as unknown as { __kubelabTerm: { term: { cols: number } } }).__kubelabTerm.term.cols,
      );
      expect(cols).toBeGreaterThanOrEqual(110);
      const overflow = await page
        .locator('.topbar button, .topbar select, .pane-title button')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(overflow).toEqual([]);
      // the top bar stays one row: its last control (Share) sits level with the brand
      const centres = await page.locator('.topbar > *:visible').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return r.top + r.height / 2;
        }),
      );
      expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(12);
      await page.screenshot({ path: `${SHOTS}/screen-${size.width}-${lang}.png` });
      await page.getByTestId('event-log-toggle').click();
    }
  });
