import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVersion, fillServiceWorker, siteFiles } from './swPlugin';

const template = readFileSync(join(import.meta.dirname, '..', '..', 'public', 'sw.js'), 'utf8');

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-sw-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('the service worker of a build', () => {
  it('lists every file of the site but itself, and writes them into public/sw.js with the version', () => {
    const dir = site({
      'index.html': '<html>',
      'sw.js': template,
      'assets/a-1.js': 'a',
      'assets/b-2.css': 'b',
    });
    const files = siteFiles(dir);
    expect(files).toEqual(['assets/a-1.js', 'assets/b-2.css', 'index.html']);
    const sw = fillServiceWorker(template, files, 'abc123');
    expect(sw).toContain(`const VERSION = 'abc123';`);
    expect(sw).toContain(`const PRECACHE = ["./assets/a-1.js","./assets/b-2.css","./index.html"];`);
    expect(sw).not.toContain(`const PRECACHE = [];`);
  });

  it('gives another version when a chunk or index.html changes, the same one for the same build', () => {
    const a = site({ 'index.html': '<html>1', 'assets/a-1.js': 'a' });
    const b = site({ 'index.html': '<html>1', 'assets/a-1.js': 'a' });
    const c = site({ 'index.html': '<html>1', 'assets/a-2.js': 'a' });
    const d = site({ 'index.html': '<html>2', 'assets/a-1.js': 'a' });
    const v = (dir: string) => buildVersion(dir, siteFiles(dir));
    expect(v(a)).toBe(v(b));
    expect(v(c)).not.toBe(v(a));
    expect(v(d)).not.toBe(v(a));
  });

  it('refuses a template whose lines to fill are gone', () => {
    expect(() => fillServiceWorker('const CACHE = 1;', [], 'x')).toThrow(/VERSION \/ PRECACHE/);
  });
});
