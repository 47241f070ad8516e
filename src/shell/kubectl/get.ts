/** kubectl get */
import type { KObject } from '../../sim/api/types';
import type { KindDef } from '../../sim/api/kinds';
import { matches, parseSelector, type Selector } from '../../sim/api/labels';
import type { Cluster } from '../../sim/cluster';
import { objectName, pluralResource, resourcePrefix } from './client';
import { fail, KubectlError, serverError } from './errors';
import { parseGoDuration } from './duration';
import { printContext } from './printers/common';
import { parseOutput, printObjects, type OutputFormat } from './printers/output';
import { headerRow, objectRow, type TableOptions } from './printers/tableRows';
import { pathValues } from './printers/jsonpath';
import { table, tabwrite } from './tabwriter';
import { parseResourceArgs, type ResourceRequest } from './resources';
import {
  ALL_NS_FLAG,
  boolFlag,
  flag,
  has,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  str,
  type KubectlContext,
  type Parsed,
  type VerbDef,
} from './verb';
import { readManifests } from './manifest';

export function selectorOf(p: Parsed): Selector | undefined {
  const l = str(p, 'selector');
  if (l === undefined) return undefined;
  try {
    return parseSelector(l);
  } catch (e) {
    fail((e as Error).message);
  }
}

type FieldReq = { field: string; op: '=' | '!='; value: string };
const FIELDS: Record<string, (o: KObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
  'spec.nodeName': (o) => o.spec?.nodeName ?? '',
  'status.phase': (o) => o.status?.phase ?? '',
  'spec.unschedulable': (o) => String(!!o.spec?.unschedulable),
  'involvedObject.name': (o) => (o as { involvedObject?: { name?: string } }).involvedObject?.name ?? '',
  'involvedObject.kind': (o) => (o as { involvedObject?: { kind?: string } }).involvedObject?.kind ?? '',
  type: (o) => String((o as { type?: string }).type ?? ''),
  reason: (o) => String((o as { reason?: string }).reason ?? ''),
};

export function parseFieldSelector(text: string | undefined, def: KindDef, labelText: string): FieldReq[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m)
      throw new KubectlError(
        `Error from server (BadRequest): invalid selector: '${text}'; can't understand '${part}'`,
      );
    const field = m[1]!;
    if (
      !FIELDS[field] ||
      (field.startsWith('spec.') && def.kind !== 'Pod' && def.kind !== 'Node') ||
      (field === 'status.phase' && def.kind !== 'Pod' && def.kind !== 'Namespace')
    )
      throw new KubectlError(
        `Error from server (BadRequest): Unable to find "${def.group ? def.group + '/' : '/'}${def.version}, Resource=${def.plural}" that match label selector "${labelText}", field selector "${text}": field label not supported: ${field}`,
      );
    return { field, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
  });
}

function fieldMatches(o: KObject, reqs: FieldReq[]): boolean {
  return reqs.every((r) => (FIELDS[r.field]!(o) === r.value) === (r.op === '='));
}

export function sortObjects(objs: KObject[], sortBy: string | undefined): KObject[] {
  if (!sortBy) return objs;
  const key = (o: KObject) => pathValues(sortBy, o)[0];
  return [...objs].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === undefined && y === undefined) return 0;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const qx = quantityish(x);
    const qy = quantityish(y);
    if (qx !== undefined && qy !== undefined) return qx - qy;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  });
}
function quantityish(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d+(\.\d+)?(m|Ki|Mi|Gi)?$/.test(v)) return undefined;
  const n = parseFloat(v);
  return v.endsWith('m')
    ? n / 1000
    : v.endsWith('Ki')
      ? n * 1024
      : v.endsWith('Mi')
        ? n * 2 ** 20
        : v.endsWith('Gi')
          ? n * 2 ** 30
          : n;
}

interface Block {
  def: KindDef;
  objs: KObject[];
}

function emptyMessage(k: KubectlContext, allNs: boolean, defs: KindDef[]): string {
  if (allNs || defs.every((d) => !d.namespaced)) return 'No resources found\n';
  return `No resources found in ${k.namespace} namespace.\n`;
}

