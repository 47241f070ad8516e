/**
 * Screenshots of the studio's first screen as it starts, for a human look at the start order (nothing may flash,
 * shift or be missing): for each size and language a fresh context, a shot every STEP_MS from navigation until
 * the editor shows (a filmstrip), and the settled first screen.
 * `npx tsx scripts/startShots.ts [DIST=dist] [PORT=5302] [OUT=test-results/start-shots]`
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { startPreview } from './preview';

const [dist = 'dist', port = '5302', out = 'test-results/start-shots'] = process.argv.slice(2);
const STEP_MS = 150;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
mkdirSync(out, { recursive: true });
const { url, stop } = await startPreview(dist, port);
try {
  const browser = await chromium.launch(chromiumLaunchOptions);
  for (const size of SIZES)
    for (const lang of ['en', 'zh'] as const) {
      const ctx = await browser.newContext({ viewport: size });
      const p = await ctx.newPage();
      await p.addInitScript((l) => localStorage.setItem('kubelab.lang', l), lang);
      await p.goto(url, { waitUntil: 'commit' });
      const t0 = Date.now();
      for (let i = 0; Date.now() - t0 < 8000; i++) {
        const at = Date.now() - t0;
        if (size.width === 1366)
          await p.screenshot({ path: `${out}/strip-${lang}-${String(at).padStart(5, '0')}.png` });
        const editor = await p.locator('.monaco-editor .view-line').count();
        if (editor > 0) break;
        await new Promise((r) => setTimeout(r, STEP_MS));
      }
      await p.waitForTimeout(1500);
      await p.screenshot({ path: `${out}/first-${size.width}-${lang}.png` });
      await ctx.close();
    }
  await browser.close();
} finally {
  stop();
}
