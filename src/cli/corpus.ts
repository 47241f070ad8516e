/**
 * The transcript corpus: behaviour that must stay byte for byte through refactors. Every lesson's full solution
 * (and each cluster challenge), the shell's fixture scripts, the fuzz seeds and a mixed script of everyday
 * kubectl / docker / sim use, each run headless and ended by a look at the whole cluster.
 *
 *   npx tsx src/cli/corpus.ts --write     rewrites src/cli/corpus/golden/ (only for an intended behaviour change)
 *
 * `corpus.test.ts` replays it and compares with the committed transcripts.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../lessons/load';
import { challengeStartScript, stepStartScript } from '../lessons/replay';
import { runScript } from '../shell/session';
import { memoryFs } from '../shell/memoryFs';
import { fuzzRun } from '../shell/testing/fuzz';

const here = resolve(fileURLToPath(import.meta.url), '..');
export const root = resolve(here, '../..');
export const goldenDir = join(here, 'corpus', 'golden');

/** What every corpus script ends with: the whole cluster, the events and the Docker host. */
export const LOOK = [
  'kubectl get all -A -o wide',
  'kubectl get events -A',
  'kubectl get nodes -o wide',
  'docker ps -a',
  'docker images',
  'sim time',
].join('\n');

function readTree(dir: string, filter: (name: string) => boolean, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, readTree(p, filter, base));
    else if (filter(name)) out[relative(base, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

/** Every corpus entry's name and a function producing its transcript. */
export function corpusEntries(): { name: string; run: () => string }[] {
  const entries: { name: string; run: () => string }[] = [];
  const course = loadCourse(readTree(join(root, 'lessons'), (n) => /\.(ya?ml|md)$/.test(n))).course;
  for (const lesson of course.lessons) {
    const n = lesson.steps.length;
    const last = lesson.steps[n - 1]?.solution?.trim() ?? '';
    const script = [stepStartScript(lesson, n - 1), last, LOOK].join('\n');
    entries.push({
      name: `lesson-${lesson.id}`,
      run: () => runScript(script, { fs: memoryFs(lesson.files) }).transcript,
    });
    lesson.quiz.forEach((q, i) => {
      if (q.type !== 'cluster') return;
      const s = [challengeStartScript(q), q.solution?.trim() ?? '', LOOK].join('\n');
      entries.push({
        name: `challenge-${lesson.id}-${i + 1}`,
        run: () => runScript(s, { fs: memoryFs(lesson.files) }).transcript,
      });
    });
  }
  for (const dir of ['src/shell/kubectl/fixtures', 'src/shell/docker/fixtures', 'src/cli/corpus/scripts']) {
    const abs = join(root, dir);
    const files = readTree(abs, () => true);
    for (const f of Object.keys(files).filter((f) => f.endsWith('.sh') && !f.includes('/'))) {
      entries.push({
        name: `${dir.split('/').slice(-2).join('-')}-${f.replace(/\.sh$/, '')}`,
        run: () => runScript(`${files[f]!}\n${LOOK}`, { fs: memoryFs(files) }).transcript,
      });
    }
  }
  for (const seed of [1003, ...Array.from({ length: 12 }, (_, i) => 1100 + i)]) {
    entries.push({
      name: `fuzz-${seed}`,
      run: () => {
        const { session, log } = fuzzRun(seed);
        let out = log.map((l) => `# ${l}\n`).join('');
        for (const line of LOOK.split('\n')) out += `$ ${line}\n${session.exec(line).output}`;
        return out;
      },
    });
  }
  return entries;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--write')) {
    console.log('usage: npx tsx src/cli/corpus.ts --write');
    process.exit(2);
  }
  mkdirSync(goldenDir, { recursive: true });
  for (const e of corpusEntries()) writeFileSync(join(goldenDir, `${e.name}.txt`), e.run());
  console.log(`wrote ${corpusEntries().length} transcripts to ${relative(root, goldenDir)}`);
}
