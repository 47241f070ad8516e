/**
 * Converts the simulation's kind schemas (src/sim/api/schema.ts) to one JSON Schema for monaco-yaml: completion
 * of `kind` / `apiVersion`, per-kind fields through `if kind == K then …`, hover descriptions in the current
 * language, and strict validation (unknown fields flagged, as the API server refuses them).
 */
import type { Schema } from '../../sim/api/schema';
import { ZH_FIELD_HELP } from './fieldHelpZh';

export interface KindLike {
  kind: string;
  apiVersion: string;
  schema: Schema;
}

export type JsonSchema = { [k: string]: unknown };

export type SchemaLang = 'en' | 'zh';

/** `Container.image` style key of a property, used by the Chinese help table. */
function helpKey(parentGo: string, prop: string): string {
  return `${parentGo}.${prop}`;
}

function describeIn(
  lang: SchemaLang,
  english: string | undefined,
  key: string | undefined,
): string | undefined {
  if (lang === 'zh' && key) {
    const zh = ZH_FIELD_HELP[key] ?? ZH_FIELD_HELP[`*.${key.split('.').pop()}`];
    if (zh) return english ? `${zh}\n\n${english}` : zh;
  }
  return english;
}

export function schemaToJson(
  s: Schema,
  lang: SchemaLang = 'en',
  key?: string,
  seen = new Map<Schema, JsonSchema>(),
): JsonSchema {
  const description = describeIn(lang, s.description, key);
  const d = description ? { description } : {};
  switch (s.type) {
    case 'object': {
      const props: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(s.properties))
        props[name] = schemaToJson(child, lang, helpKey(s.goType, name), seen);
      return {
        type: 'object',
        ...d,
        properties: props,
        ...(s.required?.length ? { required: [...s.required] } : {}),
        additionalProperties: false,
      };
    }
    case 'map':
      return { type: 'object', ...d, additionalProperties: schemaToJson(s.values, lang, undefined, seen) };
    case 'array':
      return { type: 'array', ...d, items: schemaToJson(s.items, lang, key, seen) };
    case 'string':
      return { type: 'string', ...d, ...(s.enum ? { enum: [...s.enum] } : {}) };
    case 'integer':
      return { type: 'integer', ...d };
    case 'number':
      return { type: 'number', ...d };
    case 'boolean':
      return { type: 'boolean', ...d };
    case 'int-or-string':
      return { type: ['integer', 'string'], ...d };
    case 'quantity':
      return {
        type: ['string', 'number'],
        ...d,
        pattern: '^[+-]?[0-9.]+([eE][+-]?[0-9]+|[munkMGTPE]i?|Ki)?$',
      };
    default:
      return { ...d };
  }
}

/** One schema for a YAML stream of any known kind. */
export function kindsToJsonSchema(kinds: readonly KindLike[], lang: SchemaLang = 'en'): JsonSchema {
  const byKind = [...kinds].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubelab objects',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: {
        type: 'string',
        enum: [...new Set(byKind.map((k) => k.apiVersion))],
        description: describeIn(
          lang,
          'The versioned schema of this object, e.g. v1 or apps/v1.',
          'Object.apiVersion',
        ),
      },
      kind: {
        type: 'string',
        enum: byKind.map((k) => k.kind),
        description: describeIn(lang, 'The kind of object: Pod, Deployment, Service…', 'Object.kind'),
      },
    },
    allOf: byKind.map((k) => ({
      if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
      then: {
        ...schemaToJson(k.schema, lang, `${k.kind}`),
        properties: {
          ...((schemaToJson(k.schema, lang, k.kind).properties as Record<string, JsonSchema>) ?? {}),
          apiVersion: {
            type: 'string',
            const: k.apiVersion,
            description: describeIn(lang, `Must be ${k.apiVersion} for a ${k.kind}.`, 'Object.apiVersion'),
          },
          kind: { type: 'string', const: k.kind },
        },
      },
    })),
  };
}
