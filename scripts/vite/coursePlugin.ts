/**
 * `virtual:kubelab-course`: the bundled course, loaded by the shared loader when the site is built, shipped as
 * JSON. Parsing every lesson's YAML in the browser took ~0.4 s of the main thread at start (more than the
 * simulation's own start) to show one lesson; `JSON.parse` of the same result takes a few milliseconds. The loader
 * is the same one the browser used (src/lessons/load.ts), and its result is plain data (a JSON round trip is
 * deep-equal: scripts/vite/coursePlugin.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type { loadCourse as LoadCourse } from '../../src/lessons/load';

export const COURSE_MODULE = 'virtual:kubelab-course';
const RESOLVED = '\0' + COURSE_MODULE;

/** Every `lessons/**` YAML and Markdown file, keyed as `import.meta.glob('/lessons/**')` keys them. */
export function courseFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(yaml|md)$/.test(e.name))
        out['/' + relative(root, p).replace(/\\/g, '/')] = readFileSync(p, 'utf8');
    }
  };
  walk(join(root, 'lessons'));
  return out;
}

export function coursePlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'kubelab-course',
    configResolved(c) {
      root = c.root;
    },
    resolveId: {
      filter: { id: new RegExp(`^${COURSE_MODULE}$`) },
      handler: (id) => (id === COURSE_MODULE ? RESOLVED : undefined),
    },
    load: {
      filter: { id: new RegExp(`^\0${COURSE_MODULE}$`) },
      async handler(id) {
        if (id !== RESOLVED) return undefined;
        const files = courseFiles(root);
        // the loader's current source through Vite's module runner (the config itself imports no src/ module)
        const { module, dependencies } = await runnerImport<{ loadCourse: typeof LoadCourse }>(
          join(root, 'src/lessons/load.ts'),
          { configFile: false, root, logLevel: 'silent' },
        );
        // in dev, an edited lesson (or loader) reloads the page with the course loaded again
        for (const f of [...Object.keys(files).map((f) => join(root, f)), ...dependencies])
          this.addWatchFile(f);
        const json = JSON.stringify(module.loadCourse(files));
        return `export default JSON.parse(${JSON.stringify(json)});\n`;
      },
    },
  };
}