function collect(
  k: KubectlContext,
  p: Parsed,
  requests: ResourceRequest[],
  allNs: boolean,
): { blocks: Block[]; errors: string[] } {
  const sel = selectorOf(p);
  const labelText = str(p, 'selector') ?? '';
  const blocks: Block[] = [];
  const errors: string[] = [];
  for (const r of requests) {
    const fields = parseFieldSelector(str(p, 'field-selector'), r.def, labelText);
    const ns = r.def.namespaced ? (allNs ? undefined : k.namespace) : undefined;
    let objs: KObject[];
    if (r.names.length) {
      objs = [];
      for (const name of r.names) {
        const o = k.cluster.api.get(r.def.kind, ns ?? k.namespace, name);
        if (o) objs.push(o);
        else
          errors.push(
            serverError({ reason: 'NotFound', message: `${pluralResource(r.def)} "${name}" not found` }),
          );
      }
    } else {
      // The server's list order (etcd key order: namespace, then name), for Events too: their names are
      // `<object>.<time>`, so they come grouped by object, not by time (kubernetes/kubernetes#29838; `kubectl
      // events` or --sort-by=.lastTimestamp sorts by time).
      objs = [...k.cluster.api.list(r.def.kind, ns)];
    }
    objs = objs.filter((o) => (!sel || matches(sel, o.metadata.labels)) && fieldMatches(o, fields));
    blocks.push({ def: r.def, objs });
  }
  return { blocks, errors };
}

function tableOptions(p: Parsed, fmt: OutputFormat, allNs: boolean, def: KindDef): TableOptions {
  return {
    wide: fmt.type === 'table' && fmt.wide,
    allNamespaces: allNs && def.namespaced,
    showLabels: has(p, 'show-labels'),
    labelColumns: (p.all.get('label-columns') ?? []).flatMap((v) => v.split(',')).filter(Boolean),
  };
}

function render(
  k: KubectlContext,
  p: Parsed,
  blocks: Block[],
  fmt: OutputFormat,
  allNs: boolean,
  multiType: boolean,
  single: boolean,
): string {
  const pc = printContext(k.cluster);
  const sortBy = str(p, 'sort-by');
  if (fmt.type !== 'table') {
    const objs = blocks.flatMap((b) => sortObjects(b.objs, sortBy));
    return printObjects(objs, fmt, (o) => objectName(k.cluster, o), single);
  }
  const parts: string[] = [];
  for (const b of blocks) {
    if (!b.objs.length) continue;
    const opts = {
      ...tableOptions(p, fmt, allNs, b.def),
      ...(multiType ? { kindPrefix: resourcePrefix(b.def) } : {}),
    };
    const rows = [
      headerRow(b.def.kind, opts),
      ...sortObjects(b.objs, sortBy).map((o) => objectRow(o, pc, opts)),
    ];
    if (has(p, 'no-headers')) rows.shift();
    parts.push(table(rows));
  }
  return parts.join('\n');
}

