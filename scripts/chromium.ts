/**
 * How the project launches Chromium (e2e tests and the UI benchmark): Playwright cannot download its browsers
 * here, so Debian's Chromium is used (CHROMIUM_PATH overrides), with the flags that keep it quiet and headless.
 */
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumLaunchOptions: { executablePath?: string; args: string[] } = (() => {
  const executablePath = candidates.find((p): p is string => !!p && existsSync(p));
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  };
})();
