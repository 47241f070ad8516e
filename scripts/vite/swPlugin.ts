/**
 * Writes the build's precache list and version into dist/sw.js (public/sw.js holds `const VERSION = 'dev';` and
 * `const PRECACHE = [];`). The version is a hash of every file name in the build and of index.html, so any change
 * of the app is a new service worker (the browser compares sw.js byte for byte) with a cache of its own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Every file of the built site (forward slashes, relative to the out dir), sw.js itself left out. */
export function siteFiles(outDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!name.startsWith('.')) walk(p);
      } else out.push(relative(outDir, p).replace(/\\/g, '/'));
    }
  };
  walk(outDir);
  return out.filter((f) => f !== 'sw.js' && !f.endsWith('.map'));
}

/** public/sw.js with this build's version and precache list written in. */
export function fillServiceWorker(template: string, files: string[], version: string): string {
  const withVersion = template.replace(/^const VERSION = '[^']*';$/m, `const VERSION = '${version}';`);
  const filled = withVersion.replace(
    /^const PRECACHE = \[\];$/m,
    `const PRECACHE = ${JSON.stringify(files.map((f) => `./${f}`))};`,
  );
  if (filled === withVersion || withVersion === template)
    throw new Error('sw.js: the VERSION / PRECACHE lines to fill were not found');
  return filled;
}

export function buildVersion(outDir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f + '\n');
  // index.html and the public files keep their names from build to build: their bytes count
  for (const f of files) if (!f.startsWith('assets/')) h.update(readFileSync(join(outDir, f)));
  return h.digest('hex').slice(0, 12);
}

export function swPlugin(): Plugin {
  let dir = '';
  return {
    name: 'kubelab-service-worker',
    apply: 'build',
    configResolved(c) {
      dir = resolve(c.root, c.build.outDir);
    },
    // after Vite wrote the bundle and copied public/ (closeBundle: every file is on disk)
    closeBundle: {
      order: 'post',
      handler() {
        const sw = join(dir, 'sw.js');
        if (!existsSync(sw)) return;
        const files = siteFiles(dir);
        writeFileSync(sw, fillServiceWorker(readFileSync(sw, 'utf8'), files, buildVersion(dir, files)));
      },
    },
  };
}
