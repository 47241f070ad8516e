/**
 * API errors and field errors with the Kubernetes wording (k8s.io/apimachinery/pkg/util/validation/field).
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Conflict'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError';

export interface ApiError {
  code: number;
  reason: StatusReason;
  message: string;
  /** Field errors for Invalid. */
  causes?: FieldError[];
  /** For Invalid: the object's kind and name (the API server's Status names them in its message and details). */
  invalid?: { kind: string; name: string };
}

export type ApiResult<T> = { ok: true; obj: T } | { ok: false; error: ApiError };

export type FieldErrorType =
  'Required' | 'Invalid' | 'Unsupported' | 'Forbidden' | 'Duplicate' | 'NotFound' | 'TooLong' | 'TooMany';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
  /** For Unsupported: the supported values. */
  supported?: string[];
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
};

export function apiError(reason: StatusReason, message: string, causes?: FieldError[]): ApiError {
  return { code: CODES[reason], reason, message, ...(causes ? { causes } : {}) };
}

/** Go's %#v-ish rendering of a value in field errors. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
        .join(', ')}}`;
    }
    return JSON.stringify(v);
  }
  return String(v);
}

/** `spec.containers[0].image: Required value` and friends. */
export function formatFieldError(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'Invalid':
      return `${e.field}: Invalid value: ${formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Unsupported':
      return `${e.field}: Unsupported value: ${formatValue(e.value)}${
        e.supported ? `: supported values: ${e.supported.map((s) => JSON.stringify(s)).join(', ')}` : ''
      }`;
    case 'Forbidden':
      return `${e.field}: Forbidden: ${e.detail ?? ''}`;
    case 'Duplicate':
      return `${e.field}: Duplicate value: ${formatValue(e.value)}`;
    case 'NotFound':
      return `${e.field}: Not found: ${formatValue(e.value)}`;
    case 'TooLong':
      return `${e.field}: Too long: ${e.detail ?? 'may not be more than 253 bytes'}`;
    case 'TooMany':
      return `${e.field}: Too many: ${e.detail ?? ''}`;
  }
}

/** `The Pod "x" is invalid: …` — one error inline, several as `* ` lines. */
export function invalidError(kind: string, name: string, errs: FieldError[]): ApiError {
  const lines = errs.map(formatFieldError);
  const message =
    lines.length === 1
      ? `The ${kind} "${name}" is invalid: ${lines[0]}`
      : `The ${kind} "${name}" is invalid: \n${lines.map((l) => `* ${l}`).join('\n')}`;
  return { ...apiError('Invalid', message, errs), invalid: { kind, name } };
}

export function notFound(plural: string, name: string, group = ''): ApiError {
  return apiError('NotFound', `${plural}${group ? `.${group}` : ''} "${name}" not found`);
}

export function alreadyExists(plural: string, name: string, group = ''): ApiError {
  return apiError('AlreadyExists', `${plural}${group ? `.${group}` : ''} "${name}" already exists`);
}
