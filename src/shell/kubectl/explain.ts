/** kubectl explain RESOURCE[.field…]: from the kinds' schemas, in explain's plaintext layout. */
import { explainType, schemaAt, type Schema } from '../../sim/api/schema';
import { fail } from './errors';
import { resolveType } from './resources';
import { boolFlag, flag, has, type VerbDef } from './verb';

function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n') + '\n';
}

function fieldsOf(s: Schema): Schema | undefined {
  let cur: Schema | undefined = s;
  while (cur && (cur.type === 'array' || cur.type === 'map'))
    cur = cur.type === 'array' ? cur.items : cur.values;
  return cur && cur.type === 'object' ? cur : undefined;
}

function fieldLines(s: Schema, recursive: boolean, depth: number, seen: Set<string>): string {
  const obj = fieldsOf(s);
  if (!obj || obj.type !== 'object') return '';
  let out = '';
  const names = Object.keys(obj.properties).sort();
  for (const name of names) {
    const child = obj.properties[name]!;
    const req = obj.required?.includes(name) ? ' -required-' : '';
    const pad = '  '.repeat(depth + 1);
    out += `${pad}${name}\t<${explainType(child)}>${req}\n`;
    if (recursive) {
      const inner = fieldsOf(child);
      if (inner && inner.type === 'object' && !seen.has(inner.goType)) {
        seen.add(inner.goType);
        out += fieldLines(child, true, depth + 1, seen);
        seen.delete(inner.goType);
      }
    } else {
      if (child.description) out += wrap(child.description, pad + '  ');
      out += '\n';
    }
  }
  return out;
}

export const explain: VerbDef = {
  name: 'explain',
  summary: { en: 'Get documentation for a resource', zh: '获取资源的文档' },
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [options]',
  long: 'Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n\n Information about each field is retrieved from the server in OpenAPI format.',
  examples: `  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers

  # Get all the fields in the resource
  kubectl explain pods --recursive`,
  flags: [
    boolFlag(
      'recursive',
      'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
    ),
    flag('api-version', 'Use given api-version (group/version) of the resource.'),
    flag('output', 'Format in which to render the schema.', { short: 'o' }),
  ],
  run(k, p) {
    const target = p.args[0];
    if (!target)
      fail(
        `You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`,
      );
    const [type, ...path] = target.split('.');
    const def = resolveType(k.cluster, type!);
    let schema: Schema | undefined = def.schema;
    let sofar: string[] = [];
    for (const f of path) {
      sofar = [...sofar, f];
      schema = schemaAt(def.schema, sofar);
      if (!schema) fail(`field "${f}" does not exist`);
    }
    let out = `KIND:       ${def.kind}\nVERSION:    ${def.apiVersion}\n\n`;
    if (path.length) {
      const parentSchema = schemaAt(def.schema, sofar.slice(0, -1));
      const parent = parentSchema ? fieldsOf(parentSchema) : undefined;
      const req =
        parent && parent.type === 'object' && parent.required?.includes(path[path.length - 1]!)
          ? ' -required-'
          : '';
      out += `FIELD: ${path[path.length - 1]} <${explainType(schema!)}>${req}\n\n`;
    }
    out += `DESCRIPTION:\n${wrap(schema!.description ?? '<empty>', '    ')}    \n`;
    const fields = fieldLines(schema!, has(p, 'recursive'), 0, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    k.out(out.replace(/\n*$/, '\n\n'));
    return 0;
  },
};
