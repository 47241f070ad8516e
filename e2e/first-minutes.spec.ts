/**
 * The first ten minutes of a newcomer (issue 13): time moves, nothing is lost, kubectl's tables fit, the
 * keyboard gets out of the terminal, a projector can read it.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, setEditorText, SHOTS, terminalText, virtualNow } from './helpers';

const textarea = (page: Page) => page.getByTestId('terminal').locator('.xterm-helper-textarea');

/** The terminal's rows as xterm holds them (a soft-wrapped row is marked), and its size. */
async function termRows(
  page: Page,
): Promise<{ cols: number; fontSize: number; rows: { text: string; wrapped: boolean }[] }> {
  return page.evaluate(() => {
    type Line = { isWrapped: boolean; translateToString(trim: boolean): string };
    const t = (
      window as unknown as {
        __kubelabTerm: {
          term: {
            cols: number;
            options: { fontSize?: number };
            buffer: { active: { length: number; getLine(i: number): Line | undefined } };
          };
        };
      }
    ).__kubelabTerm.term;
    const b = t.buffer.active;
    const rows: { text: string; wrapped: boolean }[] = [];
    for (let i = 0; i < b.length; i++) {
      const l = b.getLine(i);
      if (l) rows.push({ text: l.translateToString(true), wrapped: l.isWrapped });
    }
    return { cols: t.cols, fontSize: t.options.fontSize ?? 0, rows };
  });
}

/** Every row of a table printed after `marker` sits on one terminal row (none continues on the next). */
async function tableFits(
  page: Page,
  header: RegExp,
): Promise<{ header: string; cols: number; wrapped: number }> {
  const { cols, rows } = await termRows(page);
  let at = -1;
  for (let i = rows.length - 1; i >= 0; i--)
    if (header.test(rows[i]!.text)) {
      at = i;
      break;
    }
  expect(at, 'header row found').toBeGreaterThanOrEqual(0);
  let wrapped = 0;
  for (let i = at + 1; i < rows.length && !/^\$/.test(rows[i]!.text); i++) if (rows[i]!.wrapped) wrapped++;
  return { header: rows[at]!.text, cols, wrapped };
}

