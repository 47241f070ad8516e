import { describe, expect, it } from 'vitest';
import { evalTemplate, parseTemplate, pathValues } from './jsonpath';

const list = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { app: 'web' } },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      spec: { containers: [{ image: 'nginx' }, { image: 'busybox' }] },
    },
    {
      metadata: { name: 'b' },
      status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
      spec: { containers: [{ image: 'redis' }] },
    },
  ],
};
const run = (t: string, v: unknown = list) => evalTemplate(parseTemplate(t), v);

describe('jsonpath', () => {
  it('wildcards join with spaces', () => {
    expect(run('{.items[*].metadata.name}')).toBe('a b');
  });
  it('range with literal newlines', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}')).toBe(
      'a\tRunning\nb\tPending\n',
    );
  });
  it('filters', () => {
    expect(run('{.items[?(@.status.phase=="Pending")].metadata.name}')).toBe('b');
    expect(run('{.items[0].status.conditions[?(@.type=="Ready")].status}')).toBe('True');
  });
  it('recursive descent, index and slices', () => {
    expect(run('{..image}')).toBe('nginx busybox redis');
    expect(run('{.items[-1].metadata.name}')).toBe('b');
    expect(run('{.items[0:1].metadata.name}')).toBe('a');
  });
  it('maps print as JSON, missing fields print nothing', () => {
    expect(run('{.items[0].metadata.labels}')).toBe('{"app":"web"}');
    expect(run('{.items[1].metadata.labels}')).toBe('');
  });
  it('text around actions is kept', () => {
    expect(run('name={.items[0].metadata.name}!')).toBe('name=a!');
  });
  it('pathValues for custom columns', () => {
    expect(pathValues('.spec.containers[*].image', list.items[0])).toEqual(['nginx', 'busybox']);
    expect(pathValues('{.metadata.name}', list.items[1])).toEqual(['b']);
  });
  it('reports an unclosed range', () => {
    expect(() => parseTemplate('{range .items[*]}{.x}')).toThrow('range without end');
  });
});
