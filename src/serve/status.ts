/**
 * `Status` objects as kube-apiserver sends them for errors (k8s.io/apimachinery/pkg/api/errors): the same
 * reason, code and message the in-app API server produces, plus the `details` real clients read.
 */
import { formatFieldError, type ApiError, type FieldErrorType } from '../sim/api/errors';

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
    message: formatFieldError(c).slice(c.field.length + 2),
    field: c.field,
  }));
  if (e.invalid && causes?.length) {
    // kube-apiserver's NewInvalid: `Deployment.apps "x" is invalid: <the field errors as one aggregate>`, the
    // details naming the Kind (not the resource); kubectl rebuilds its "The Deployment "x" is invalid: …" from those.
    const { kind, name } = e.invalid;
    const group = details?.group;
    return failure(
      e.code,
      e.reason,
      `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${aggregate(causes)}`,
      {
        name,
        ...(group ? { group } : {}),
        kind,
        causes,
      },
    );
  }
  return failure(e.code, e.reason, e.message, {
    ...(details ?? {}),
    ...(causes?.length ? { causes } : {}),
  });
}

/** apimachinery's aggregate error text: one error as it is, several (duplicates dropped) as `[a, b]`. */
function aggregate(causes: { message: string; field?: string }[]): string {
  const msgs = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
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
