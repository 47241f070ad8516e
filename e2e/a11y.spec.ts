import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, SHOTS, terminalText } from './helpers';

async function seriousViolations(page: Page, exclude: string[] = []) {
  let b = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const e of exclude) b = b.exclude(e);
  const r = await b.analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test.describe('accessibility', () => {
  test('axe-core: no serious or critical violation in the main screens, light and dark', async ({ page }) => {
    // five full-page scans: on a loaded two-core machine they alone take most of a minute
    test.setTimeout(120_000);
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    await expect(page.locator('.monaco-editor').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-testid=pod][data-name^=web-]').first().click();
    await expect(page.getByTestId('inspector')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // namespaces and cgroups of the pod's containers: the pause container and nginx share the pod's slice
    await page.getByTestId('itab-isolation').click();
    await expect(page.getByTestId('inspector')).toContainText(
      /\/kubepods\.slice\/kubepods-pod[0-9a-f_]{36}\.slice\/cri-containerd-[0-9a-f]{64}\.scope/,
    );
    await page.screenshot({ path: `${SHOTS}/isolation.png` });
    await page.getByTestId('theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/dark.png` });
    await page.getByTestId('view-docker').click();
    await expect(page.getByTestId('docker-view')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-dialog')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('keyboard only: skip to the terminal, run a command, inspect a pod, open its actions, play', async ({
    page,
  }) => {
    await openStudio(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to terminal' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.type('kubectl run solo --image=nginx');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page)).toContain('pod/solo created');
    // screen readers hear what happened (a polite live region, at most one sentence every two seconds)
    await expect(page.getByTestId('narration')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('narration')).toContainText(/solo|Pod/, { timeout: 5000 });
    // the play button, reached from the top bar by keyboard
    await page.getByTestId('play').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
    // diagram objects are focusable: Enter inspects, Shift+F10 opens the actions
    const node = page.locator('.react-flow__node[data-id="pod:default/solo"]');
    await node.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector')).toContainText('solo');
    await node.focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByTestId('context-menu')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('context-menu').getByTestId('action-delete')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page)).toContain('kubectl delete pod solo');
    // the splitters move with the arrow keys
    const sep = page.getByRole('separator').first();
    const before = Number(await sep.getAttribute('aria-valuenow'));
    await sep.focus();
    await page.keyboard.press('ArrowRight');
    expect(Number(await sep.getAttribute('aria-valuenow'))).toBe(before + 20);
    await page.screenshot({ path: `${SHOTS}/keyboard.png` });
  });

  test('axe-core in Chinese, light and dark: the event log, the reset question, a lesson waiting on a paused clock', async ({
    page,
  }) => {
    await openStudio(page, '/#lesson=12-deployments');
    await page.getByTestId('lang').selectOption('zh');
    await expect(page.getByTestId('paused-goal')).toBeVisible();
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await page.getByTestId('event-log-toggle').click();
    await expect(page.getByTestId('timeline-list')).toBeVisible();
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('reset-confirm')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/a11y-zh-dark.png` });
  });

  test('a projector: 1920×1080 shows every pane', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=3');
    await run(page, 'sim advance 20s');
    for (const id of ['lesson-pane', 'diagram-pane', 'work-pane', 'terminal-pane', 'timeline-pane'])
      await expect(page.locator(`#${id}`)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/projector-1920.png` });
  });
});
