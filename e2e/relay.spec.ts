/**
 * "Use your own kubectl" end to end: `kubelab serve --relay` serves the built studio and the API; the studio tab
 * opened from its address connects back, and the real kubectl's `create deployment` lands in the tab's cluster
 * (the diagram draws its pods) and a change made in the tab's terminal is what kubectl then reads.
 */
import { test, expect } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, SHOTS } from './helpers';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let relay: ChildProcess | undefined;
let out = '';
const dir = mkdtempSync(join(tmpdir(), 'kubelab-relay-e2e-'));
const kubeconfig = join(dir, 'kubeconfig');
const kubectl = (...args: string[]) =>
  execFileSync('kubectl', args, {
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir },
    encoding: 'utf8',
    timeout: 20_000,
  });

test.beforeAll(async () => {
  relay = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--relay', '--port', '0', '--kubeconfig', kubeconfig],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  relay.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 30_000 }).toContain('Press Ctrl+C');
});
test.afterAll(() => {
  relay?.kill('SIGTERM');
});

test('the real kubectl drives the studio through kubelab serve --relay', async ({ page }) => {
  expect(hasKubectl || !process.env.CI, 'no kubectl on the PATH in CI').toBe(true);
  test.skip(!hasKubectl, 'no kubectl on this machine');
  const open = /Open the studio: (\S+)/.exec(out)?.[1];
  expect(open, out).toBeDefined();
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('kubelab.e2e')) {
      localStorage.clear();
      localStorage.setItem('kubelab.lang', 'en');
      sessionStorage.setItem('kubelab.e2e', '1');
    }
  });
  await page.goto(open!);
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  // Opened from the relay's address: the dialog shows and the tab connects by itself.
  await expect(page.getByTestId('relay-state')).toHaveAttribute('data-phase', 'connected');
  await expect(page.getByTestId('relay-kubectl')).toContainText(`export KUBECONFIG=${kubeconfig}`);
  // the simulation stays in its Web Worker: the relay's requests are answered there
  expect(
    await page.evaluate(() => (window as unknown as { __kubelab: { inWorker: boolean } }).__kubelab.inWorker),
  ).toBe(true);
  expect(kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=2')).toBe(
    'deployment.apps/web created\n',
  );
  await expect(page.getByTestId('relay-state')).toContainText(/so far/);
  await page.getByTestId('relay-dialog').screenshot({ path: `${SHOTS}/relay-dialog.png` });
  await page.keyboard.press('Escape');
  // The studio's own cluster has it: its clock runs the controllers, the diagram draws the two pods.
  await expect(page.locator('[data-testid="pod"][data-name^="web-"]')).toHaveCount(2, { timeout: 20_000 });
  await expect
    .poll(() => kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}'), {
      timeout: 30_000,
    })
    .toBe('2');
  // And the other way: what the learner does in the studio's terminal is what their kubectl reads.
  await run(page, 'kubectl scale deployment web --replicas=3');
  expect(kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
  // a watch streams out of the worker: a ConfigMap made in the terminal reaches kubectl get -w
  const watch = new Promise<string>((resolve) => {
    let seen = '';
    const w = spawn('kubectl', ['get', 'configmaps', '-w', '--request-timeout=6s'], {
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir },
    });
    w.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    w.on('exit', () => resolve(seen));
  });
  await page.waitForTimeout(1500);
  await run(page, 'kubectl create configmap seen-by-watch --from-literal=a=b');
  expect(await watch).toMatch(/^seen-by-watch\s+1\s+\S+$/m);
});
