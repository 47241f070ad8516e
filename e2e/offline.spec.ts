import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

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
/** When set, sw.js is served as another build's would be: same files, another VERSION (an update). */
let swVersion: string | undefined;
test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) return void res.writeHead(404).end();
    let rel = normalize(path.slice(BASE.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.') rel = 'index.html';
    try {
      let body: Buffer | string = await readFile(join(DIST, rel));
      if (rel === 'sw.js' && swVersion)
        body = body
          .toString('utf8')
          .replace(/^const VERSION = '[^']*';$/m, `const VERSION = '${swVersion}';`);
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

/** The service worker's caches, by name. */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function defaultLessonWorks(page: Page): Promise<void> {
  await expect(page.locator('.lesson-name')).toBeVisible();
  await expect(page.locator('[data-testid=node][data-name=worker-1]')).toBeVisible();
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get nodes\n');
  await expect(page.locator('.xterm-rows')).toContainText('worker-2');
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
}

test('the first visit precaches the whole build: offline right after it, a reload and a second visit work', async ({
  page,
  context,
}) => {
  swVersion = undefined;
  await page.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
  await page.goto(origin + BASE);
  await expect(page.locator('.lesson-name')).toBeVisible();
  // no reload and no pane opened by hand: the service worker's install fetched every chunk itself
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active, null, {
    timeout: 30_000,
  });
  const names = await cacheNames(page);
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^kubelab-[0-9a-f]{12}$/);
  const cached = await page.evaluate(async (name) => {
    const c = await caches.open(name);
    return (await c.keys()).map((r) => new URL(r.url).pathname.replace(/.*\//, ''));
  }, names[0]!);
  // the editor, its YAML worker and the diagram's chunks are there although this visit may not have used them
  for (const re of [
    /^YamlEditor-.*\.js$/,
    /^yaml\.worker-.*\.js$/,
    /^editor\.worker-.*\.js$/,
    /^ClusterDiagram-.*\.js$/,
    /^index\.html$/,
  ])
    expect(
      cached.some((f) => re.test(f)),
      String(re),
    ).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await defaultLessonWorks(page);
  // a second visit (a new tab), still offline
  const second = await context.newPage();
  await second.goto(origin + BASE);
  await defaultLessonWorks(second);
  await context.setOffline(false);
});

test('an update of the app replaces the cache: the old build’s cache is deleted, the new one serves', async ({
  page,
}) => {
  swVersion = undefined;
  await page.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
  await page.goto(origin + BASE);
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active, null, {
    timeout: 30_000,
  });
  const [first] = await cacheNames(page);
  expect(first).toMatch(/^kubelab-/);
  // the next deploy: another sw.js (another version); the browser finds it on the next page load
  swVersion = 'update000001';
  await page.reload();
  await expect.poll(() => cacheNames(page), { timeout: 30_000 }).toEqual(['kubelab-update000001']);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ''))
    .toContain('sw.js');
  await page.reload();
  await defaultLessonWorks(page);
  swVersion = undefined;
});
