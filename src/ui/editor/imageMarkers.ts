/**
 * Editor warnings for container images beyond Kubelab's catalogue: every `image:` of a container (containers,
 * initContainers, ephemeralContainers, at any depth: pods, templates, CronJob job templates) whose reference
 * names a repository the catalogue lacks, a tag it never published, or no valid reference. The lookup is the
 * runtime's own (`catalogStatus`, passed in: the catalogue lives in the simulation's chunk), so the editor and a
 * pull always agree.
 */
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { CatalogStatus } from '../../sim/runtime/catalog';
import type { Problem } from './yamlMarkers';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** A message key (`editor.image.*`) and its values, for the caller to put in the learner's language. */
export type Say = (key: string, values: Record<string, string>) => string;

/** The editor's key for an image's standing, or none when it pulls here. */
function keyFor(s: CatalogStatus): string | undefined {
  if (s.kind === 'unknown-tag') return 'editor.image.unknownTag';
  if (s.kind === 'unknown-repo') return 'editor.image.unknownRepo';
  if (s.kind === 'invalid') return 'editor.image.invalid';
  return undefined;
}

/** Warnings on the `image:` lines whose image will not pull in the simulation. */
export function imageProblems(text: string, status: (image: string) => CatalogStatus, say: Say): Problem[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const out: Problem[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs])
    visit(doc, {
      Pair(_k, pair, path) {
        if (!isScalar(pair.key) || pair.key.value !== 'image' || !isScalar(pair.value)) return;
        // the pair sits in a container map, an item of a `containers:`-like sequence
        const seq = path.at(-2);
        const list = path.at(-3);
        if (
          !isSeq(seq) ||
          !isPair(list) ||
          !isScalar(list.key) ||
          !CONTAINER_LISTS.has(String(list.key.value))
        )
          return;
        if (!isMap(path.at(-1))) return;
        const image = String(pair.value.value ?? '');
        if (!image) return;
        const s = status(image);
        const key = keyFor(s);
        const range = pair.value.range;
        if (!key || !range) return;
        const a = lc.linePos(range[0]);
        const b = lc.linePos(range[1]);
        const repo = 'repo' in s ? s.repo.replace(/^docker\.io\/(library\/)?/, '') : '';
        const tag = 'tag' in s ? s.tag : '';
        const message = say(key, { image, repo, tag, message: s.kind === 'invalid' ? s.message : '' });
        out.push({ line: a.line, col: a.col, endLine: b.line, endCol: b.col, message, severity: 'warning' });
      },
    });
  return out;
}
