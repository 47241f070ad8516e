/**
 * Reading `-f` inputs: a file, a folder (its .yaml/.yml/.json files), or `-` (stdin / heredoc); several
 * documents per file; `kind: List` expanded. Parse errors read like kubectl's (`error converting YAML to JSON:
 * yaml: line 7, column 12: mapping values are not allowed in this context`). Inputs over 3 MiB and alias
 * bombs are refused before they cost anything.
 */
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import type { KObject } from '../../sim/api/types';
import { fail, KubectlError } from './errors';
import type { KubectlContext, Parsed } from './verb';

export const MAX_MANIFEST_BYTES = 3 * 1024 * 1024;
const MAX_ALIASES = 100;

export interface ManifestDoc {
  obj: KObject;
  /** The file name as given (`pod.yaml`, `STDIN`). */
  source: string;
}

const GO_YAML_MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'mapping values are not allowed in this context',
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
  MISSING_CHAR: 'found unexpected end of stream',
  TAB_AS_INDENT: 'found character that cannot start any token',
  BAD_SCALAR_START: 'found character that cannot start any token',
  UNEXPECTED_TOKEN: 'did not find expected key',
  BLOCK_IN_FLOW: "did not find expected ',' or ']'",
  RESOURCE_EXHAUSTION: 'document contains excessive aliasing',
  BAD_ALIAS: 'unknown anchor referenced',
};

function goYamlMessage(e: YAMLError): string {
  if (e.code === 'DUPLICATE_KEY') return 'mapping key already defined';
  const known = GO_YAML_MESSAGES[e.code];
  if (known) return known;
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** Parses one manifest text into objects; throws a KubectlError with kubectl's wording. */
export function parseManifest(text: string, source: string): KObject[] {
  if (text.length > MAX_MANIFEST_BYTES) {
    throw new KubectlError(
      `error: error parsing ${source}: the input is ${(text.length / 1048576).toFixed(1)} MiB, larger than the 3 MiB limit for one request`,
    );
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: true, lineCounter, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: KObject[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      let pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') {
        // go-yaml names the line of the ':' that cannot start a mapping here, not where the scalar began.
        const m = /:(?=[ \t\r\n]|$)/.exec(text.slice(e.pos[0]));
        if (m) pos = lineCounter.linePos(e.pos[0] + m.index);
      }
      throw new KubectlError(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${pos.line}, column ${pos.col}: ${goYamlMessage(e)}`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      throw new KubectlError(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`,
      );
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KubectlError(
        `error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : 'string'} into Go value of type map[string]interface {}`,
      );
    }
    const o = value as KObject;
    const items: unknown = (value as { items?: unknown }).items;
    if (o.kind === 'List' && Array.isArray(items)) {
      for (const item of items as KObject[]) out.push(item);
    } else out.push(o);
  }
  for (const o of out) {
    const missing = !o.apiVersion ? 'apiVersion' : !o.kind ? 'kind' : undefined;
    if (missing)
      throw new KubectlError(
        `error: error validating "${source}": error validating data: ${missing} not set; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    if (!o.metadata || typeof o.metadata !== 'object') o.metadata = { name: '' };
  }
  return out;
}

function filesOf(k: KubectlContext, path: string, recursive: boolean): string[] {
  if (k.fs.isDir(path)) {
    const out: string[] = [];
    for (const name of k.fs.list(path)) {
      const child = path.replace(/\/$/, '') + '/' + name;
      if (k.fs.isDir(child)) {
        if (recursive) out.push(...filesOf(k, child, true));
      } else if (/\.(ya?ml|json)$/.test(name)) out.push(child);
    }
    return out;
  }
  return [path];
}

/** Every document named by the `-f` flags. */
export function readManifests(k: KubectlContext, p: Parsed): ManifestDoc[] {
  const sources = p.all.get('filename') ?? [];
  if (!sources.length) fail('must specify one of -f and -k');
  const docs: ManifestDoc[] = [];
  for (const src of sources) {
    if (/^https?:\/\//.test(src))
      fail(`unable to read URL "${src}": URLs are not available in Kubelab; paste the manifest into a file`);
    if (src === '-') {
      const text = k.stdin ?? '';
      for (const obj of parseManifest(text, 'STDIN')) docs.push({ obj, source: 'STDIN' });
      continue;
    }
    if (k.fs.read(src) === undefined && !k.fs.isDir(src)) fail(`the path "${src}" does not exist`);
    for (const file of filesOf(k, src, p.flags.get('recursive') === 'true')) {
      const text = k.fs.read(file);
      if (text === undefined) fail(`the path "${file}" does not exist`);
      for (const obj of parseManifest(text, file)) docs.push({ obj, source: file });
    }
  }
  if (!docs.length) fail('no objects passed to apply');
  return docs;
}
