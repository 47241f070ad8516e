/**
 * PATCH in its four content types: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic merge patch
 * (what client-side `kubectl apply`, `scale`, `label`… send) and server-side apply (`kubectl apply
 * --server-side`). The patched object goes through the in-app API server as an update.
 */
import type { KObject } from '../sim/api/types';
import { jsonPatch, mergePatch } from '../shell/kubectl/patch';
import { strategicMerge } from './strategicMerge';
import { failure, type StatusObject } from './status';
import type { ApiReply, ApiRequest } from './request';
import { status, type ApiContext, type Target } from './apiContext';
import { ownApply, ownUpdate } from './ownership';

const TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** Applies a patch request to the stored object (or its status). */
export function applyPatch(api: ApiContext, req: ApiRequest, t: Target, statusOnly: boolean): ApiReply {
  const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (!TYPES.includes(ct))
    return status(
      failure(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${TYPES.join(', ')}`,
      ),
    );
  let body: unknown;
  try {
    body = api.decodeBody({
      ...req,
      headers: {
        ...req.headers,
        'content-type': ct.endsWith('yaml') ? 'application/yaml' : 'application/json',
      },
    });
  } catch (s) {
    return status(s as StatusObject);
  }
  const cur = api.cluster.api.get(t.info.kind, t.namespace, t.name!);
  const dryRun = req.query.getAll('dryRun').includes('All');
  const nsOpt = t.namespace ? { namespace: t.namespace } : {};
  if (ct === 'application/apply-patch+yaml') {
    if (!body || typeof body !== 'object')
      return status(failure(400, 'BadRequest', 'invalid object: not a map'));
    const applied = body as KObject;
    const time = api.cluster.iso();
    if (!cur) {
      const fresh = { ...applied, metadata: { ...(applied.metadata ?? {}), name: t.name! } } as KObject;
      const owned = ownApply(req, t, undefined, applied, fresh, time);
      if (owned.kind === 'Status') return status(owned as StatusObject);
      const r = api.cluster.api.create(owned as KObject, { ...nsOpt, dryRun });
      return api.written(r, t, 201);
    }
    const merged = strategicMerge(cur, applied, t.info.kind) as KObject;
    const owned = ownApply(req, t, cur, applied, merged, time);
    if (owned.kind === 'Status') return status(owned as StatusObject);
    return api.written(
      api.cluster.api.update(withoutVersion(owned as KObject, cur), { ...nsOpt, dryRun }),
      t,
    );
  }
  if (!cur) {
    const res = t.info.group ? `${t.info.plural}.${t.info.group}` : t.info.plural;
    return status(
      failure(404, 'NotFound', `${res} "${t.name}" not found`, {
        name: t.name!,
        ...(t.info.group ? { group: t.info.group } : {}),
        kind: t.info.plural,
      }),
    );
  }
  let next: unknown;
  try {
    if (ct === 'application/json-patch+json') {
      if (!Array.isArray(body))
        return status(
          failure(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'),
        );
      next = jsonPatch(cur, body as { op: string; path: string }[]);
    } else if (ct === 'application/merge-patch+json') next = mergePatch(cur, body);
    else next = strategicMerge(cur, body, t.info.kind);
  } catch (e) {
    return status(failure(422, 'Invalid', (e as Error).message));
  }
  if (!next || typeof next !== 'object')
    return status(failure(400, 'BadRequest', 'the patch did not produce an object'));
  let obj = withoutVersion(next as KObject, cur, body);
  if (!statusOnly) obj = ownUpdate(req, t, cur, obj, api.cluster.iso());
  const r = statusOnly
    ? api.cluster.api.updateStatus(obj, { ...nsOpt, dryRun })
    : api.cluster.api.update(obj, { ...nsOpt, dryRun });
  return api.written(r, t);
}

/**
 * The patched object keeps the stored resourceVersion unless the patch itself names one (a precondition), so a
 * patch never conflicts with itself.
 */
function withoutVersion(next: KObject, cur: KObject, patch?: unknown): KObject {
  const meta = (patch as { metadata?: { resourceVersion?: string } } | undefined)?.metadata;
  const rv = meta?.resourceVersion ?? cur.metadata.resourceVersion;
  return { ...next, metadata: { ...(next.metadata ?? {}), resourceVersion: rv } } as KObject;
}