function watch(
  k: KubectlContext,
  p: Parsed,
  requests: ResourceRequest[],
  allNs: boolean,
  fmt: OutputFormat,
): number {
  const seen = new Map<string, string>();
  const keyOf = (o: KObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  for (const b of collect(k, p, requests, allNs).blocks)
    for (const o of b.objs) seen.set(keyOf(o), o.metadata.resourceVersion ?? '');
  const last = new Map<string, KObject>();
  for (const b of collect(k, p, requests, allNs).blocks) for (const o of b.objs) last.set(keyOf(o), o);
  const emit = (): void => {
    const pc = printContext(k.cluster);
    const { blocks } = collect(k, p, requests, allNs);
    const now = new Set<string>();
    let text = '';
    const line = (o: KObject, def: KindDef): void => {
      if (fmt.type === 'table') {
        const opts = tableOptions(p, fmt, allNs, def);
        text += tabwrite(objectRow(o, pc, opts).join('\t') + '\n', 6, 3);
      } else text += printObjects([o], fmt, (x) => objectName(k.cluster, x), true);
    };
    for (const b of blocks)
      for (const o of b.objs) {
        const key = keyOf(o);
        now.add(key);
        if (seen.get(key) !== (o.metadata.resourceVersion ?? '')) {
          seen.set(key, o.metadata.resourceVersion ?? '');
          line(o, b.def);
        }
        last.set(key, o);
      }
    for (const [key, o] of [...last]) {
      if (now.has(key)) continue;
      last.delete(key);
      seen.delete(key);
      const def = k.cluster.api.kinds.byKind(o.kind);
      if (def) line(o, def);
    }
    if (text) k.out(text);
  };
  if (k.mode === 'interactive' && k.keepAlive) {
    const off = k.cluster.onChange(emit);
    k.keepAlive(() => off());
    return 0;
  }
  const timeoutText = str(p, 'request-timeout');
  let timeout = timeoutText ? parseGoDuration(timeoutText) : 30_000;
  if (!Number.isFinite(timeout) || timeout <= 0) timeout = 30_000;
  for (let t = 0; t < timeout; t += 1000) {
    k.cluster.advance(Math.min(1000, timeout - t));
    emit();
  }
  return 0;
}

export const get: VerbDef = {
  name: 'get',
  summary: { en: 'Display one or many resources', zh: '显示一个或多个资源' },
  usage:
    'kubectl get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  long: 'Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.',
  examples: `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # List all replication controllers and services together in ps output format
  kubectl get deployments,services

  # List one or more resources by their type and names
  kubectl get pod/web-pod-13je7 deployment/web

  # List the 'status' field of every pod
  kubectl get pods -o jsonpath='{.items[*].status.phase}'`,
  flags: [
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    ALL_NS_FLAG,
    flag(
      'field-selector',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    ),
    boolFlag('show-labels', 'When printing, show all labels as the last column (default hide labels column)'),
    flag(
      'sort-by',
      "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}').",
    ),
    boolFlag('watch', 'After listing/getting the requested object, watch for changes.', { short: 'w' }),
    boolFlag('watch-only', 'Watch for changes to the requested object(s), without listing/getting first.'),
    boolFlag(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
    flag('filename', 'Filename, directory, or URL to files identifying the resource to get from a server.', {
      short: 'f',
      complete: 'file',
    }),
    flag(
      'label-columns',
      'Accepts a comma separated list of labels that are going to be presented as columns.',
      { short: 'L' },
    ),
  ],
  run(k, p) {
    const fmt = parseOutput(str(p, 'output'), true, (path) => k.fs.read(path));
    const allNs = has(p, 'all-namespaces');
    let requests: ResourceRequest[];
    let multiType: boolean;
    let single: boolean;
    if (str(p, 'filename') !== undefined) {
      const docs = readManifests(k, p);
      requests = [];
      for (const d of docs) {
        const def =
          k.cluster.api.kinds.byKind(d.obj.kind, d.obj.apiVersion) ?? k.cluster.api.kinds.byKind(d.obj.kind);
        if (!def) continue;
        const ex = requests.find((r) => r.def === def);
        if (ex) ex.names.push(d.obj.metadata.name);
        else requests.push({ def, names: [d.obj.metadata.name] });
      }
      multiType = requests.length > 1;
      single = docs.length === 1;
    } else {
      if (!p.args.length)
        throw new KubectlError(
          'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
        );
      ({ requests, multiType } = parseResourceArgs(k.cluster, p.args));
      single = requests.length === 1 && requests[0]!.names.length === 1;
    }
    if (has(p, 'watch') || has(p, 'watch-only')) {
      const { blocks, errors } = collect(k, p, requests, allNs);
      if (errors.length) {
        k.err(errors.join('\n') + '\n');
        return 1;
      }
      if (!has(p, 'watch-only')) {
        const text = render(k, p, blocks, fmt, allNs, multiType, single);
        if (text) k.out(text);
      }
      return watch(k, p, requests, allNs, fmt);
    }
    const { blocks, errors } = collect(k, p, requests, allNs);
    const text = render(k, p, blocks, fmt, allNs, multiType, single);
    const total = blocks.reduce((n, b) => n + b.objs.length, 0);
    // Nothing found and only errors: kubectl prints the errors alone (no empty List).
    if (text && !(total === 0 && errors.length)) k.out(text);
    else if (!errors.length && fmt.type === 'table')
      k.err(
        emptyMessage(
          k,
          allNs,
          requests.map((r) => r.def),
        ),
      );
    else if (!errors.length && fmt.type !== 'table' && !total && !single)
      k.out(printObjects([], fmt, () => '', false));
    if (errors.length) {
      k.err(errors.join('\n') + '\n');
      return 1;
    }
    return 0;
  },
};

export type { Cluster };
