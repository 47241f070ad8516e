/**
 * A small schema language for the kinds the simulator serves. One schema per kind drives strict decoding
 * (unknown fields and wrong types are refused with the API server's messages), `kubectl explain`, and the
 * editor's JSON Schema (completion, hover, validation).
 */

interface Base {
  /** English description, as `kubectl explain` prints it. */
  description?: string;
}
export interface ObjectSchema extends Base {
  type: 'object';
  /** Go type name used in decode errors and explain (`PodSpec`, `Container`). */
  goType: string;
  properties: Record<string, Schema>;
  required?: string[];
}
export interface MapSchema extends Base {
  type: 'map';
  values: Schema;
}
export interface ArraySchema extends Base {
  type: 'array';
  items: Schema;
}
export interface PrimitiveSchema extends Base {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'any';
  enum?: string[];
  /** Go type for errors: int32, int64, string, bool. */
  goType?: string;
}
export type Schema = ObjectSchema | MapSchema | ArraySchema | PrimitiveSchema;

type Opts = { description?: string; required?: string[] };

export const obj = (goType: string, properties: Record<string, Schema>, o: Opts = {}): ObjectSchema => ({
  type: 'object',
  goType,
  properties,
  ...(o.required ? { required: o.required } : {}),
  ...(o.description ? { description: o.description } : {}),
});
export const str = (description?: string, en?: string[]): PrimitiveSchema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...(en ? { enum: en } : {}),
});
export const int = (description?: string, goType = 'int32'): PrimitiveSchema => ({
  type: 'integer',
  goType,
  ...(description ? { description } : {}),
});
export const bool = (description?: string): PrimitiveSchema => ({
  type: 'boolean',
  ...(description ? { description } : {}),
});
export const num = (description?: string): PrimitiveSchema => ({
  type: 'number',
  goType: 'float64',
  ...(description ? { description } : {}),
});
export const ios = (description?: string): PrimitiveSchema => ({
  type: 'int-or-string',
  ...(description ? { description } : {}),
});
export const qty = (description?: string): PrimitiveSchema => ({
  type: 'quantity',
  ...(description ? { description } : {}),
});
export const any = (description?: string): PrimitiveSchema => ({
  type: 'any',
  ...(description ? { description } : {}),
});
export const arr = (items: Schema, description?: string): ArraySchema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
export const map = (values: Schema, description?: string): MapSchema => ({
  type: 'map',
  values,
  ...(description ? { description } : {}),
});
/** Same schema with another description. */
export const describe = <S extends Schema>(s: S, description: string): S => ({ ...s, description });

export interface DecodeResult {
  unknownFields: string[];
  /** First type error, in Go's json wording. */
  typeError?: string;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function goTypeOf(s: Schema): string {
  switch (s.type) {
    case 'object':
      return `v1.${s.goType}`;
    case 'array':
      return `[]${goTypeOf(s.items)}`;
    case 'map':
      return `map[string]${goTypeOf(s.values)}`;
    case 'integer':
      return s.goType ?? 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    default:
      return 'string';
  }
}

/**
 * Walks `value` against `schema`. Unknown fields are collected (strict decoding); the first type mismatch is
 * reported as Go's encoding/json does: `json: cannot unmarshal string into Go struct field
 * DeploymentSpec.spec.replicas of type int32`. With `prune`, unknown fields are deleted from `value` in place.
 */
export function decode(value: unknown, schema: Schema, prune = false): DecodeResult {
  const res: DecodeResult = { unknownFields: [] };
  walk(value, schema, '', '', '', res, prune);
  return res;
}

function typeMismatch(v: unknown, s: Schema, path: string, parentGo: string, res: DecodeResult): void {
  if (!res.typeError) {
    const field = parentGo ? `Go struct field ${parentGo}.${path}` : 'Go value';
    res.typeError = `json: cannot unmarshal ${jsonType(v)} into ${field} of type ${goTypeOf(s)}`;
  }
}

/**
 * `path` is Go's json field path (no indexes: `spec.containers.ports`, as in UnmarshalTypeError); `strict` is the
 * strict decoder's (sigs.k8s.io/json: `spec.containers[0].ports[1]`), which names unknown fields.
 */
function walk(
  v: unknown,
  s: Schema,
  path: string,
  strict: string,
  parentGo: string,
  res: DecodeResult,
  prune = false,
): void {
  if (v === null || v === undefined) return; // null is accepted for any field, as in Go
  switch (s.type) {
    case 'any':
      return;
    case 'string':
      if (typeof v !== 'string') typeMismatch(v, s, path, parentGo, res);
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) typeMismatch(v, s, path, parentGo, res);
      return;
    case 'number':
      if (typeof v !== 'number') typeMismatch(v, s, path, parentGo, res);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') typeMismatch(v, s, path, parentGo, res);
      return;
    case 'int-or-string':
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v)))
        typeMismatch(v, s, path, parentGo, res);
      return;
    case 'quantity':
      if (typeof v !== 'string' && typeof v !== 'number') typeMismatch(v, s, path, parentGo, res);
      return;
    case 'array':
      if (!Array.isArray(v)) return typeMismatch(v, s, path, parentGo, res);
      v.forEach((item, i) => walk(item, s.items, path, `${strict}[${i}]`, parentGo, res, prune));
      return;
    case 'map':
      if (jsonType(v) !== 'object') return typeMismatch(v, s, path, parentGo, res);
      for (const [k, item] of Object.entries(v as Record<string, unknown>))
        walk(item, s.values, path ? `${path}.${k}` : k, strict ? `${strict}.${k}` : k, parentGo, res, prune);
      return;
    case 'object': {
      if (jsonType(v) !== 'object') return typeMismatch(v, s, path, parentGo, res);
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        const child = s.properties[k];
        const childPath = path ? `${path}.${k}` : k;
        const childStrict = strict ? `${strict}.${k}` : k;
        if (!child) {
          res.unknownFields.push(childStrict);
          // `prune` deletes it in place (the caller passes its own copy), as Go's decoder drops it
          if (prune) delete (v as Record<string, unknown>)[k];
          continue;
        }
        walk(item, child, childPath, childStrict, s.goType, res, prune);
      }
      return;
    }
  }
}

/** Finds the schema at a dotted path (`spec.containers.image`); arrays are traversed implicitly. */
export function schemaAt(root: Schema, path: string[]): Schema | undefined {
  let cur: Schema | undefined = root;
  for (const p of path) {
    while (cur && cur.type === 'array') cur = cur.items;
    if (!cur) return undefined;
    if (cur.type === 'object') cur = cur.properties[p];
    else if (cur.type === 'map') cur = cur.values;
    else return undefined;
  }
  return cur;
}

/** The type as `kubectl explain` prints it: `<string>`, `<[]Container>`, `<map[string]string>`, `<Object>`. */
export function explainType(s: Schema): string {
  switch (s.type) {
    case 'object':
      return s.goType;
    case 'array':
      return `[]${explainType(s.items)}`;
    case 'map':
      return `map[string]${explainType(s.values)}`;
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'int-or-string':
      return 'IntOrString';
    case 'quantity':
      return 'Quantity';
    case 'any':
      return 'Object';
    default:
      return 'string';
  }
}
