/**
 * `-o yaml|json|name|jsonpath=…|custom-columns=…`: serializations as kubectl prints them (keys sorted like Go
 * maps, yaml sequences not indented, YAML 1.1 quoting of `"80"`, `"yes"` and timestamps).
 */
import { Document, visit } from 'yaml';
import { structOrdered } from './fieldOrder';
import { GoTemplateError, parseGoTemplate, runGoTemplate } from './goTemplate';
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
  | { type: 'go-template'; template: string }
  | { type: 'custom-columns'; spec: string };

export const OUTPUT_CHOICES =
  '(json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)';

/**
 * Parses `-o`; `allowWide` false for commands whose only outputs are serializations (create, apply…);
 * `readFile` reads the file of `-o go-template-file=…` / `jsonpath-file=…`.
 */
export function parseOutput(
  value: string | undefined,
  allowWide = true,
  readFile: (path: string) => string | undefined = () => undefined,
  allowColumns = true,
): OutputFormat {
  if (value === undefined || value === '') return { type: 'table', wide: false };
  if (value === 'wide' && allowWide) return { type: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { type: value };
  const eq = value.indexOf('=');
  const head = eq >= 0 ? value.slice(0, eq) : value;
  const arg = eq >= 0 ? value.slice(eq + 1) : '';
  const fromFile = (): string => {
    if (!arg) fail('template format specified but no template given');
    const text = readFile(arg);
    if (text === undefined) fail(`error reading --template ${arg}, open ${arg}: no such file or directory`);
    return text;
  };
  if (head === 'go-template' || head === 'template') {
    if (!arg) fail('template format specified but no template given');
    return checkedGoTemplate(arg);
  }
  if (head === 'go-template-file' || head === 'templatefile') return checkedGoTemplate(fromFile());
  if (head === 'jsonpath-file') return { type: 'jsonpath', template: fromFile() };
  if (head === 'jsonpath' || head === 'jsonpath-as-json') {
    if (!arg) fail('template format specified but no template given');
    return { type: 'jsonpath', template: arg };
  }
  if (head === 'custom-columns' && allowColumns) {
    if (!arg) fail('custom-columns format specified but no custom columns given');
    return { type: 'custom-columns', spec: arg };
  }
  fail(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowedFormats(allowWide, allowColumns)}`,
  );
}

function checkedGoTemplate(template: string): OutputFormat {
  try {
    parseGoTemplate(template);
  } catch (e) {
    if (e instanceof GoTemplateError)
      fail(`error parsing template ${template}, template: output:1: ${e.message}`);
    throw e;
  }
  return { type: 'go-template', template };
}

function allowedFormats(wide: boolean, columns: boolean): string {
  const f = [
    ...(columns ? ['custom-columns', 'custom-columns-file'] : []),
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

const YAML11_WORDS = new Set(
  'y Y yes Yes YES n N no No NO on On ON off Off OFF true True TRUE false False FALSE null Null NULL ~ .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<'.split(
    ' ',
  ),
);

/**
 * Whether a plain scalar would read back as something other than a string under go-yaml v2's resolver (the
 * YAML library behind sigs.k8s.io/yaml): bools and nulls of YAML 1.1, ints (0x, 0o, 0b, `_`), floats,
 * timestamps, sexagesimal numbers. Those are the strings kubectl double-quotes; other strings that cannot
 * be plain (a cron schedule starting with `*`, `@hourly`, `a: b`) get single quotes from its emitter.
 */
export function resolvesAsNonString(s: string): boolean {
  if (s === '' || YAML11_WORDS.has(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true;
  return /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(s);
}

export function toYaml(v: unknown): string {
  const doc = new Document(sortKeys(v), { version: '1.1' });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && !node.value.includes('\n') && resolvesAsNonString(node.value))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true, blockQuote: 'literal' });
}

/** JSON as kubectl prints it: 4-space indent; `typed` objects (built by kubectl itself) in Go struct order. */
export function toJson(v: unknown, typed = false): string {
  return JSON.stringify(typed ? structOrdered(v) : sortKeys(v), null, 4) + '\n';
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
  typed = false,
): string {
  const root = single && objs.length === 1 ? objs[0]! : asList(objs);
  switch (fmt.type) {
    case 'yaml':
      return toYaml(root);
    case 'json':
      return toJson(root, typed && root !== undefined && objs.length === 1);
    case 'name':
      return objs.map((o) => nameOf(o) + '\n').join('');
    case 'jsonpath':
      try {
        return evalTemplate(parseTemplate(fmt.template), root);
      } catch (e) {
        if (e instanceof JsonPathError) fail(`error parsing jsonpath ${fmt.template}, ${e.message}`);
        throw e;
      }
    case 'go-template':
      try {
        // kubectl runs templates over the JSON form of the object, so numbers are float64 and keys strings.
        return runGoTemplate(fmt.template, JSON.parse(JSON.stringify(root)));
      } catch (e) {
        if (e instanceof GoTemplateError)
          fail(`error executing template "${fmt.template}": template: output:1: ${e.message}`);
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
