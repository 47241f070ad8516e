/**
 * The Kubernetes HTTP API over a session's cluster: routing, discovery, CRUD with real Status errors, selectors,
 * server-side Tables and patches. Pure request handling (see {@link ApiRequest}); the socket layer lives in
 * httpServer.ts. Every write goes through the in-app API server (the same request path as the in-app kubectl),
 * and the cluster settles after it so controllers react at once.
 */
import { parse as parseYaml } from 'yaml';
import type { Cluster } from '../sim/cluster';
import type { KObject } from '../sim/api/types';
import type { ApiResult } from '../sim/api/errors';
import { parseSelector, matches, type Selector } from '../sim/api/labels';
import { printContext } from '../shell/kubectl/printers';
import {
  aggregatedContentType,
  aggregatedList,
  aggregatedVersion,
  apiGroupList,
  apiResourceList,
  apiVersions,
  resourceTable,
  type ResourceInfo,
} from './discovery';
import {
  failure,
  notFoundPath,
  statusOf,
  unauthorized,
  badRequest,
  methodNotAllowed,
  type StatusObject,
} from './status';
import { etagOf, json, withEtag, type ApiReply, type ApiRequest } from './request';
import { fieldsMatch, parseFieldSelector } from './fieldSelector';
import { toTable, wantsTable, type IncludeObject } from './table';
import { applyPatch } from './patches';
import { detailsOf, isTrue, notFoundOf, status, type ApiContext, type Target } from './apiContext';
import { subresource } from './subresources';
import { openApiIndex, openApiDocument } from './openapi';
import { OPENAPI_V2_PROTOBUF, openApiV2, openApiV2Protobuf } from './openapiV2';
import { decodeK8sProtobuf, dropZeroes } from './protobuf/decode';
import { metricsApiAvailable } from '../sim/metrics/metricsServer';
import { EPOCH_MS } from '../sim/engine/epoch';
import { moveTimesIn, timeReplacer } from './wallDates';
import { ownUpdate } from './ownership';

export interface KubeApiOptions {
  token: string;
  /** Show simulation dates (from 2026-01-01) instead of moving timestamps to the wall clock (see wallDates.ts). */
  simDates?: boolean;
  /** `127.0.0.1:6443`, for /api's serverAddressByClientCIDRs. */
  address: string;
}

const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kubelab',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export { isTrue, status, type Target } from './apiContext';

/** What the API needs of a shell session (the CLI's Session and the studio's host session both fit). */
export interface ApiSession {
  readonly cluster: Cluster;
  onClusterReplaced(fn: (c: Cluster) => void): () => void;
}

export class KubeApi implements ApiContext {
  constructor(
    readonly session: ApiSession,
    readonly opts: KubeApiOptions,
  ) {}

  get cluster() {
    return this.session.cluster;
  }

  /** The served resources (recomputed per cluster: `sim reset` may change nothing, but is cheap). */
  resources(): ResourceInfo[] {
    const defs = this.cluster.api.kinds.all();
    // metrics.k8s.io is listed once metrics-server serves it, as the aggregated API appears on a real cluster
    // (kubectl top says "Metrics API not available" until then).
    const metrics = metricsApiAvailable(this.cluster);
    if (this.cachedFor !== defs || this.cachedMetrics !== metrics || !this.cachedRes) {
      this.cachedFor = defs;
      this.cachedMetrics = metrics;
      this.cachedRes = resourceTable(defs).filter((r) => metrics || r.group !== 'metrics.k8s.io');
    }
    return this.cachedRes;
  }
  private cachedMetrics = false;
  private cachedFor: readonly unknown[] | undefined;
  private cachedRes: ResourceInfo[] | undefined;

  /**
   * The run's token, as a bearer token or as the path prefix `/kubelab/<token>` (see {@link stripTokenPrefix}):
   * client-go reads a kubeconfig's credentials only for TLS servers, so over plain HTTP the real kubectl never sends
   * the bearer token; the server URL in the kubeconfig carries the token as a path prefix instead.
   */
  authorized(req: ApiRequest): boolean {
    if (req.tokenInPath === this.opts.token) return true;
    const auth = req.headers.authorization ?? '';
    return auth === `Bearer ${this.opts.token}`;
  }