test.describe('the first ten minutes', () => {
  test('time moves without touching a control; pausing is a visible choice', async ({ page }) => {
    await openStudio(page, '/', { clock: 'playing' });
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('speed')).toHaveValue('1');
    await expect(page.getByTestId('paused')).toHaveCount(0);
    const t0 = await virtualNow(page);
    await expect.poll(() => virtualNow(page), { timeout: 5000 }).toBeGreaterThan(t0 + 1000);
    // a Deployment created now runs without any `sim advance`
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await expect
      .poll(async () => (await run(page, 'kubectl get pods')).match(/Running/g)?.length ?? 0, {
        timeout: 30_000,
      })
      .toBe(2);
    // the slow speeds are there for watching the control plane
    await expect(page.getByTestId('speed').locator('option')).toContainText(['0.25×', '0.5×', '1×']);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('paused')).toBeVisible();
    const stopped = await virtualNow(page);
    await page.waitForTimeout(400);
    expect(await virtualNow(page)).toBe(stopped);
  });

  test('a paused clock while a goal waits: the lesson says so, one click plays', async ({ page }) => {
    await openStudio(page, '/#lesson=12-deployments');
    await expect(page.getByTestId('paused')).toBeVisible();
    const banner = page.getByTestId('paused-goal');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('sim advance');
    await banner.getByTestId('paused-goal-play').click();
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
    await expect(banner).toHaveCount(0);
  });

  test('kubectl get pods -o wide and docker ps fit one row per line at 1366×768', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 30s');
    await run(page, 'kubectl get pods -o wide');
    const wide = await tableFits(page, /^NAME\s+READY\s+STATUS/);
    expect(wide.cols).toBeGreaterThanOrEqual(110);
    expect(wide.header).toMatch(/READINESS GATES$/);
    expect(wide.wrapped).toBe(0);
    await run(page, 'docker run -d --name web nginx');
    await run(page, 'docker ps');
    const ps = await tableFits(page, /^CONTAINER ID\s+IMAGE/);
    expect(ps.header).toMatch(/NAMES$/);
    expect(ps.wrapped).toBe(0);
    await page.screenshot({ path: `${SHOTS}/wide-1366.png` });
  });

  test('reload keeps the Deployment, the terminal history and the editor tabs', async ({ page }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment keep --image=nginx --replicas=3');
    await run(page, 'sim advance 20s');
    await page.getByTestId('new-file').click();
    await expect(page.getByTestId('tab-file-1.yaml')).toBeVisible();
    // the session is written at most once a second and when the page goes away
    await page.waitForTimeout(1200);
    await page.reload();
    await expect(page.getByTestId('cluster-diagram')).toBeVisible();
    await expect(textarea(page)).toBeAttached();
    await expect(page.locator('[data-testid=pod][data-name^="keep-"]')).toHaveCount(3);
    await expect(page.getByTestId('tab-file-1.yaml')).toBeVisible();
    const out = await run(page, 'kubectl get deploy keep');
    expect(out).toMatch(/keep\s+3\/3/);
    // ↑ recalls the last command typed before the reload (the get just now, then the one before)
    await textarea(page).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __kubelabTerm: { editor: { buffer: string } } }).__kubelabTerm.editor
              .buffer,
        ),
      )
      .toBe('sim advance 20s');
  });

  test('Esc then Tab leaves the terminal; Tab alone still completes', async ({ page }) => {
    await openStudio(page);
    await expect.poll(() => terminalText(page)).toContain('Esc then Tab leaves the terminal');
    await textarea(page).focus();
    await page.keyboard.type('kubectl ge');
    await page.keyboard.press('Tab');
    await expect.poll(() => terminalText(page)).toContain('kubectl get');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.xterm'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.xterm'))).toBe(false);
    await textarea(page).focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.xterm'))).toBe(false);
  });

  test('scrub back, then a read-only command keeps the later work; a change can be undone', async ({
    page,
  }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    const t1 = await virtualNow(page);
    await run(page, 'kubectl scale deployment web --replicas=4');
    await run(page, 'sim advance 20s');
    await page.evaluate(
      (t) =>
        (window as unknown as { __kubelab: { host: { scrubTo(t: number): void } } }).__kubelab.host.scrubTo(
          t,
        ),
      t1 - 100,
    );
    await expect(page.getByTestId('replaying')).toBeVisible();
    await run(page, 'kubectl get deploy');
    await expect(page.getByTestId('replaying')).toBeVisible();
    await expect(page.getByTestId('notice')).toHaveCount(0);
    // back to the end: the scale is still there
    await page.getByTestId('to-live').click();
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(4);
    // a change after a scrub back sets the later commands aside, says how many, and Undo brings them back
    await page.evaluate(
      (t) =>
        (window as unknown as { __kubelab: { host: { scrubTo(t: number): void } } }).__kubelab.host.scrubTo(
          t,
        ),
      t1 - 100,
    );
    await run(page, 'kubectl scale deployment web --replicas=3');
    await expect(page.getByTestId('notice')).toContainText('2 later commands were set aside');
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('notice')).toContainText('2 commands are back');
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(4);
  });

  test('Reset asks first with the count, and can be undone', async ({ page }) => {
    await openStudio(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'sim advance 20s');
    await page.getByTestId('reset').click();
    const ask = page.getByTestId('reset-confirm');
    await expect(ask).toContainText('2 commands go');
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(2);
    await page.getByTestId('reset').click();
    await page.getByTestId('reset-yes').click();
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(0);
    await expect(page.getByTestId('notice')).toContainText('2 commands were set aside');
    await page.getByTestId('undo').click();
    await expect(page.locator('[data-testid=pod][data-name^="web-"]')).toHaveCount(2);
  });

  test('maximise the terminal, larger text with Ctrl+=, the event log collapsed until asked', async ({
    page,
  }) => {
    await openStudio(page);
    await expect(page.getByTestId('timeline-list')).toHaveCount(0);
    const before = await termRows(page);
    await page.getByTestId('maximize-terminal').click();
    await expect(page.getByTestId('maximize-terminal')).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(async () => (await page.locator('#terminal-pane').boundingBox())!.height)
      .toBeGreaterThan(500);
    await page.getByTestId('maximize-terminal').click();
    await textarea(page).focus();
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    await expect.poll(async () => (await termRows(page)).fontSize).toBe(before.fontSize + 2);
    await page.keyboard.press('Control+-');
    await expect.poll(async () => (await termRows(page)).fontSize).toBe(before.fontSize + 1);
    // the event log: one list, moved through with the arrow keys; no flood of store rows at 00:00
    await run(page, 'kubectl create deployment web --image=nginx');
    await page.getByTestId('event-log-toggle').click();
    const list = page.getByTestId('timeline-list');
    await expect(list).toBeVisible();
    await expect(list).toHaveAttribute('role', 'listbox');
    expect(await list.locator('li').allTextContents()).not.toContainEqual(expect.stringMatching(/persist/));
    await list.focus();
    const first = await list.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    await expect(list).not.toHaveAttribute('aria-activedescendant', first!);
    await expect(list.locator('li[aria-selected=true]')).toHaveCount(1);
    // one Tab stop for the whole list
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role=listbox]'))).toBeNull();
  });

  test('presenter view on a projector: Play is there, the terminal is large and wide', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openStudio(page, '/#lesson=12-deployments&step=rollout&seed=7&present=1');
    await expect(page.getByTestId('play')).toBeVisible();
    await expect(page.getByTestId('clock')).toBeVisible();
    // the presenter size applies once the terminal has measured its pane: wait for it rather than read once
    await expect.poll(async () => (await termRows(page)).fontSize).toBeGreaterThanOrEqual(18);
    const t = await termRows(page);
    expect(t.cols).toBeGreaterThanOrEqual(100);
    await page.screenshot({ path: `${SHOTS}/presenter-1920.png` });
  });
});

