/**
 * `-o yaml|json|name|jsonpath=…|custom-columns=…`: serializations as kubectl prints them (keys sorted like Go
 * maps, yaml sequences not indented, YAML 1.1 quoting of `"80"`, `"yes"` and timestamps).
 */
import { Document } from 'yaml';
import type { KObject } from '../../../sim/api/types';
import { fail } from '../errors';
import { table } from '../tabwriter';
import { evalTemplate, JsonPathError, parseTemplate, pathValues, showJsonPathValue } from './jsonpath';

export type OutputFormat =
  | { type: 'table'; wide: boolean }
  | { type: 'yaml' }
  | { type: 'json' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string }
  | { type: 'custom-columns'; spec: string };

export const OUTPUT_CHOICES =
  '(json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)';

/** Parses `-o`; `allowTable` false for commands whose only outputs are serializations (create, apply…). */
export function parseOutput(value: string | undefined, allowWide = true): OutputFormat {
  if (value === undefined || value === '') return { type: 'table', wide: false };
  if (value === 'wide' && allowWide) return { type: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { type: value };
  const eq = value.indexOf('=');
  const head = eq >= 0 ? value.slice(0, eq) : value;
  const arg = eq >= 0 ? value.slice(eq + 1) : '';
  if (head === 'jsonpath' || head === 'jsonpath-as-json') {
    if (!arg) fail('template format specified but no template given');
    return { type: 'jsonpath', template: arg };
  }
  if (head === 'custom-columns') {
    if (!arg) fail('custom-columns format specified but no custom columns given');
    return { type: 'custom-columns', spec: arg };
  }
  fail(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowedFormats(allowWide)}`,
  );
}

function allowedFormats(wide: boolean): string {
  const f = [
    'custom-columns',
    'custom-columns-file',
    'go-template',
    'go-template-file',
    'json',
    'jsonpath',
    'jsonpath-as-json',
    'jsonpath-file',
    'name',
    'template',
    'templatefile',
    'yaml',
  ];
  return (wide ? [...f, 'wide'] : f).join(',');
}

/** Deep copy with object keys sorted (Go map order). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function toYaml(v: unknown): string {
  const doc = new Document(sortKeys(v), { version: '1.1' });
  return doc.toString({ indentSeq: false, lineWidth: 0 });
}

export function toJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), null, 4) + '\n';
}

/** A `List` wrapper as `kubectl get -o yaml` prints for several objects. */
export function asList(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Prints objects in a serialization format; `single` prints the object itself rather than a List. */
export function printObjects(
  objs: KObject[],
  fmt: OutputFormat,
  nameOf: (o: KObject) => string,
  single: boolean,
): string {
  const root = single && objs.length === 1 ? objs[0]! : asList(objs);
  switch (fmt.type) {
    case 'yaml':
      return toYaml(root);
    case 'json':
      return toJson(root);
    case 'name':
      return objs.map((o) => nameOf(o) + '\n').join('');
    case 'jsonpath':
      try {
        return evalTemplate(parseTemplate(fmt.template), root);
      } catch (e) {
        if (e instanceof JsonPathError) fail(`error parsing jsonpath ${fmt.template}, ${e.message}`);
        throw e;
      }
    case 'custom-columns':
      return customColumns(objs, fmt.spec);
    default:
      return '';
  }
}

/** `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image` */
export function customColumns(objs: KObject[], spec: string): string {
  const cols = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: part.slice(i + 1) };
  });
  const rows = [cols.map((c) => c.header)];
  for (const o of objs) {
    rows.push(
      cols.map((c) => {
        const vals = pathValues(c.path, o);
        return vals.length ? vals.map(showJsonPathValue).join(',') : '<none>';
      }),
    );
  }
  return table(rows);
}
