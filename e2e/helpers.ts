import { expect, type Page } from '@playwright/test';

export const SHOTS = process.env.SHOTS_DIR ?? 'test-results/shots';

/**
 * Opens the studio fresh (no saved files or language) and waits for the simulation to run. The clock plays
 * from the first load; tests that count virtual time exactly start it paused, as a learner who paused before
 * (`clock: 'playing'` opens it as a newcomer sees it).
 */
export async function openStudio(
  page: Page,
  path = '/',
  opts: { keepStorage?: boolean; clock?: 'paused' | 'playing' } = {},
): Promise<void> {
  if (!opts.keepStorage)
    await page.addInitScript((paused) => {
      if (!sessionStorage.getItem('kubelab.e2e')) {
        localStorage.clear();
        localStorage.setItem('kubelab.lang', 'en');
        if (paused)
          localStorage.setItem(
            'kubelab.session',
            JSON.stringify({ seed: 1, commands: [], time: 0, history: [], playing: false, speed: 1 }),
          );
        sessionStorage.setItem('kubelab.e2e', '1');
      }
    }, opts.clock !== 'playing');
  await page.goto(path);
  await expect(page.getByTestId('cluster-diagram')).toBeVisible();
  await expect(page.getByTestId('terminal').locator('.xterm-helper-textarea')).toBeAttached();
}

/** Types a command line into the terminal (as a learner would) and waits for the next prompt. */
export async function run(page: Page, line: string): Promise<string> {
  const before = await terminalText(page);
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  // done when a fresh prompt follows the command's output
  await expect
    .poll(async () => {
      const after = (await terminalText(page)).slice(before.length);
      return after.includes(line.slice(0, 20)) && /\n\$\s*$/.test(after);
    })
    .toBe(true);
  return (await terminalText(page)).slice(before.length);
}

/** The terminal's text (xterm buffer), lines joined. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Line = { isWrapped: boolean; translateToString(trim: boolean): string };
    const t = (
      window as unknown as {
        __kubelabTerm?: {
          term: { buffer: { active: { length: number; getLine(i: number): Line | undefined } } };
        };
      }
    ).__kubelabTerm;
    if (!t) return '';
    const b = t.term.buffer.active;
    const out: string[] = [];
    // soft-wrapped rows belong to the line above
    for (let i = 0; i < b.length; i++) {
      const l = b.getLine(i);
      if (!l) continue;
      if (l.isWrapped && out.length) out[out.length - 1] += l.translateToString(true);
      else out.push(l.translateToString(true));
    }
    return out.join('\n').trimEnd();
  });
}

export async function podStatuses(page: Page, prefix: string): Promise<string[]> {
  return page
    .locator(`[data-testid=pod][data-name^="${prefix}"]`)
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
}

/** Replaces the active editor file's text through Monaco's model. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await page.evaluate((t) => {
    const m = (
      window as unknown as { __kubelabMonaco: { editor: { getModel(): { setValue(v: string): void } } } }
    ).__kubelabMonaco;
    m.editor.getModel().setValue(t);
  }, text);
}

export async function virtualNow(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __kubelab: { host: { cluster: { now: number } } } }).__kubelab.host.cluster.now,
  );
}
