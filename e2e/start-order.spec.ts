import { expect, test, type Page } from '@playwright/test';
import { terminalText } from './helpers';

/**
 * The start order (src/ui/layout/startOrder.ts): the terminal takes keys before the simulation runs and before
 * Monaco loads; what is typed meanwhile waits, says so, and runs in order once the simulation is ready.
 * The simulation's files (the worker's bundle, or the page's chunk) are held back here so the test types before it
 * runs, on any machine.
 */
async function openWithSlowSimulation(page: Page, holdMs: number): Promise<void> {
  await page.addInitScript(() => {
    localStorage.clear();
    localStorage.setItem('kubelab.lang', 'en');
  });
  await page.route(/\/assets\/(session|simWorker)-[\w-]+\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, holdMs));
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('terminal').locator('.xterm-helper-textarea')).toBeAttached();
  await expect.poll(() => terminalText(page)).toContain('$');
}

test('typing in the terminal right after navigation, before the simulation and the editor load: nothing is lost', async ({
  page,
}) => {
  await openWithSlowSimulation(page, 2500);
  // the heavy panes are not there yet: the terminal and the lesson's text came first
  await expect(page.locator('.lesson-name')).toBeVisible();
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await expect(page.getByTestId('cluster-diagram')).toHaveCount(0);
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get nodes');
  await page.keyboard.press('Enter');
  // honest about the wait
  await expect.poll(() => terminalText(page)).toContain('starting the simulation');
  // typed while the first command waits: a whole command, and half of another
  await page.keyboard.type('kubectl create deployment web --image=nginx');
  await page.keyboard.press('Enter');
  await page.keyboard.type('kubectl get deploy');
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  // the simulation runs: both commands ran in order, the half line is still being typed
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('deployment.apps/web created');
  const text = await terminalText(page);
  expect(text).not.toContain('starting the simulation');
  const nodes = text.indexOf('control-plane');
  const created = text.indexOf('deployment.apps/web created');
  expect(nodes).toBeGreaterThan(text.indexOf('$ kubectl get nodes'));
  expect(created).toBeGreaterThan(nodes);
  expect(text.trimEnd().endsWith('$ kubectl get deploy')).toBe(true);
  await page.keyboard.type(' web');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => terminalText(page))
    .toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n\s*web\s/);
  // the cluster has it too, and the rest of the studio arrives
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 20_000 });
  const names = await page.evaluate(() =>
    (
      window as unknown as {
        __kubelab: { host: { cluster: { api: { list(k: string): { metadata: { name: string } }[] } } } };
      }
    ).__kubelab.host.cluster.api
      .list('Deployment')
      .map((d) => d.metadata.name),
  );
  expect(names).toContain('web');
});

test('Ctrl+C while a command waits for the simulation drops it; the terminal goes on', async ({ page }) => {
  await openWithSlowSimulation(page, 2000);
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl create namespace never');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toContain('starting the simulation');
  await page.keyboard.press('Control+C');
  await expect.poll(() => terminalText(page)).toContain('^C');
  await page.keyboard.type('kubectl get ns');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('kube-system');
  expect(await terminalText(page)).not.toContain('namespace/never created');
});
