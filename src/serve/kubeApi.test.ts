/**
 * The HTTP API without sockets: authentication, discovery, Status errors as kube-apiserver words them,
 * selectors, Tables, patches and protobuf bodies — plus a seeded fuzz of requests that must never crash the
 * handler or break the store's invariants.
 */
import { describe, expect, test } from 'vitest';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { createSession } from '../shell/session';
import { Rng, seedRng } from '../sim/engine/rng';
import { KubeApi } from './kubeApi';
import type { ApiRequest } from './request';
import { strategicMerge } from './strategicMerge';

const TOKEN = 'secret';
function api(): KubeApi {
  return new KubeApi(createSession({ mode: 'script' }), { token: TOKEN, address: '127.0.0.1:6443' });
}
function req(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): ApiRequest {
  const u = new URL(url, 'http://x');
  return {
    method,
    path: u.pathname,
    query: u.searchParams,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    ...(body !== undefined
      ? { body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) }
      : {}),
  };
}
const parse = (b: string) => JSON.parse(b) as Record<string, unknown>;

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

describe('KubeApi', () => {
  test('401 without the token, in the path prefix or as a bearer token', () => {
    const a = api();
    const r = a.handle({ ...req('GET', '/api'), headers: {} });
    expect(r.status).toBe(401);
    expect(parse(r.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect(a.handle({ ...req('GET', '/api'), headers: {}, tokenInPath: TOKEN }).status).toBe(200);
    expect(a.handle({ ...req('GET', '/api'), headers: { authorization: 'Bearer nope' } }).status).toBe(401);
  });

  test('aggregated discovery is chosen by Accept and named by Content-Type; legacy otherwise; ETags', () => {
    const a = api();
    const agg = a.handle(
      req('GET', '/apis', undefined, {
        accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      }),
    );
    expect(agg.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const apps = (
      parse(agg.body).items as {
        metadata: { name: string };
        versions: { resources: { resource: string; subresources?: { subresource: string }[] }[] }[];
      }[]
    ).find((g) => g.metadata.name === 'apps')!;
    const deploy = apps.versions[0]!.resources.find((r) => r.resource === 'deployments')!;
    expect(deploy.subresources!.map((s) => s.subresource)).toEqual(['status', 'scale']);
    const legacy = a.handle(req('GET', '/api/v1'));
    expect(legacy.headers['content-type']).toBe('application/json');
    const pods = (
      parse(legacy.body).resources as { name: string; shortNames?: string[]; categories?: string[] }[]
    ).find((r) => r.name === 'pods')!;
    expect(pods).toMatchObject({ shortNames: ['po'], categories: ['all'] });
    const again = a.handle(req('GET', '/api/v1', undefined, { 'if-none-match': legacy.headers.etag! }));
    expect(again.status).toBe(304);
  });

  test('CRUD: 201, 409 and 404 with the API server texts; resourceVersion conflicts', () => {
    const a = api();
    const c = a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('p1')));
    expect(c.status).toBe(201);
    const created = parse(c.body) as { metadata: { uid: string; resourceVersion: string } };
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const dup = a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('p1')));
    expect([dup.status, parse(dup.body).message, parse(dup.body).reason]).toEqual([
      409,
      'pods "p1" already exists',
      'AlreadyExists',
    ]);
    const nf = a.handle(req('GET', '/apis/apps/v1/namespaces/default/deployments/nope'));
    expect(parse(nf.body)).toMatchObject({
      code: 404,
      message: 'deployments.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
    });
    const stale = { ...pod('p1'), metadata: { name: 'p1', resourceVersion: '1' } };
    const conflict = a.handle(req('PUT', '/api/v1/namespaces/default/pods/p1', stale));
    expect(conflict.status).toBe(409);
    expect(parse(conflict.body).message).toContain('the object has been modified');
    const inv = a.handle(req('POST', '/api/v1/namespaces/default/pods', { ...pod('Bad_Name') }));
    expect(inv.status).toBe(422);
    // kube-apiserver's NewInvalid: `<Kind>[.<group>] "<name>" is invalid: <errors>`, details naming the Kind
    expect(parse(inv.body).message).toMatch(
      /^Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect(parse(inv.body).details).toMatchObject({ name: 'Bad_Name', kind: 'Pod' });
    expect((parse(inv.body).details as Record<string, unknown>).group).toBeUndefined();
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: -1,
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    };
    const two = parse(a.handle(req('POST', '/apis/apps/v1/namespaces/default/deployments', dep)).body);
    expect(two.message).toBe(
      'Deployment.apps "d" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, ' +
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`]',
    );
    expect(two.details).toMatchObject({ name: 'd', group: 'apps', kind: 'Deployment' });
    expect((two.details as Record<string, unknown>).causes).toHaveLength(2);
  });

  test('timestamps in their field precision: metav1.Time in whole seconds, MicroTime with six digits', () => {
    const lease = (renew: string, acquire: string) => ({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'l' },
      spec: { holderIdentity: 'me', renewTime: renew, acquireTime: acquire },
    });
    const ev = (first: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Test',
      message: 'm',
      type: 'Normal',
      firstTimestamp: first,
      lastTimestamp: first,
    });
    // simulation dates: stored as kube-apiserver keeps them (Time truncated to seconds, MicroTime to microseconds)
    const sim = new KubeApi(createSession({ mode: 'script' }), {
      token: TOKEN,
      address: '127.0.0.1:6443',
      simDates: true,
    });
    const l = parse(
      sim.handle(
        req(
          'POST',
          '/apis/coordination.k8s.io/v1/namespaces/default/leases',
          lease('2026-01-01T00:00:05.123456Z', '2026-01-01T00:00:04Z'),
        ),
      ).body,
    ).spec as Record<string, string>;
    expect([l.renewTime, l.acquireTime]).toEqual([
      '2026-01-01T00:00:05.123000Z',
      '2026-01-01T00:00:04.000000Z',
    ]);
    const e = parse(
      sim.handle(req('POST', '/api/v1/namespaces/default/events', ev('2026-01-01T00:00:05.900Z'))).body,
    );
    expect([e.firstTimestamp, e.lastTimestamp]).toEqual(['2026-01-01T00:00:05Z', '2026-01-01T00:00:05Z']);
    // wall dates: the same precisions on the way out
    const a = api();
    const now = new Date().toISOString();
    const wl = parse(
      a.handle(req('POST', '/apis/coordination.k8s.io/v1/namespaces/default/leases', lease(now, now))).body,
    );
    expect((wl.spec as Record<string, string>).renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect((wl.metadata as Record<string, string>).creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const we = parse(a.handle(req('POST', '/api/v1/namespaces/default/events', ev(now))).body);
    expect(we.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('malformed and unknown: 400 with a message, 404 for unknown resources, 415 for unknown patch types', () => {
    const a = api();
    const bad = a.handle(req('POST', '/api/v1/namespaces/default/pods', '{"kind": '));
    expect(bad.status).toBe(400);
    expect(parse(bad.body).message).toMatch(/^couldn't get version\/kind; json parse error: /);
    const strict = a.handle(
      req('POST', '/api/v1/namespaces/default/pods', {
        ...pod('p2'),
        spec: { containers: [{ name: 'c', image: 'x', bogus: 1 }] },
      }),
    );
    expect(strict.status).toBe(400);
    // (kube-apiserver names the item: `spec.containers[0].bogus`; the in-app decoder says `spec.containers.bogus`)
    expect(parse(strict.body).message).toMatch(
      /^Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.containers/,
    );
    expect(a.handle(req('GET', '/api/v1/widgets')).status).toBe(404);
    expect(parse(a.handle(req('GET', '/apis/nope/v1')).body).message).toBe(
      'the server could not find the requested resource',
    );
    a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('p3')));
    const weird = a.handle(
      req('PATCH', '/api/v1/namespaces/default/pods/p3', '{}', { 'content-type': 'text/plain' }),
    );
    expect(weird.status).toBe(415);
  });

  test('label and field selectors; Tables with priority-1 columns for -o wide', () => {
    const a = api();
    a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('a', { app: 'x' })));
    a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('b', { app: 'y' })));
    const names = (url: string) =>
      (parse(a.handle(req('GET', url)).body).items as { metadata: { name: string } }[]).map(
        (o) => o.metadata.name,
      );
    expect(names('/api/v1/namespaces/default/pods?labelSelector=app%3Dx')).toEqual(['a']);
    expect(names('/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Db')).toEqual(['b']);
    expect(
      names('/api/v1/pods?fieldSelector=metadata.namespace%3Dkube-system,status.phase!%3DRunning').every(
        (n) => n.length > 0,
      ),
    ).toBe(true);
    const bad = a.handle(req('GET', '/api/v1/pods?fieldSelector=spec.nope%3D1'));
    expect([bad.status, parse(bad.body).message]).toEqual([400, 'field label not supported: spec.nope']);
    const t = parse(
      a.handle(
        req('GET', '/api/v1/namespaces/default/pods', undefined, {
          accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
        }),
      ).body,
    ) as {
      kind: string;
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: string[]; object: { kind: string } }[];
    };
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    expect(t.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual([
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(t.rows.map((r) => r.cells[0])).toEqual(['a', 'b']);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
  });

  test('patches: strategic merge by merge key, JSON merge, JSON patch; scale subresource', () => {
    const a = api();
    a.handle(req('POST', '/api/v1/namespaces/default/pods', pod('p')));
    const rc = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'e' },
      spec: {
        selector: { matchLabels: { app: 'e' } },
        template: {
          metadata: { labels: { app: 'e' } },
          spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'A', value: '1' }] }] },
        },
      },
    };
    a.handle(req('POST', '/apis/apps/v1/namespaces/default/deployments', rc));
    const smp = a.handle(
      req(
        'PATCH',
        '/apis/apps/v1/namespaces/default/deployments/e',
        {
          metadata: { labels: { x: 'y' } },
          spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'B', value: '2' }] }] } } },
        },
        { 'content-type': 'application/strategic-merge-patch+json' },
      ),
    );
    expect(smp.status).toBe(200);
    const p = parse(smp.body) as {
      metadata: { labels: Record<string, string> };
      spec: { template: { spec: { containers: { image: string; env: { name: string }[] }[] } } };
    };
    expect(p.spec.template.spec.containers[0]!.image).toBe('nginx');
    expect(p.spec.template.spec.containers[0]!.env.map((e) => e.name)).toEqual(['A', 'B']);
    expect(p.metadata.labels).toEqual({ x: 'y' });
    const jm = parse(
      a.handle(
        req(
          'PATCH',
          '/api/v1/namespaces/default/pods/p',
          { metadata: { labels: { x: null } } },
          { 'content-type': 'application/merge-patch+json' },
        ),
      ).body,
    ) as { metadata: { labels?: Record<string, string> } };
    expect(jm.metadata.labels ?? {}).toEqual({});
    const jp = a.handle(
      req(
        'PATCH',
        '/api/v1/namespaces/default/pods/p',
        [{ op: 'add', path: '/metadata/annotations', value: { k: 'v' } }],
        { 'content-type': 'application/json-patch+json' },
      ),
    );
    expect(
      (parse(jp.body) as { metadata: { annotations: Record<string, string> } }).metadata.annotations,
    ).toEqual({ k: 'v' });
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd' } },
        template: {
          metadata: { labels: { app: 'd' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    };
    expect(a.handle(req('POST', '/apis/apps/v1/namespaces/default/deployments', dep)).status).toBe(201);
    const sc = a.handle(
      req(
        'PATCH',
        '/apis/apps/v1/namespaces/default/deployments/d/scale',
        { spec: { replicas: 4 } },
        { 'content-type': 'application/merge-patch+json' },
      ),
    );
    expect(parse(sc.body)).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    const bad = a.handle(
      req(
        'PATCH',
        '/apis/apps/v1/namespaces/default/deployments/d/scale',
        { spec: { replicas: 'x' } },
        { 'content-type': 'application/merge-patch+json' },
      ),
    );
    expect(bad.status).toBe(422);
    expect(parse(bad.body)).toMatchObject({
      message: 'Scale.autoscaling "d" is invalid: spec.replicas: Invalid value: "x": must be an integer',
      details: { name: 'd', group: 'autoscaling', kind: 'Scale', causes: [{ field: 'spec.replicas' }] },
    });
    const negative = a.handle(
      req('PUT', '/apis/apps/v1/namespaces/default/deployments/d/scale', {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'd', namespace: 'default' },
        spec: { replicas: -1 },
      }),
    );
    expect(parse(negative.body).message).toBe(
      'Scale.autoscaling "d" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  test('strategic merge directives', () => {
    const cur = {
      spec: {
        containers: [
          { name: 'a', image: '1' },
          { name: 'b', image: '2' },
        ],
        finalizers: ['x'],
      },
      metadata: { finalizers: ['f1', 'f2'] },
    };
    expect(
      strategicMerge(cur, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, 'Pod'),
    ).toMatchObject({ spec: { containers: [{ name: 'b', image: '2' }] } });
    expect(
      strategicMerge(
        cur,
        { spec: { containers: [{ name: 'z', image: '9' }, { $patch: 'replace' }] } },
        'Pod',
      ),
    ).toMatchObject({ spec: { containers: [{ name: 'z', image: '9' }] } });
    expect(
      strategicMerge(
        cur,
        {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
          },
        },
        'Pod',
      ),
    ).toMatchObject({ spec: { containers: [{ name: 'b' }, { name: 'a' }] } });
    expect(
      strategicMerge(cur, { metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'] } }, 'Pod'),
    ).toMatchObject({ metadata: { finalizers: ['f2'] } });
    expect(strategicMerge({ spec: { a: 1, b: 2 } }, { spec: { $retainKeys: ['b'], b: 3 } }, 'X')).toEqual({
      spec: { b: 3 },
    });
    expect(
      strategicMerge(
        { spec: { ports: [{ port: 80, name: 'a' }] } },
        { spec: { ports: [{ port: 80, name: 'b' }] } },
        'Service',
      ),
    ).toEqual({ spec: { ports: [{ port: 80, name: 'b' }] } });
  });

  test('protobuf bodies: the k8s envelope around a Namespace', () => {
    const a = api();
    const meta = new BinaryWriter().tag(1, 2).string('team-b').finish();
    const ns = new BinaryWriter().tag(1, 2).bytes(meta).finish();
    const typeMeta = new BinaryWriter().tag(1, 2).string('v1').tag(2, 2).string('Namespace').finish();
    const unknown = new BinaryWriter().tag(1, 2).bytes(typeMeta).tag(2, 2).bytes(ns).finish();
    const body = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0]), Buffer.from(unknown)]);
    const r = a.handle({
      ...req('POST', '/api/v1/namespaces'),
      body,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/vnd.kubernetes.protobuf' },
    });
    expect(r.status).toBe(201);
    expect(a.cluster.api.get('Namespace', undefined, 'team-b')).toBeDefined();
    const garbage = a.handle({
      ...req('POST', '/api/v1/namespaces'),
      body: Buffer.from('nope'),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/vnd.kubernetes.protobuf' },
    });
    expect(garbage.status).toBe(400);
  });

  test('timestamps leave on the wall clock (known fields only) and come back on the simulation clock', () => {
    const a = api();
    a.handle(
      req('POST', '/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { when: '2026-01-01T00:00:00Z' },
      }),
    );
    const before = Date.now();
    const got = parse(a.handle(req('GET', '/api/v1/namespaces/default/configmaps/c')).body) as {
      metadata: { creationTimestamp: string };
      data: { when: string };
    };
    expect(Math.abs(Date.parse(got.metadata.creationTimestamp) - before)).toBeLessThan(5000);
    expect(got.data.when).toBe('2026-01-01T00:00:00Z');
    const sim = new KubeApi(a.session, { token: TOKEN, address: 'x', simDates: true });
    const raw = parse(sim.handle(req('GET', '/api/v1/namespaces/default/configmaps/c')).body) as {
      metadata: { creationTimestamp: string };
    };
    expect(raw.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  test('seeded fuzz: random requests never crash the handler or break the store', () => {
    for (const seed of [1, 2, 3]) {
      const a = api();
      const rng = new Rng(seedRng(seed));
      const pick = <T>(xs: T[]): T => xs[rng.int(xs.length)]!;
      const log: string[] = [];
      for (let i = 0; i < 300; i++) {
        const method = pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
        const path = pick([
          '/api/v1/namespaces/default/pods',
          '/api/v1/namespaces/default/pods/p',
          '/apis/apps/v1/namespaces/default/deployments/d',
          '/api/v1/nodes/worker-1',
          '/apis/apps/v1/deployments',
          '/api/v1/namespaces/x/configmaps/c',
          '/apis/x/y/z',
          '/api/v1/namespaces/default/pods/p/log',
          '/apis/apps/v1/namespaces/default/deployments/d/scale',
        ]);
        const body = pick<unknown>([
          undefined,
          '{',
          '[]',
          'null',
          pod('p'),
          { kind: 'Pod' },
          { apiVersion: 'v1', kind: 'Pod', metadata: { name: 5 } },
          [{ op: 'remove', path: '/spec' }],
          { spec: { replicas: 'x' } },
          { metadata: { labels: { a: 'b' } } },
        ]);
        const ct = pick([
          'application/json',
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
          'application/json-patch+json',
          'application/yaml',
          'application/vnd.kubernetes.protobuf',
        ]);
        log.push(`${method} ${path} ${ct} ${JSON.stringify(body)}`);
        const r = a.handle(req(method, path, body, { 'content-type': ct }));
        expect(r.status, log.join('\n')).toBeLessThan(500);
        expect(() => JSON.parse(r.body || '{}'), log.at(-1)).not.toThrow();
      }
      expect(a.cluster.store.verifyIndexes(), `seed ${seed}`).toEqual([]);
    }
  });
});