test('every pod of a 24-pod Deployment can be reached by name', async ({ page }) => {
  await openStudio(page);
  await run(page, 'kubectl create deployment big --image=nginx --replicas=24');
  await run(page, 'sim advance 30s');
  const names = await page.evaluate(() =>
    (
      window as unknown as {
        __kubelab: { host: { cluster: { api: { list(k: string): { metadata: { name: string } }[] } } } };
      }
    ).__kubelab.host.cluster.api
      .list('Pod')
      .map((p) => p.metadata.name)
      .filter((n) => n.startsWith('big-')),
  );
  expect(names).toHaveLength(24);
  // more than 12 pods on a node: it folds into counts, and says how to open it
  const folded = page.locator('[data-testid=node]:has([data-testid=pod-counts])');
  await expect(folded.first()).toBeVisible();
  await expect(folded.first()).toContainText('click (or zoom in) to see each pod');
  while ((await folded.count()) > 0) await folded.first().click();
  for (const n of names) await expect(page.locator(`[data-testid=pod][data-name="${n}"]`)).toHaveCount(1);
  // the full name shows on hover (the card is cut to its width otherwise)
  const card = page.locator(`[data-testid=pod][data-name="${names[0]}"]`);
  await card.hover();
  const nameBox = card.locator('.pod-name');
  expect(await nameBox.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/pods-24.png` });
});

test('in Chinese the shell answers in Chinese; kubectl output stays as kubectl prints it', async ({
  page,
}) => {
  await openStudio(page);
  await page.getByTestId('lang').selectOption('zh');
  // the welcome follows the switch (nothing was typed yet)
  await expect.poll(() => terminalText(page)).toContain('先按 Esc 再按 Tab 可离开终端');
  const nf = await run(page, 'kubctl get pods');
  expect(nf).toContain('kubctl：找不到命令');
  expect(nf).toContain('输入 help 查看更多。');
  const help = await run(page, 'help');
  expect(help).toContain('命令：');
  expect(help).toContain('列出可用命令');
  expect(await run(page, 'kubectl get nodes')).toMatch(/NAME\s+STATUS\s+ROLES/);
  // our own texts around the terminal are Chinese too
  await expect(page.locator('#terminal-pane .pane-hint')).toHaveText('Esc、Tab：离开');
});

test('lesson flow: a quiz Back returns to the step, Next lesson follows a graded quiz, views open at the top', async ({
  page,
}) => {
  await openStudio(page, '/#lesson=07-what-is-kubernetes&step=first-workload');
  const pane = page.locator('.lesson-pane');
  await expect(pane.locator('.step-count')).toHaveText('Step 3 of 4');
  const body = pane.locator('.lesson-body');
  await body.evaluate((e) => e.scrollTo({ top: 10_000 }));
  await pane.getByRole('button', { name: 'Quiz', exact: true }).click();
  await expect(pane.locator('.quiz')).toBeVisible();
  expect(await body.evaluate((e) => e.scrollTop)).toBe(0);
  await pane.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(pane.locator('.step-count')).toHaveText('Step 3 of 4');
  await pane.getByRole('button', { name: 'Quiz', exact: true }).click();
  await pane.getByRole('button', { name: 'Submit' }).click();
  await pane.getByTestId('next-lesson').click();
  await expect(pane.locator('.step-count')).toHaveText(/^Step 1 of/);
  await expect(pane.locator('.lesson-name')).not.toHaveText('What Kubernetes is');
});

test("the inspector scales a pod's Deployment from its live count, and closes in the Docker view", async ({
  page,
}) => {
  await openStudio(page);
  await run(page, 'kubectl create deployment web --image=nginx --replicas=4');
  await run(page, 'sim advance 20s');
  await page.locator('[data-testid=pod][data-name^=web-]').first().click();
  const insp = page.getByTestId('inspector');
  await expect(insp).toContainText('Replicas for deployment/web');
  await expect(insp.getByTestId('scale-count')).toHaveValue('4');
  await page.getByTestId('view-docker').click();
  await expect(insp).toHaveCount(0);
});

test('editor diagnostics sit on the line of the mistake, in plain words', async ({ page }) => {
  await openStudio(page);
  const deploy = (image: string, ports: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n${image}\n${ports}\n        - containerPort: 80\n`;
  await setEditorText(page, deploy('        image: nginx:1.14.2', '         ports:'));
  await page.getByTestId('apply').click();
  const list = page.getByTestId('problem-list');
  await expect(list.locator('li')).toHaveCount(1);
  await expect(list.locator('.line')).toHaveText('L17');
  await expect(list).toContainText('Indentation: this line does not line up with the keys above it.');
  await setEditorText(page, deploy('        imagee: nginx:1.14.2', '        ports:'));
  await page.getByTestId('apply').click();
  await expect(list).toContainText('unknown field');
  await expect(list.locator('.line').first()).toHaveText('L16');
});

test('a cluster question grades only after its own preparation, not what the lesson left', async ({
  page,
}) => {
  await openStudio(page, '/#lesson=07-what-is-kubernetes&step=production');
  await run(page, 'sim node add worker-3');
  await run(page, 'sim advance 15s');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: 'Quiz', exact: true }).click();
  await pane.getByRole('button', { name: 'Submit' }).click();
  // three Ready workers exist, but from the lesson: the question was not prepared, so it is not answered
  await expect(pane.locator('.question.q-cluster')).toHaveClass(/is-wrong/);
});

test('matching questions fit a narrow lesson pane; Chinese feedback uses Chinese punctuation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openStudio(page, '/#lesson=02-what-is-a-container');
  await page.getByTestId('lang').selectOption('zh');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: '测验', exact: true }).click();
  const match = pane.locator('.question.q-match').first();
  await expect(match).toBeVisible();
  const paneBox = (await page.locator('#lesson-pane').boundingBox())!;
  for (const sel of await match.locator('select').all()) {
    const b = (await sel.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(paneBox.x + paneBox.width + 1);
  }
  // a prompt keeps its line: not two characters a line
  const th = match.locator('th').first();
  expect((await th.boundingBox())!.width).toBeGreaterThan(paneBox.width * 0.6);
  await pane.getByRole('button', { name: '提交答案' }).click();
  await expect(match.locator('.explain').first()).toContainText('正确答案：');
  expect(await match.locator('.explain').first().textContent()).not.toMatch(/: |\. /);
});
