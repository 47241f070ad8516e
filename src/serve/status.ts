/**
 * `Status` objects as kube-apiserver sends them for errors (k8s.io/apimachinery/pkg/api/errors): the same
 * reason, code and message the in-app API server produces, plus the `details` real clients read.
 */
import type { ApiError, FieldErrorType } from '../sim/api/errors';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A Failure Status. */
export function failure(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): StatusObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** The Status of an in-app API error; `kind` is the resource (plural) and `group` its API group. */
export function statusOf(e: ApiError, details?: StatusDetails): StatusObject {
  const causes = e.causes?.map((c) => ({
    reason: CAUSE_REASONS[c.type],
    message: fieldMessage(e.message, c.field),
    field: c.field,
  }));
  return failure(e.code, e.reason, e.message, {
    ...(details ?? {}),
    ...(causes?.length ? { causes } : {}),
  });
}

/** k8s.io/apimachinery/pkg/util/validation/field ErrorType values. */
const CAUSE_REASONS: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  Unsupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
  NotFound: 'FieldValueNotFound',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
};

/** The cause's message is the field error without its field path. */
function fieldMessage(message: string, field: string): string {
  const i = message.indexOf(`${field}: `);
  if (i < 0) return message;
  const rest = message.slice(i + field.length + 2);
  const end = rest.indexOf('\n');
  return end < 0 ? rest : rest.slice(0, end);
}

export const unauthorized = (): StatusObject => failure(401, 'Unauthorized', 'Unauthorized');

export function notFoundPath(): StatusObject {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function badRequest(message: string): StatusObject {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusObject {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}
