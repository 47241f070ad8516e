import { describe, expect, it } from 'vitest';
import { arr, int, ios, map, obj, qty, str, bool } from '../../sim/api/schema';
import { kindsToJsonSchema, schemaToJson, type KindLike } from './toJsonSchema';

const container = obj(
  'Container',
  {
    name: str('Name of the container.'),
    image: str('Container image name.'),
    ports: arr(obj('ContainerPort', { containerPort: int('Port number.') })),
  },
  { required: ['name'] },
);
const deploy: KindLike = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  schema: obj('Deployment', {
    apiVersion: str(),
    kind: str(),
    metadata: obj('ObjectMeta', { name: str('Name.'), labels: map(str()) }),
    spec: obj('DeploymentSpec', {
      replicas: int('Number of desired pods.'),
      paused: bool(),
      strategy: obj('DeploymentStrategy', {
        type: str('Type.', ['RollingUpdate', 'Recreate']),
        maxSurge: ios(),
      }),
      template: obj('PodTemplateSpec', { spec: obj('PodSpec', { containers: arr(container) }) }),
    }),
  }),
};
const pod: KindLike = {
  kind: 'Pod',
  apiVersion: 'v1',
  schema: obj('Pod', {
    apiVersion: str(),
    kind: str(),
    spec: obj('PodSpec', { containers: arr(container), cpu: qty() }),
  }),
};

describe('kind schemas → JSON Schema', () => {
  it('maps every schema type', () => {
    const j = schemaToJson(deploy.schema) as {
      properties: Record<string, { properties: Record<string, Record<string, unknown>> }>;
    };
    const spec = j.properties.spec!.properties;
    expect(spec.replicas).toEqual({ type: 'integer', description: 'Number of desired pods.' });
    expect(spec.paused).toEqual({ type: 'boolean' });
    expect((spec.strategy!.properties as Record<string, unknown>).type).toEqual({
      type: 'string',
      description: 'Type.',
      enum: ['RollingUpdate', 'Recreate'],
    });
    expect((spec.strategy!.properties as Record<string, unknown>).maxSurge).toEqual({
      type: ['integer', 'string'],
    });
    expect(j.properties.metadata!.properties.labels).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect((j as Record<string, unknown>).additionalProperties).toBe(false);
  });

  it('keeps required fields and arrays', () => {
    const j = schemaToJson(container) as Record<string, unknown>;
    expect(j.required).toEqual(['name']);
    expect(
      ((j.properties as Record<string, Record<string, unknown>>).ports!.items as Record<string, unknown>)
        .type,
    ).toBe('object');
  });

  it('switches on kind and lists kinds and apiVersions for completion', () => {
    const j = kindsToJsonSchema([pod, deploy]) as {
      properties: Record<string, { enum: string[] }>;
      allOf: { if: unknown; then: { properties: Record<string, { const?: string }> } }[];
    };
    expect(j.properties.kind!.enum).toEqual(['Deployment', 'Pod']);
    expect(j.properties.apiVersion!.enum).toEqual(['apps/v1', 'v1']);
    expect(j.allOf).toHaveLength(2);
    expect(j.allOf[0]!.if).toEqual({ properties: { kind: { const: 'Deployment' } }, required: ['kind'] });
    expect(j.allOf[0]!.then.properties.apiVersion!.const).toBe('apps/v1');
    expect(j.allOf[1]!.then.properties.spec).toBeDefined();
  });

  it('gives Chinese hover texts for common fields, followed by the English one', () => {
    const j = schemaToJson(container, 'zh') as { properties: Record<string, { description: string }> };
    expect(j.properties.image!.description).toMatch(/^容器镜像/);
    expect(j.properties.image!.description).toContain('Container image name.');
    const en = schemaToJson(container, 'en') as { properties: Record<string, { description: string }> };
    expect(en.properties.image!.description).toBe('Container image name.');
    const d = schemaToJson(deploy.schema, 'zh') as {
      properties: Record<string, { properties: Record<string, { description: string }> }>;
    };
    expect(d.properties.spec!.properties.replicas!.description).toMatch(/副本数/);
  });
});
