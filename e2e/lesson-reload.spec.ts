/** Issue 13: after a reload the step dots and the goals tell the same story, in the learner's words. */
import { expect, test } from '@playwright/test';
import { openStudio, run, SHOTS } from './helpers';

test('a done step stays done after a reload: its dot and its goals agree', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page);
  const pane = page.locator('.lesson-pane');
  await expect(pane.locator('.goal.unmet')).toHaveCount(1);
  await run(page, 'kubectl get nodes');
  await expect(pane.locator('.goal.unmet')).toHaveCount(0);
  await expect(pane.locator('.step-strip button').first()).toHaveClass(/done/);

  // the session is written at most once a second and when the page goes away
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  await expect(pane.locator('.step-strip button').first()).toHaveClass(/done/);
  await expect(pane.locator('.goal.met')).toHaveCount(1);
  await expect(pane.locator('.goal.unmet')).toHaveCount(0);
  await expect(pane).not.toContainText('Not done yet');
  for (const lang of ['en', 'zh'] as const) {
    await page.getByTestId('lang').selectOption(lang);
    await page.screenshot({ path: `${SHOTS}/lesson-reload-1366-${lang}.png` });
  }
});
