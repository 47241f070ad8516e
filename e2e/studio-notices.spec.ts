/**
 * Issue 13 / 14 remainders: the minimap never hides a pod card at laptop sizes; the terminal's screen comes back
 * after a reload; `sim why` speaks Chinese; the studio says when an image is beyond Kubelab's catalogue.
 */
import { expect, test } from '@playwright/test';
import { openStudio, run, SHOTS, terminalText } from './helpers';

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
])
  test(`no pod card lies under the minimap at ${size.width}×${size.height}; the toggle shows it`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=6');
    await run(page, 'sim advance 20s');
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(6);
    const covered = () =>
      page.evaluate(() => {
        const mm = document.querySelector('.react-flow__minimap');
        if (!mm) return [];
        const m = mm.getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>('[data-testid=pod]')]
          .filter((p) => {
            const r = p.getBoundingClientRect();
            return r.left < m.right && m.left < r.right && r.top < m.bottom && m.top < r.bottom;
          })
          .map((p) => p.dataset.name);
      });
    expect(await covered()).toEqual([]);
    // small panes start without it; the learner may ask for it (and it stays asked for)
    const toggle = page.getByTestId('minimap-toggle');
    if (size.width < 1920) {
      await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      await toggle.click();
      await expect(page.locator('.react-flow__minimap')).toBeVisible();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      await page.reload();
      await expect(page.locator('.react-flow__minimap')).toBeVisible();
      await page.getByTestId('minimap-toggle').click();
      await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    }
  });

test('the terminal shows its earlier output after a reload, and ↑ recalls the command', async ({ page }) => {
  await openStudio(page);
  await run(page, 'kubectl create deployment keep --image=nginx');
  await run(page, 'kubectl get deployments');
  await page.waitForTimeout(600); // the screen is written at most every 0.4 s
  await page.reload();
  await expect(page.getByTestId('terminal').locator('.xterm-helper-textarea')).toBeAttached();
  await expect.poll(() => terminalText(page)).toContain('deployment.apps/keep created');
  const text = await terminalText(page);
  expect(text).toMatch(/\$ kubectl get deployments\nNAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nkeep\s/);
  expect(text).toContain('(the output above is from your last visit)');
  // the banner still follows, and ↑ brings the last command back
  expect(text.trimEnd().split('\n').slice(-2)[0]).toContain('Kubelab terminal');
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expect
    .poll(async () => (await terminalText(page)).split('\n').pop())
    .toBe('$ kubectl get deployments');
  // clear really clears: nothing comes back next time
  await page.keyboard.press('Control+U');
  await page.keyboard.type('clear');
  await page.keyboard.press('Enter');
  await page.reload();
  await expect(page.getByTestId('terminal').locator('.xterm-helper-textarea')).toBeAttached();
  await expect.poll(() => terminalText(page)).toContain('Kubelab terminal');
  expect(await terminalText(page)).not.toContain('deployment.apps/keep created');
});

test('sim why answers in Chinese in Chinese mode (kubectl stays English)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page);
  await page.getByTestId('lang').selectOption('zh');
  await run(page, 'kubectl run web --image=nginx');
  const why = await run(page, 'sim why web');
  expect(why).toMatch(/Pod web 被调度到 worker-\d：评估了 3 个节点，其中 2 个满足条件；/);
  expect(why).toMatch(/control-plane\s+被 TaintToleration 过滤：node\(s\) had untolerated taint/);
  expect(await run(page, 'sim why nope')).toContain('错误：找不到 Pod "nope"');
  expect(await run(page, 'kubectl get pod web')).toMatch(/NAME\s+READY\s+STATUS/);
  await page.screenshot({ path: `${SHOTS}/why-1366-zh.png` });
});

test('the studio says when an image is beyond the catalogue, in both languages', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page, '/', { clock: 'playing' });
  await run(page, 'kubectl run old --image=nginx:9.9.9');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('nginx:9.9.9 is beyond Kubelab’s image catalogue', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/catalog-1366-en.png` });
  // kubectl's own view is as a real cluster shows it
  await expect
    .poll(async () => run(page, 'kubectl get pod old'), { timeout: 20_000 })
    .toMatch(/ErrImagePull|ImagePullBackOff/);
  await page.getByTestId('lang').selectOption('zh');
  await run(page, 'kubectl run mine --image=myorg/app:1');
  await expect(notice).toContainText('myorg/app:1 不在 Kubelab 的镜像目录中', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/catalog-1366-zh.png` });
  // a catalogued image says nothing
  await notice.getByRole('button').last().click();
  await run(page, 'kubectl run fine --image=nginx:1.25.3');
  await run(page, 'sim advance 10s');
  await expect(notice).toHaveCount(0);
});
