/**
 * The screens this round changed — the story caption and its hop labels, the minimap toggle, the catalogue
 * notice, the restored terminal — at the laptop and projector sizes in both languages (kept for a human look),
 * and axe-core on them in both themes and languages: no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, SHOTS, terminalText } from './helpers';

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const SIZES = [
  { width: 1280, height: 720, present: false },
  { width: 1366, height: 768, present: false },
  { width: 1920, height: 1080, present: false },
  { width: 1920, height: 1080, present: true },
];

for (const size of SIZES)
  test(`story screens at ${size.width}×${size.height}${size.present ? ' (presenter)' : ''}, English and Chinese`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await openStudio(page, `/#lesson=08-control-plane${size.present ? '&present=1' : ''}`, {
      clock: 'playing',
    });
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('lang').selectOption(lang);
      const name = `${size.width}${size.present ? '-presenter' : ''}-${lang}`;
      // the lesson opens on the story's introduction; after the first request it tells each hop
      if (lang === 'en') await expect(page.getByTestId('story-caption')).toContainText('Follow a request');
      else
        await expect(page.getByTestId('story-caption')).toContainText(
          /调度器|容器运行时|API 服务器|kubelet|etcd/,
        );
      await page.screenshot({ path: `${SHOTS}/story-open-${name}.png` });
      await run(page, lang === 'en' ? 'kubectl run web --image=nginx' : 'kubectl run web2 --image=nginx');
      await page.waitForTimeout(5200); // the scheduler's part of the story
      await page.screenshot({ path: `${SHOTS}/story-hop-${name}.png` });
      await page.getByTestId('speed').selectOption('1');
    }
  });

test('axe: the story lesson, minimap, catalogue notice and restored terminal in both themes and languages', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page, '/#lesson=08-control-plane', { clock: 'playing' });
  await run(page, 'kubectl run old --image=nginx:9.9.9');
  await expect(page.getByTestId('notice')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('minimap-toggle').click();
  await page.waitForTimeout(600);
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain('pod/old created');
  await run(page, 'kubectl run old2 --image=nginx:9.9.8');
  await expect(page.getByTestId('notice')).toBeVisible({ timeout: 15_000 });
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.getByTestId('theme').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('lang').selectOption(lang);
      await expect(page.getByTestId('story-caption')).not.toBeEmpty();
      expect(await serious(page), `${theme} ${lang}`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/axe-${theme}-${lang}.png` });
    }
  }
});
