import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';

const DIST = join(import.meta.dirname, '..', 'dist');
const BASE = '/courses/k8s/lab/';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ttf': 'font/ttf',
};

/** A plain static host that serves the build under a deep base path (no SPA fallback, no rewriting). */
let server: Server;
let origin = '';
test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) return void res.writeHead(404).end();
    let rel = normalize(path.slice(BASE.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.') rel = 'index.html';
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('the static build works under a base path and keeps working offline after the first visit', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
  await page.goto(origin + BASE);
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', './manifest.webmanifest');
  const manifest = await (await page.request.get(origin + BASE + 'manifest.webmanifest')).json();
  expect(manifest.start_url).toBe('./');
  // the service worker takes control, and caches what the page loaded
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  // open the editor and the terminal once so their lazy chunks are cached too
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await expect(page.getByTestId('terminal').locator('.xterm-helper-textarea')).toBeAttached();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  await expect(page.locator('[data-testid=node][data-name=worker-1]')).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get nodes\n');
  await expect(page.locator('.xterm-rows')).toContainText('worker-2');
  await context.setOffline(false);
});
