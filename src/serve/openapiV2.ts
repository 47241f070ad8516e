/**
 * OpenAPI v2 at `/openapi/v2`, as kubectl 1.27–1.29 download it for `apply` (its validation and client-side
 * apply's patch metadata): the protobuf form (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`,
 * gnostic's openapi_v2.Document) or JSON. Built from the same documents as OpenAPI v3 (openapi.ts): the schemas
 * become `definitions` (`$ref` to `#/definitions/…`), and each PATCH operation carries the group-version-kind
 * extension and the `fieldValidation` query parameter, which tells kubectl the server validates strictly.
 * Field numbers are those of gnostic's OpenAPIv2.proto.
 */
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { stringify } from 'yaml';
import type { ResourceInfo } from './discovery';
import { openApiDocument, openApiIndex } from './openapi';

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** v3 schema → v2 schema: `allOf: [{$ref}]` becomes a `$ref` beside the field's description. */
function toV2Schema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toV2Schema);
  if (!isObj(s)) return s;
  const out: Obj = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref' && typeof v === 'string')
      out.$ref = v.replace('#/components/schemas/', '#/definitions/');
    else if (k === 'allOf' && Array.isArray(v) && v.length === 1 && isObj(v[0]) && v[0].$ref)
      out.$ref = String(v[0].$ref).replace('#/components/schemas/', '#/definitions/');
    else if (k === 'x-kubernetes-int-or-string') {
      out.$ref = '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString';
    } else if (k === 'x-kubernetes-preserve-unknown-fields') {
      // (kube-openapi reads a schema without a type as "anything")
      delete out.type;
      out[k] = v;
      continue;
    } else out[k] = toV2Schema(v);
    if (k === 'type' && 'x-kubernetes-preserve-unknown-fields' in s) delete out.type;
  }
  return out;
}

/** The whole API as one Swagger 2.0 document (JSON form). */
export function openApiV2(res: ResourceInfo[]): Obj {
  const definitions: Obj = {
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
      type: 'string',
      format: 'int-or-string',
      description: 'IntOrString is a type that can hold an int32 or a string.',
    },
  };
  const paths: Obj = {};
  const index = openApiIndex(res) as { paths: Record<string, unknown> };
  for (const gv of Object.keys(index.paths)) {
    const doc = openApiDocument(res, gv) as { paths: Obj; components: { schemas: Obj } };
    for (const [name, s] of Object.entries(doc.components.schemas)) definitions[name] = toV2Schema(s);
    for (const [p, item] of Object.entries(doc.paths)) {
      const ops: Obj = {};
      for (const [method, op] of Object.entries(item as Obj)) {
        const o = op as Obj;
        ops[method] = {
          operationId: o.operationId,
          consumes: ['*/*'],
          produces: ['application/json'],
          'x-kubernetes-action': o['x-kubernetes-action'],
          'x-kubernetes-group-version-kind': o['x-kubernetes-group-version-kind'],
          parameters: ((o.parameters as Obj[] | undefined) ?? []).map((x) => ({
            name: x.name,
            in: x.in,
            type: (x.schema as Obj | undefined)?.type ?? 'string',
            uniqueItems: true,
          })),
          responses: { '200': { description: 'OK' } },
        };
      }
      paths[p] = ops;
    }
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0-kubelab' }, paths, definitions };
}

// ------------------------------------------------------------------ protobuf (gnostic openapi_v2)

type W = BinaryWriter;
const str = (w: W, no: number, v: unknown) => {
  if (typeof v === 'string' && v !== '') w.uint32((no << 3) | 2).string(v);
};
const msg = (w: W, no: number, body: (w: W) => void) => {
  w.uint32((no << 3) | 2).fork();
  body(w);
  w.join();
};

/** A vendor extension (NamedAny): the value as YAML text, as gnostic keeps it. */
function namedAny(w: W, no: number, name: string, value: unknown): void {
  msg(w, no, (x) => {
    str(x, 1, name);
    msg(x, 2, (a) => str(a, 2, stringify(value)));
  });
}

function extensions(w: W, no: number, o: Obj): void {
  for (const [k, v] of Object.entries(o)) if (k.startsWith('x-') && v !== undefined) namedAny(w, no, k, v);
}

function schema(w: W, s: Obj): void {
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 4, s.description);
  if (s.uniqueItems === true) w.uint32((16 << 3) | 0).bool(true);
  for (const r of (s.required as string[] | undefined) ?? []) str(w, 19, r);
  for (const e of (s.enum as unknown[] | undefined) ?? []) msg(w, 20, (a) => str(a, 2, stringify(e)));
  if (isObj(s.additionalProperties))
    msg(w, 21, (a) => msg(a, 1, (x) => schema(x, s.additionalProperties as Obj)));
  if (typeof s.type === 'string') msg(w, 22, (t) => str(t, 1, s.type));
  if (isObj(s.items)) msg(w, 23, (i) => msg(i, 1, (x) => schema(x, s.items as Obj)));
  if (isObj(s.properties))
    msg(w, 25, (p) => {
      for (const [k, v] of Object.entries(s.properties as Obj))
        msg(p, 1, (n) => {
          str(n, 1, k);
          msg(n, 2, (x) => schema(x, v as Obj));
        });
    });
  extensions(w, 31, s);
}

function operation(w: W, o: Obj): void {
  for (const c of (o.produces as string[] | undefined) ?? []) str(w, 6, c);
  for (const c of (o.consumes as string[] | undefined) ?? []) str(w, 7, c);
  str(w, 5, o.operationId);
  for (const p of (o.parameters as Obj[] | undefined) ?? [])
    // ParametersItem.parameter → Parameter.non_body_parameter → NonBodyParameter.query_parameter_sub_schema
    msg(w, 8, (pi) =>
      msg(pi, 1, (pa) =>
        msg(pa, 2, (nb) =>
          msg(nb, 3, (q) => {
            str(q, 2, p.in);
            str(q, 4, p.name);
            str(q, 6, p.type);
            if (p.uniqueItems === true) q.uint32((20 << 3) | 0).bool(true);
          }),
        ),
      ),
    );
  msg(w, 9, (r) =>
    msg(r, 1, (n) => {
      str(n, 1, '200');
      msg(n, 2, (rv) => msg(rv, 1, (resp) => str(resp, 1, 'OK')));
    }),
  );
  extensions(w, 13, o);
}

const PATH_OPS: [string, number][] = [
  ['get', 2],
  ['put', 3],
  ['post', 4],
  ['delete', 5],
  ['patch', 8],
];

/** The document in gnostic's protobuf form. */
export function openApiV2Protobuf(doc: Obj): Uint8Array {
  const w = new BinaryWriter();
  str(w, 1, doc.swagger);
  const info = doc.info as Obj;
  msg(w, 2, (i) => {
    str(i, 1, info.title);
    str(i, 2, info.version);
  });
  msg(w, 8, (ps) => {
    for (const [p, item] of Object.entries(doc.paths as Obj))
      msg(ps, 2, (n) => {
        str(n, 1, p);
        msg(n, 2, (pi) => {
          for (const [m, no] of PATH_OPS) {
            const op = (item as Obj)[m];
            if (isObj(op)) msg(pi, no, (x) => operation(x, op));
          }
        });
      });
  });
  msg(w, 9, (d) => {
    for (const [name, s] of Object.entries(doc.definitions as Obj))
      msg(d, 1, (n) => {
        str(n, 1, name);
        msg(n, 2, (x) => schema(x, s as Obj));
      });
  });
  return w.finish();
}
