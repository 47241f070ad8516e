import { expect, test } from '@playwright/test';
import { openStudio, podStatuses, run, setEditorText, SHOTS, terminalText, virtualNow } from './helpers';

test.describe('the studio', () => {
  test('apply a Deployment in the editor: its pods appear Running in the diagram', async ({ page }) => {
    await openStudio(page);
    await expect(page.locator('.monaco-editor').first()).toBeVisible();
    await page.getByTestId('apply').click();
    await expect.poll(() => terminalText(page)).toContain('deployment.apps/web created');
    // the request's hops fly over the diagram (kubectl → API server → etcd → watches…)
    await expect.poll(() => page.getByTestId('hop-layer').locator('g.hop').count()).toBeGreaterThan(0);
    // the pods exist before time passes: not Running yet
    await expect.poll(async () => (await podStatuses(page, 'web-')).length).toBe(3);
    expect(await podStatuses(page, 'web-')).not.toEqual(['Running', 'Running', 'Running']);
    // let time run through the UI: play at 64×
    await page.getByTestId('speed').selectOption('64');
    await page.getByTestId('play').click();
    await expect
      .poll(() => podStatuses(page, 'web-'), { timeout: 20_000 })
      .toEqual(['Running', 'Running', 'Running']);
    await page.getByTestId('play').click();
    await page.screenshot({ path: `${SHOTS}/apply-running.png` });
  });

  test('kubectl in the terminal: output, Tab completion, history, Ctrl+C on a watch, clear', async ({
    page,
  }) => {
    await openStudio(page);
    const out = await run(page, 'kubectl get nodes');
    expect(out).toMatch(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    expect(out).toContain('worker-1');
    const term = page.getByTestId('terminal').locator('.xterm-helper-textarea');
    await term.focus();
    await page.keyboard.type('kubectl ge');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nod');
    await page.keyboard.press('Tab'); // node / nodes: completes the common part
    await page.keyboard.type('s');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => ((await terminalText(page)).match(/\$ kubectl get nodes/g) ?? []).length)
      .toBe(2);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => ((await terminalText(page)).match(/\$ kubectl get nodes/g) ?? []).length)
      .toBe(3);
    await run(page, 'kubectl create deployment w --image=nginx');
    await term.focus();
    await page.keyboard.type('kubectl get pods -w');
    const atWatch = (await terminalText(page)).length;
    await page.keyboard.press('Enter');
    // the watch keeps printing while time passes (here: the play button)
    await page.getByTestId('speed').selectOption('16');
    await page.getByTestId('play').click();
    await expect
      .poll(
        async () =>
          (
            (await terminalText(page)).slice(atWatch).match(/^w-\S+\s+\S+\s+(ContainerCreating|Running)/gm) ??
            []
          ).length,
        { timeout: 20_000 },
      )
      .toBeGreaterThan(1)
      .catch(async (e: unknown) => {
        console.log((await terminalText(page)).slice(atWatch));
        throw e;
      });
    await page.getByTestId('play').click();
    await term.focus();
    await page.keyboard.press('Control+C');
    await expect.poll(() => terminalText(page)).toContain('^C');
    await page.screenshot({ path: `${SHOTS}/terminal.png` });
    await page.keyboard.type('clear');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page)).not.toContain('VERSION');
  });

  test('fail a node from the context menu: its pods are replaced elsewhere', async ({ page }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=4');
    await run(page, 'sim advance 30s');
    await expect.poll(() => podStatuses(page, 'web-')).toEqual(['Running', 'Running', 'Running', 'Running']);
    const onW1 = await page.locator('.react-flow__node[data-id="node:worker-1"]').count();
    expect(onW1).toBe(1);
    await page
      .locator('[data-testid=node][data-name=worker-1]')
      .click({ button: 'right', position: { x: 40, y: 10 } });
    await page.getByTestId('context-menu').getByTestId('action-fail').click();
    await expect.poll(() => terminalText(page)).toContain('sim node fail worker-1');
    await run(page, 'sim advance 6m');
    await expect(page.locator('[data-testid=node][data-name=worker-1]')).not.toHaveAttribute(
      'data-ready',
      'True',
    );
    // replacements run on worker-2; the evicted pods stay Terminating on the lost node
    const w2Running = await page.evaluate(() => {
      const h = (
        window as unknown as {
          __kubelab: {
            host: {
              cluster: {
                api: {
                  list(k: string): {
                    metadata: { name: string; deletionTimestamp?: string };
                    spec: { nodeName?: string };
                    status: { phase?: string };
                  }[];
                };
              };
            };
          };
        }
      ).__kubelab.host;
      return h.cluster.api
        .list('Pod')
        .filter(
          (p) =>
            p.metadata.name.startsWith('web-') &&
            !p.metadata.deletionTimestamp &&
            p.status.phase === 'Running',
        )
        .map((p) => p.spec.nodeName);
    });
    expect(w2Running).toEqual(['worker-2', 'worker-2', 'worker-2', 'worker-2']);
    await page.screenshot({ path: `${SHOTS}/node-failed.png` });
  });

  test('bad YAML and invalid objects get markers on the right line', async ({ page }) => {
    await openStudio(page);
    await setEditorText(
      page,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: c\n    image: [nginx\n',
    );
    await page.getByTestId('apply').click();
    await expect(page.getByTestId('problem-list')).toBeVisible();
    const syntaxLine = await page.getByTestId('problem-list').locator('.line').first().textContent();
    expect(Number(syntaxLine!.slice(1))).toBeGreaterThanOrEqual(8);
    await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
    // an API validation error: the missing image of the second container, line 9
    await setEditorText(
      page,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: twoc\nspec:\n  containers:\n  - name: a\n    image: nginx\n  - name: b\n',
    );
    await page.getByTestId('apply').click();
    await expect.poll(() => terminalText(page)).toContain('is invalid');
    await expect(page.getByTestId('problem-list')).toContainText('spec.containers[1].image');
    await expect(page.getByTestId('problem-list').locator('.line').first()).toHaveText('L9');
    await expect(
      page.locator('.monaco-editor .view-overlays .squiggly-error, .monaco-editor .squiggly-error').first(),
    ).toBeAttached();
    await page.screenshot({ path: `${SHOTS}/yaml-markers.png` });
  });

  test('the editor knows the kinds: schema validation, completion, files kept across reloads', async ({
    page,
  }) => {
    await openStudio(page);
    // an unknown field under spec: monaco-yaml flags it from the JSON Schema made of the simulation's kinds
    await setEditorText(
      page,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n',
    );
    await expect(
      page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first(),
    ).toBeAttached({ timeout: 15_000 });
    // completion of kind values
    await setEditorText(page, 'apiVersion: apps/v1\nkind: \n');
    await page.evaluate(() => {
      const m = (
        window as unknown as {
          __kubelabMonaco: {
            editor: {
              setPosition(p: { lineNumber: number; column: number }): void;
              focus(): void;
              trigger(s: string, id: string, a: unknown): void;
            };
          };
        }
      ).__kubelabMonaco;
      m.editor.focus();
      m.editor.setPosition({ lineNumber: 2, column: 7 });
      m.editor.trigger('test', 'editor.action.triggerSuggest', {});
    });
    await expect(page.locator('.monaco-editor .suggest-widget')).toContainText('Deployment', {
      timeout: 15_000,
    });
    await page.keyboard.press('Escape');
    // a second file in a tab, then a reload: both files and their text are still there
    await page.getByTestId('new-file').click();
    await setEditorText(page, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n');
    await page.reload();
    await expect(page.getByTestId('tab-file-1.yaml')).toBeVisible();
    await expect(page.getByTestId('tab-deployment.yaml')).toBeVisible();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('team-a');
  });

  test('switch to Chinese at runtime; the choice is remembered', async ({ page }) => {
    await openStudio(page);
    await page.getByTestId('lang').selectOption('zh');
    await expect(page.getByTestId('apply')).toHaveText('应用');
    await expect(page.getByTestId('view-docker')).toHaveText('Docker 宿主机');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.screenshot({ path: `${SHOTS}/chinese.png` });
    await page.reload();
    await expect(page.getByTestId('apply')).toHaveText('应用');
    // nothing in the top bar overflows its box
    const overflow = await page
      .locator('.topbar button, .editor-actions button')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(overflow).toEqual([]);
    await page.getByTestId('lang').selectOption('en');
    await expect(page.getByTestId('apply')).toHaveText('Apply');
  });

  test('share link round trip, and a tampered link says so', async ({ page, context }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    await run(page, 'kubectl scale deployment web --replicas=3');
    await run(page, 'sim advance 5s');
    const names = (
      await page
        .locator('[data-testid=pod][data-name^=web-]')
        .evaluateAll((els) =>
          els.map((e) => (e as HTMLElement).dataset.name + '=' + (e as HTMLElement).dataset.status),
        )
    ).sort();
    const now = await virtualNow(page);
    await page.getByTestId('share').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toContain('#s=1.');
    const other = await context.newPage();
    await openStudio(other, url.slice(url.indexOf('/', 8)));
    await expect(other.getByTestId('notice')).toContainText('4 command(s)');
    expect(await virtualNow(other)).toBe(now);
    const otherNames = (
      await other
        .locator('[data-testid=pod][data-name^=web-]')
        .evaluateAll((els) =>
          els.map((e) => (e as HTMLElement).dataset.name + '=' + (e as HTMLElement).dataset.status),
        )
    ).sort();
    expect(otherNames).toEqual(names);
    const hash = url.slice(url.indexOf('#'));
    const tampered = hash.slice(0, -12) + (hash.at(-12) === 'A' ? 'B' : 'A') + hash.slice(-11);
    const third = await context.newPage();
    await openStudio(third, '/' + tampered);
    await expect(third.getByTestId('notice')).toContainText('damaged');
    const truncated = await context.newPage();
    await openStudio(truncated, '/' + hash.slice(0, hash.length - 30));
    await expect(truncated.getByTestId('notice')).toContainText('damaged');
    await truncated.screenshot({ path: `${SHOTS}/share-damaged.png` });
  });

  test('timeline: scrub back to an earlier moment and forward again', async ({ page }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    const t1 = await virtualNow(page);
    await run(page, 'kubectl scale deployment web --replicas=5');
    await run(page, 'sim advance 20s');
    await expect
      .poll(async () => (await podStatuses(page, 'web-')).filter((s) => s === 'Running').length)
      .toBe(5);
    // back to just after the first 20 s: two pods
    await page.evaluate(
      (t) =>
        (window as unknown as { __kubelab: { host: { scrubTo(t: number): void } } }).__kubelab.host.scrubTo(
          t,
        ),
      t1 - 100,
    );
    await expect.poll(async () => (await podStatuses(page, 'web-')).length).toBe(2);
    await expect(page.getByTestId('replaying')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/timeline-back.png` });
    // the scrubber itself moves time too
    const slider = page.getByTestId('scrubber');
    await slider.focus();
    await page.keyboard.press('End');
    await expect
      .poll(async () => (await podStatuses(page, 'web-')).filter((s) => s === 'Running').length)
      .toBe(5);
    await expect(page.getByTestId('replaying')).toHaveCount(0);
  });

  test('Docker view: docker build twice shows cache hits; docker run lights its five steps', async ({
    page,
  }) => {
    await openStudio(page);
    await page.evaluate(() => {
      const st = (
        window as unknown as {
          __kubelab: {
            store: { getState(): { setFiles(f: { name: string; content: string }[], a?: string): void } };
          };
        }
      ).__kubelab.store.getState();
      st.setFiles(
        [
          {
            name: 'Dockerfile',
            content:
              'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app.sh /app.sh\nCMD ["sh", "/app.sh"]\n',
          },
          { name: 'app.sh', content: 'echo hello\n' },
        ],
        'Dockerfile',
      );
    });
    const first = await run(page, 'docker build -t app:v1 .');
    expect(first).not.toContain('CACHED');
    await page.getByTestId('view-docker').click();
    await expect(page.getByTestId('docker-view')).toBeVisible();
    await expect(page.getByTestId('build-steps').locator('li[data-cached=true]')).toHaveCount(0);
    const second = await run(page, 'docker build -t app:v2 .');
    expect(second).toContain('CACHED');
    await expect
      .poll(() => page.getByTestId('build-steps').locator('li[data-cached=true]').count())
      .toBeGreaterThan(1);
    await run(page, 'docker run -d --name web nginx');
    await expect(page.getByTestId('run-steps').locator('li[data-state=done]')).toHaveCount(5);
    await expect(page.getByTestId('dcontainer')).toHaveCount(1);
    // shared layers: app:v1 and app:v2 share their base layers
    await expect(page.locator('[data-testid=image] .layer.shared').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/docker.png` });
  });
});