  /** Answers one request (not watches, logs that follow, or exec: the socket layer routes those). */
  handle(req: ApiRequest): ApiReply {
    if (!this.authorized(req)) return status(unauthorized());
    try {
      const r = this.route(req);
      if (this.opts.simDates || !r.body || !(r.headers['content-type'] ?? '').startsWith('application/json'))
        return r;
      return { ...r, body: JSON.stringify(JSON.parse(r.body), timeReplacer(this.timeDelta())) };
    } catch (e) {
      return status(failure(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
    }
  }

  /** Wall time minus simulation time, in ms: what timestamps move by on the way out (0 with simDates). */
  timeDelta(): number {
    return this.opts.simDates ? 0 : Date.now() - (EPOCH_MS + this.cluster.now);
  }

  /** JSON of a value as it leaves the server (timestamps on the wall clock unless simDates). */
  toJson(v: unknown): string {
    return this.opts.simDates ? JSON.stringify(v) : JSON.stringify(v, timeReplacer(this.timeDelta()));
  }

  private route(req: ApiRequest): ApiReply {
    const p = req.path.replace(/\/+$/, '') || '/';
    if (p === '/version') return json(200, VERSION);
    if (p === '/healthz' || p === '/readyz' || p === '/livez')
      return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' };
    if (p === '/openapi/v3') return withEtag(req, json(200, openApiIndex(this.resources())));
    if (p.startsWith('/openapi/v3/')) {
      const doc = openApiDocument(this.resources(), p.slice('/openapi/v3/'.length));
      return doc ? withEtag(req, json(200, doc)) : status(notFoundPath());
    }
    if (p === '/openapi/v2') return this.openApiV2(req);
    const seg = p.split('/').filter(Boolean).map(decodeURIComponent);
    if (seg[0] === 'api') {
      if (seg.length === 1) {
        const agg = aggregatedVersion(req.headers.accept);
        if (agg) return this.aggregated(req, true, agg);
        return withEtag(req, json(200, apiVersions(this.opts.address)));
      }
      if (seg[1] !== 'v1') return status(notFoundPath());
      return this.resourceRoute(req, '', 'v1', seg.slice(2));
    }
    if (seg[0] === 'apis') {
      if (seg.length === 1) {
        const agg = aggregatedVersion(req.headers.accept);
        if (agg) return this.aggregated(req, false, agg);
        return withEtag(req, json(200, apiGroupList(this.resources())));
      }
      const group = seg[1]!;
      if (seg.length === 2) {
        const g = apiGroupList(this.resources()) as { groups: { name: string }[] };
        const found = g.groups.find((x) => x.name === group);
        return found ? json(200, { kind: 'APIGroup', apiVersion: 'v1', ...found }) : status(notFoundPath());
      }
      return this.resourceRoute(req, group, seg[2]!, seg.slice(3));
    }
    return status(notFoundPath());
  }

  private v2Cache: { for: ResourceInfo[]; json: string; proto: Uint8Array; tag: string } | undefined;

  /** `/openapi/v2`: protobuf when asked for it (kubectl 1.27–1.29), else JSON; built once per resource table. */
  private openApiV2(req: ApiRequest): ApiReply {
    const res = this.resources();
    if (this.v2Cache?.for !== res) {
      const doc = openApiV2(res);
      const json = JSON.stringify(doc);
      this.v2Cache = { for: res, json, proto: openApiV2Protobuf(doc), tag: etagOf(json) };
    }
    const c = this.v2Cache;
    if (req.headers['if-none-match'] === c.tag) return { status: 304, headers: { etag: c.tag }, body: '' };
    if ((req.headers.accept ?? '').includes(OPENAPI_V2_PROTOBUF))
      return {
        status: 200,
        // (kube-openapi answers the protobuf form as octet-stream: the media type's '@' is no valid MIME token)
        headers: { 'content-type': 'application/octet-stream', etag: c.tag },
        body: '',
        bytes: c.proto,
      };
    return { status: 200, headers: { 'content-type': 'application/json', etag: c.tag }, body: c.json };
  }

  private aggregated(req: ApiRequest, core: boolean, v: 'v2' | 'v2beta1'): ApiReply {
    const body = aggregatedList(this.resources(), core, v);
    return withEtag(req, json(200, body, { 'content-type': aggregatedContentType(v) }));
  }

  /** Parses `[namespaces/<ns>/]<resource>[/<name>[/<sub>]]` under a group-version. */
  target(group: string, version: string, rest: string[]): Target | undefined {
    const res = this.resources().filter((r) => r.group === group && r.version === version);
    const find = (plural: string | undefined) => res.find((r) => r.plural === plural);
    if (
      rest[0] === 'namespaces' &&
      rest.length >= 3 &&
      !(rest.length === 3 && ['status', 'finalize'].includes(rest[2]!))
    ) {
      const info = find(rest[2]);
      if (!info || !info.namespaced) return undefined;
      return {
        info,
        namespace: rest[1]!,
        ...(rest[3] ? { name: rest[3] } : {}),
        ...(rest[4] ? { sub: rest[4] } : {}),
      };
    }
    const info = find(rest[0]);
    if (!info || rest.length > 3) return undefined;
    return { info, ...(rest[1] ? { name: rest[1] } : {}), ...(rest[2] ? { sub: rest[2] } : {}) };
  }

  private resourceRoute(req: ApiRequest, group: string, version: string, rest: string[]): ApiReply {
    if (!rest.length) {
      const doc = apiResourceList(this.resources(), group, version);
      return doc ? withEtag(req, json(200, doc)) : status(notFoundPath());
    }
    const t = this.target(group, version, rest);
    if (!t) return status(notFoundPath());
    if (t.sub) return subresource(this, req, t);
    if (!t.info.def) return subresource(this, req, t);
    const m = req.method;
    if (!t.name) {
      if (m === 'GET') return this.list(req, t);
      if (m === 'POST') return this.create(req, t);
      if (m === 'DELETE') return this.deleteCollection(req, t);
      return status(methodNotAllowed());
    }
    if (m === 'GET') return this.get(req, t);
    if (m === 'PUT') return this.update(req, t, false);
    if (m === 'PATCH') return this.patch(req, t);
    if (m === 'DELETE') return this.delete(req, t);
    return status(methodNotAllowed());
  }

  // ------------------------------------------------------------------ reads

  /** The label and field filter of a list or watch; throws a Status on a bad selector. */
  filterOf(req: ApiRequest, t: Target): (o: KObject) => boolean {
    let sel: Selector | undefined;
    const ls = req.query.get('labelSelector');
    if (ls) {
      try {
        sel = parseSelector(ls);
      } catch (e) {
        throw badRequest(`unable to parse requirement: ${(e as Error).message}`);
      }
    }
    let fields: ReturnType<typeof parseFieldSelector> = [];
    try {
      fields = parseFieldSelector(req.query.get('fieldSelector') ?? '', t.info.kind);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    return (o) => (!sel || matches(sel, o.metadata.labels)) && fieldsMatch(o, fields);
  }

  private list(req: ApiRequest, t: Target): ApiReply {
    if (isTrue(req.query.get('watch')))
      return status(badRequest('watch requests are served by the stream layer'));
    let filter: (o: KObject) => boolean;
    try {
      filter = this.filterOf(req, t);
    } catch (s) {
      return status(s as StatusObject);
    }
    const objs = this.cluster.api
      .list(t.info.kind, t.info.namespaced ? t.namespace : undefined)
      .filter(filter);
    const rv = String(this.cluster.store.revision);
    const tv = wantsTable(req.headers.accept);
    if (tv) return json(200, this.table(t.info.kind, objs, req, true, rv, tv));
    const def = t.info.def!;
    return json(200, {
      kind: `${def.kind}List`,
      apiVersion: def.apiVersion,
      metadata: { resourceVersion: rv },
      items: objs,
    });
  }

  table(
    kind: string,
    objs: KObject[],
    req: ApiRequest,
    headers: boolean,
    rv: string | undefined,
    v: 'v1' | 'v1beta1',
  ): unknown {
    const include = (req.query.get('includeObject') ?? 'Metadata') as IncludeObject;
    return toTable(kind, objs, printContext(this.cluster), {
      include,
      headers,
      ...(rv ? { resourceVersion: rv } : {}),
      version: v,
      timeDelta: this.timeDelta(),
    });
  }

  /** The stored object a target names, or the 404 Status the real API server sends. */
  lookup(t: Target): KObject | StatusObject {
    const o = this.cluster.api.get(t.info.kind, t.namespace, t.name!);
    if (o) return o;
    return notFoundOf(t);
  }

  private get(req: ApiRequest, t: Target): ApiReply {
    const o = this.lookup(t);
    if (o.kind === 'Status') return status(o as StatusObject);
    const tv = wantsTable(req.headers.accept);
    if (tv)
      return json(
        200,
        this.table(t.info.kind, [o as KObject], req, true, (o as KObject).metadata.resourceVersion, tv),
      );
    return json(200, o);
  }

  // ------------------------------------------------------------------ writes

  /** Decodes a JSON or YAML body; a Status on malformed input. */
  decodeBody(req: ApiRequest): unknown {
    const body = this.decodeRaw(req);
    // (with sim dates too: a client's times are stored in their field's precision, as kube-apiserver keeps them)
    moveTimesIn(body, -this.timeDelta());
    return body;
  }

  private decodeRaw(req: ApiRequest): unknown {
    const ct = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
    const raw = req.body ?? new Uint8Array(0);
    const text = new TextDecoder().decode(raw);
    if (ct === 'application/vnd.kubernetes.protobuf') {
      try {
        return dropZeroes(decodeK8sProtobuf(raw));
      } catch (e) {
        throw badRequest(`the object provided is unrecognized (${(e as Error).message})`);
      }
    }
    if (!text.trim()) throw badRequest('the body of the request was empty');
    if (ct.includes('yaml')) {
      try {
        return parseYaml(text, { maxAliasCount: 100 });
      } catch (e) {
        throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  }

  /** The body as an object of the target's kind, or a Status. */
  private objectBody(req: ApiRequest, t: Target): KObject | StatusObject {
    let body: unknown;
    try {
      body = this.decodeBody(req);
    } catch (s) {
      return s as StatusObject;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return badRequest(
        `couldn't get version/kind; json parse error: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct`,
      );
    const o = body as KObject;
    const def = t.info.def!;
    if (!o.kind) return badRequest("Object 'Kind' is missing in the request body");
    if (o.kind !== def.kind || (o.apiVersion && o.apiVersion !== def.apiVersion))
      return badRequest(
        `the API version in the data (${o.apiVersion}) does not match the expected API version (${def.apiVersion})`,
      );
    if (typeof o.metadata !== 'object' || o.metadata === null) (o as { metadata: unknown }).metadata = {};
    if (t.namespace && o.metadata.namespace && o.metadata.namespace !== t.namespace)
      return badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    if (t.name && o.metadata.name && o.metadata.name !== t.name)
      return badRequest(
        'the name of the object (' +
          o.metadata.name +
          ') does not match the name on the URL (' +
          t.name +
          ')',
      );
    return o;
  }

  private dryRun(req: ApiRequest): boolean {
    return req.query.getAll('dryRun').includes('All');
  }

  private create(req: ApiRequest, t: Target): ApiReply {
    const o = this.objectBody(req, t);
    if (o.kind === 'Status') return status(o as StatusObject);
    const r = this.cluster.api.create(ownUpdate(req, t, undefined, o as KObject, this.cluster.iso()), {
      ...(t.namespace ? { namespace: t.namespace } : {}),
      dryRun: this.dryRun(req),
    });
    return this.written(r, t, 201);
  }

  /** A write's reply: the object as written, or the error as the real API server's Status. */
  written(r: ApiResult<KObject>, t: Target, code = 200): ApiReply {
    this.cluster.settle();
    if (!r.ok) return status(statusOf(r.error, detailsOf(t)));
    // The object as written (a dry run's is not stored; controllers that reacted since come in later reads).
    // A dry-run update keeps the stored resourceVersion, as kube-apiserver's does.
    const o = r.obj;
    const stored = o.metadata.resourceVersion
      ? undefined
      : this.cluster.api.get(o.kind, o.metadata.namespace, o.metadata.name);
    if (stored)
      return json(code, {
        ...o,
        metadata: { ...o.metadata, resourceVersion: stored.metadata.resourceVersion },
      });
    return json(code, o);
  }

  private update(req: ApiRequest, t: Target, statusOnly: boolean): ApiReply {
    const o = this.objectBody(req, t);
    if (o.kind === 'Status') return status(o as StatusObject);
    const obj = o as KObject;
    obj.metadata.name ||= t.name!;
    if (t.namespace) obj.metadata.namespace = t.namespace;
    const opts = { ...(t.namespace ? { namespace: t.namespace } : {}), dryRun: this.dryRun(req) };
    if (statusOnly) return this.written(this.cluster.api.updateStatus(obj, opts), t);
    const before = this.cluster.api.get(t.info.kind, t.namespace, obj.metadata.name);
    return this.written(this.cluster.api.update(ownUpdate(req, t, before, obj, this.cluster.iso()), opts), t);
  }

  /** PUT on `/status`. */
  updateStatus(req: ApiRequest, t: Target): ApiReply {
    return this.update(req, t, true);
  }

  private patch(req: ApiRequest, t: Target, statusOnly = false): ApiReply {
    return applyPatch(this, req, t, statusOnly);
  }

  /** PATCH on `/status`. */
  patchStatus(req: ApiRequest, t: Target): ApiReply {
    return this.patch(req, t, true);
  }

  private delete(req: ApiRequest, t: Target): ApiReply {
    let opts: { gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' } =
      {};
    if (req.body?.length) {
      try {
        const b = this.decodeBody(req) as typeof opts & { dryRun?: string[] };
        if (b && typeof b === 'object') opts = b;
      } catch (s) {
        return status(s as StatusObject);
      }
    }
    const g = req.query.get('gracePeriodSeconds');
    if (g !== null) opts.gracePeriodSeconds = Number(g);
    const pp = req.query.get('propagationPolicy');
    if (pp) opts.propagationPolicy = pp as 'Background';
    const r = this.cluster.api.delete(t.info.kind, t.namespace, t.name!, {
      ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
      ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
      dryRun: this.dryRun(req),
    });
    this.cluster.settle();
    if (!r.ok) return status(statusOf(r.error, detailsOf(t)));
    const still = this.cluster.api.get(t.info.kind, t.namespace, t.name!);
    return json(200, still ?? r.obj);
  }

  private deleteCollection(req: ApiRequest, t: Target): ApiReply {
    let filter: (o: KObject) => boolean;
    try {
      filter = this.filterOf(req, t);
    } catch (s) {
      return status(s as StatusObject);
    }
    const objs = this.cluster.api.list(t.info.kind, t.namespace).filter(filter);
    const gone: KObject[] = [];
    for (const o of objs) {
      const r = this.cluster.api.delete(t.info.kind, o.metadata.namespace, o.metadata.name, {});
      if (r.ok) gone.push(r.obj);
    }
    this.cluster.settle();
    const def = t.info.def!;
    return json(200, { kind: `${def.kind}List`, apiVersion: def.apiVersion, metadata: {}, items: gone });
  }
}
