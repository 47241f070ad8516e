import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lessons/load';
import { COURSE_MODULE, courseFiles, coursePlugin } from './coursePlugin';

const root = join(import.meta.dirname, '..', '..');

describe('coursePlugin', () => {
  it('finds every lesson file under the keys the browser glob used', () => {
    const files = courseFiles(root);
    const keys = Object.keys(files);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.every((k) => k.startsWith('/lessons/') && /\.(yaml|md)$/.test(k))).toBe(true);
    expect(keys).toContain('/lessons/glossary.yaml');
  });

  it('ships the loader result as JSON that reads back deep-equal', async () => {
    const plugin = coursePlugin();
    const resolveId = (plugin.resolveId as { handler: (id: string) => string | undefined }).handler;
    const load = (
      plugin.load as {
        handler: (this: { addWatchFile(f: string): void }, id: string) => Promise<string | undefined>;
      }
    ).handler;
    const id = resolveId(COURSE_MODULE)!;
    expect(id).toBeTruthy();
    const watched: string[] = [];
    (plugin.configResolved as (c: { root: string }) => void)({ root });
    const code = (await load.call({ addWatchFile: (f) => watched.push(f) }, id))!;
    const m = /^export default JSON\.parse\((".*")\);\n$/s.exec(code);
    expect(m).not.toBeNull();
    const shipped: unknown = JSON.parse(JSON.parse(m![1]!) as string);
    const direct = loadCourse(courseFiles(root));
    expect(direct.issues).toEqual([]);
    expect(isDeepStrictEqual(shipped, direct)).toBe(true);
    // every lesson file and the loader's own modules
    expect(watched.length).toBeGreaterThan(Object.keys(courseFiles(root)).length);
    expect(watched.some((f) => f.replace(/\\/g, '/').endsWith('src/lessons/schema/reader.ts'))).toBe(true);
  });
});
