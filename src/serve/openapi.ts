/**
 * OpenAPI v3 generated from our kind schemas: the `/openapi/v3` index and one document per group-version, with
 * each kind's schema tagged `x-kubernetes-group-version-kind` (what `kubectl explain` looks up) and PATCH/PUT/POST
 * operations that take the `fieldValidation` parameter (how kubectl learns the server validates strictly, so
 * `kubectl apply` needs no client-side schema).
 */
import type { Schema } from '../sim/api/schema';
import type { ResourceInfo } from './discovery';
import { etagOf } from './request';
import { mergeKeyFor, mergesPrimitives } from './strategicMerge';

const gvPath = (r: { group: string; version: string }) =>
  r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;

/** The index: group-version path → the URL of its document (with a content hash, as the real one). */
export function openApiIndex(res: ResourceInfo[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const r of res) {
    if (!r.def) continue;
    const p = gvPath(r);
    if (paths[p]) continue;
    const doc = openApiDocument(res, p);
    paths[p] = {
      serverRelativeURL: `/openapi/v3/${p}?hash=${etagOf(JSON.stringify(doc)).replace(/"/g, '').toUpperCase()}`,
    };
  }
  return { paths };
}

/** The document of one group-version (`api/v1`, `apis/apps/v1`), or undefined. */
export function openApiDocument(res: ResourceInfo[], path: string): unknown {
  const mine = res.filter((r) => r.def && gvPath(r) === path);
  if (!mine.length) return undefined;
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  const prefix = (g: string, v: string) =>
    `io.k8s.api.${g ? g.replace(/\.k8s\.io$/, '').replace(/\./g, '_') : 'core'}.${v}`;
  for (const r of mine) {
    const def = r.def!;
    const base = prefix(r.group, r.version);
    const name = `${base}.${def.schema.goType}`;
    const gvk = { group: r.group, kind: r.kind, version: r.version };
    walk(def.schema, base, schemas, r.kind, '');
    (schemas[name] as Record<string, unknown>)['x-kubernetes-group-version-kind'] = [gvk];
    const ref = { $ref: `#/components/schemas/${name}` };
    const body = { content: { 'application/json': { schema: ref } } };
    const reply = {
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
    };
    const params = [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
    ];
    const op = (action: string, extra: Record<string, unknown> = {}) => ({
      operationId: `${action}${r.kind}`,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      ...extra,
      ...reply,
    });
    const coll = `/${path}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    paths[coll] = {
      get: op('list'),
      post: op('post', { parameters: params, requestBody: body }),
    };
    paths[`${coll}/{name}`] = {
      get: op('get'),
      put: op('put', { parameters: params, requestBody: body }),
      patch: op('patch', {
        parameters: [
          ...params,
          { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
        ],
        requestBody: {
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/strategic-merge-patch+json': { schema: { type: 'object' } },
            'application/apply-patch+yaml': { schema: { type: 'object' } },
            'application/json-patch+json': { schema: { type: 'object' } },
          },
        },
      }),
      delete: op('delete'),
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0-kubelab' },
    paths,
    components: { schemas },
  };
}

/** Registers an object schema (and the ones it holds) under `base.<goType>`; returns the JSON schema of `s`. */
function walk(
  s: Schema,
  base: string,
  out: Record<string, unknown>,
  kind: string,
  path: string,
): Record<string, unknown> {
  const d = s.description ? { description: s.description } : {};
  switch (s.type) {
    case 'object': {
      const name =
        s.goType === 'ObjectMeta' ? 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' : `${base}.${s.goType}`;
      if (!out[name]) {
        const props: Record<string, unknown> = {};
        out[name] = {
          type: 'object',
          ...d,
          properties: props,
          ...(s.required?.length ? { required: s.required } : {}),
        };
        for (const [k, v] of Object.entries(s.properties)) {
          const at = path ? `${path}.${k}` : k;
          const js = walk(v, base, out, kind, at);
          // The patch metadata kubectl's client-side apply reads (x-kubernetes-patch-merge-key / -strategy).
          if (v.type === 'array') {
            const key = mergeKeyFor(k, kind, at);
            if (key)
              Object.assign(js, {
                'x-kubernetes-patch-merge-key': key,
                'x-kubernetes-patch-strategy': 'merge',
              });
            else if (mergesPrimitives(k)) Object.assign(js, { 'x-kubernetes-patch-strategy': 'merge' });
          }
          props[k] = js;
        }
      }
      // A field that is an object refers to it (allOf keeps the field's own description beside the ref).
      return { ...d, allOf: [{ $ref: `#/components/schemas/${name}` }] };
    }
    case 'array':
      return { type: 'array', ...d, items: walk(s.items, base, out, kind, path) };
    case 'map':
      return { type: 'object', ...d, additionalProperties: walk(s.values, base, out, kind, path) };
    case 'integer':
      return { type: 'integer', format: s.goType ?? 'int32', ...d };
    case 'number':
      return { type: 'number', format: 'double', ...d };
    case 'boolean':
      return { type: 'boolean', ...d };
    case 'int-or-string':
      return { 'x-kubernetes-int-or-string': true, ...d };
    case 'quantity':
      out['io.k8s.apimachinery.pkg.api.resource.Quantity'] ??= {
        type: 'string',
        description: 'Quantity is a fixed-point representation of a number.',
      };
      return {
        ...d,
        allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }],
      };
    case 'any':
      return { type: 'object', ...d, 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return { type: 'string', ...d, ...(s.enum ? { enum: s.enum } : {}) };
  }
}
