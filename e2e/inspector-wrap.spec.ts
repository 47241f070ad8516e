/** Issue 13: the inspector's long texts wrap inside it instead of running off its right edge. */
import { expect, test } from '@playwright/test';
import { openStudio, run, SHOTS } from './helpers';

for (const lang of ['en', 'zh'] as const)
  test(`"Why this node?" wraps inside the inspector at 1366×768 (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openStudio(page);
    await page.getByTestId('lang').selectOption(lang);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    await page.locator('[data-testid=pod][data-name^=web-]').first().click();
    await page.getByTestId('itab-why').click();
    const why = page.getByTestId('why');
    await expect(why).not.toBeEmpty();
    const fit = await why.evaluate((el) => {
      const body = el.closest('.inspector-body') as HTMLElement;
      return { pre: el.scrollWidth - el.clientWidth, body: body.scrollWidth - body.clientWidth };
    });
    expect(fit.pre).toBeLessThanOrEqual(1);
    expect(fit.body).toBeLessThanOrEqual(1);
    // the text really is long enough to have needed wrapping: it spans several lines
    const lines = await why.evaluate((el) => el.getClientRects().length && el.getBoundingClientRect().height);
    expect(lines).toBeGreaterThan(40);
    await page.screenshot({ path: `${SHOTS}/inspector-why-1366-${lang}.png` });
  });
