/**
 * Issue 13 / 14 remainders: the minimap never hides a pod card at laptop sizes; the terminal's screen comes back
 * after a reload; `sim why` speaks Chinese; the studio says when an image is beyond Kubelab's catalogue.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, setEditorText, SHOTS, terminalText } from './helpers';

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

const BEYOND = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:9.9
      - name: side
        image: myorg/sidecar:1
`;

/** The editor's own markers (Monaco draws only the lines in view, so they are read from its model). */
async function markers(page: Page): Promise<{ line: number; severity: string; message: string }[]> {
  return page.evaluate(() => {
    type Marker = { startLineNumber: number; severity: number; message: string };
    const m = (
      window as unknown as {
        __kubelabMonaco: {
          monaco: {
            editor: { getModelMarkers(f: { owner: string }): Marker[] };
            MarkerSeverity: { Warning: number };
          };
        };
      }
    ).__kubelabMonaco.monaco;
    return m.editor.getModelMarkers({ owner: 'kubelab' }).map((x) => ({
      line: x.startLineNumber,
      severity: x.severity === m.MarkerSeverity.Warning ? 'warning' : String(x.severity),
      message: x.message,
    }));
  });
}

const WORDS = {
  en: {
    tag: 'nginx:9.9 is not in Kubelab’s image catalogue (nginx is, the tag 9.9 is not)',
    repo: 'myorg/sidecar:1 is not in Kubelab’s image catalogue: it will not pull here',
    pull: 'nginx:9.9 is beyond Kubelab’s image catalogue',
    run: 'myorg/app:2 is not in Kubelab’s image catalogue',
  },
  zh: {
    tag: 'nginx:9.9 不在 Kubelab 的镜像目录中（有 nginx，但没有标签 9.9）',
    repo: 'myorg/sidecar:1 不在 Kubelab 的镜像目录中：在这里拉取不到',
    pull: 'nginx:9.9 超出了 Kubelab 的镜像目录',
    run: 'myorg/app:2 不在 Kubelab 的镜像目录中',
  },
} as const;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
])
  for (const lang of ['en', 'zh'] as const)
    test(`images beyond the catalogue: editor warnings and docker's failed pulls at ${size.width}×${size.height} (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await openStudio(page);
      if (lang === 'zh') await page.getByTestId('lang').selectOption('zh');
      const w = WORDS[lang];
      // the editor: a warning on each image line beyond the catalogue, before anything is applied
      await setEditorText(page, BEYOND);
      const list = page.getByTestId('problem-list');
      await expect(list.locator('li.warning')).toHaveCount(2);
      await expect(list.locator('li.warning').first()).toContainText(w.tag);
      await expect(list.locator('li.warning').nth(1)).toContainText(w.repo);
      await expect(list.locator('.line')).toHaveText(['L17', 'L19']);
      await expect
        .poll(() => markers(page))
        .toEqual([
          { line: 17, severity: 'warning', message: expect.stringContaining(w.tag) as unknown as string },
          { line: 19, severity: 'warning', message: expect.stringContaining(w.repo) as unknown as string },
        ]);
      // the list stays inside the editor pane, and scrolls rather than spilling over the editor
      const pane = await page.locator('section.pane.editor').boundingBox();
      const box = await list.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(pane!.x);
      expect(box!.x + box!.width).toBeLessThanOrEqual(pane!.x + pane!.width + 0.5);
      expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/catalog-editor-${size.width}-${lang}.png` });
      // catalogued images say nothing
      await setEditorText(
        page,
        BEYOND.replace('nginx:9.9', 'nginx:1.25.3').replace('myorg/sidecar:1', 'busybox:1.27.2'),
      );
      await expect(list).toHaveCount(0);
      await expect.poll(() => markers(page)).toEqual([]);

      // the terminal: docker's own error stays as Docker prints it; the studio adds its notice
      const pulled = await run(page, 'docker pull nginx:9.9');
      expect(pulled).toContain(
        'Error response from daemon: manifest for nginx:9.9 not found: manifest unknown: manifest unknown',
      );
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText(w.pull, { timeout: 15_000 });
      await page.screenshot({ path: `${SHOTS}/catalog-docker-pull-${size.width}-${lang}.png` });
      await notice.getByRole('button').last().click();
      const ran = await run(page, 'docker run -d myorg/app:2');
      expect(ran).toContain('pull access denied for myorg/app');
      await expect(notice).toContainText(w.run, { timeout: 15_000 });
      // the notice keeps inside the window, whole
      const n = await notice.boundingBox();
      expect(n!.x).toBeGreaterThanOrEqual(0);
      expect(n!.x + n!.width).toBeLessThanOrEqual(size.width);
      expect(n!.y + n!.height).toBeLessThanOrEqual(size.height);
      await page.screenshot({ path: `${SHOTS}/catalog-docker-run-${size.width}-${lang}.png` });
    });
