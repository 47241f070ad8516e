/**
 * What the request handlers beside {@link KubeApi} (patches, subresources) need from it, and the reply helpers
 * they share: kept apart so those files depend on this contract, not on the class that routes to them.
 */
import type { Cluster } from '../sim/cluster';
import type { KObject } from '../sim/api/types';
import type { ApiResult } from '../sim/api/errors';
import type { ResourceInfo } from './discovery';
import { failure, type StatusObject } from './status';
import { json, type ApiReply, type ApiRequest } from './request';

/** Where a request points: a resource, maybe a namespace, an object and a subresource. */
export interface Target {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
}

export interface ApiContext {
  readonly cluster: Cluster;
  /** Decodes a JSON, YAML or protobuf body; throws a StatusObject on malformed input. */
  decodeBody(req: ApiRequest): unknown;
  /** A write's reply: the stored object, or the error as a Status. */
  written(r: ApiResult<KObject>, t: Target, code?: number): ApiReply;
  /** The stored object a target names, or the 404 Status. */
  lookup(t: Target): KObject | StatusObject;
  updateStatus(req: ApiRequest, t: Target): ApiReply;
  patchStatus(req: ApiRequest, t: Target): ApiReply;
}

export function isTrue(v: string | null): boolean {
  return v === '1' || v === 'true';
}

/** A Status reply. */
export function status(s: StatusObject): ApiReply {
  return json(
    s.code,
    s,
    s.details?.retryAfterSeconds ? { 'retry-after': String(s.details.retryAfterSeconds) } : {},
  );
}

/** `pods "x" not found` with the details kubectl reads. */
export function notFoundOf(t: Target): StatusObject {
  const res = t.info.group ? `${t.info.plural}.${t.info.group}` : t.info.plural;
  return failure(404, 'NotFound', `${res} "${t.name}" not found`, {
    name: t.name!,
    ...(t.info.group ? { group: t.info.group } : {}),
    kind: t.info.plural,
  });
}

export function detailsOf(t: Target): { name?: string; group?: string; kind?: string } {
  return {
    ...(t.name ? { name: t.name } : {}),
    ...(t.info.group ? { group: t.info.group } : {}),
    kind: t.info.plural,
  };
}
