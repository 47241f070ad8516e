/**
 * Name and value checks with the apimachinery messages.
 */
import type { FieldError } from './errors';
import { isQuantity } from './quantity';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

export function validateDnsSubdomain(value: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (value.length > 253)
    errs.push({ type: 'Invalid', field, value, detail: 'must be no more than 253 characters' });
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push({ type: 'Invalid', field, value, detail: SUBDOMAIN_MSG });
  return errs;
}

export function validateDnsLabel(value: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (value.length > 63)
    errs.push({ type: 'Invalid', field, value, detail: 'must be no more than 63 characters' });
  if (!DNS1123_LABEL.test(value)) errs.push({ type: 'Invalid', field, value, detail: LABEL_MSG });
  return errs;
}

/** Label keys (`prefix/name`) and values. */
/**
 * Frozen label maps found valid: a ReplicaSet's pods share one frozen map, so each pod's create does not validate
 * it again (frozen: it cannot have changed since).
 */
const validFrozenLabels = new WeakSet<object>();

export function validateLabels(labels: Record<string, unknown> | undefined, field: string): FieldError[] {
  if (labels && validFrozenLabels.has(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const parts = k.split('/');
    const name = parts.length === 2 ? parts[1]! : parts[0]!;
    const prefix = parts.length === 2 ? parts[0]! : undefined;
    if (
      parts.length > 2 ||
      !QUALIFIED_NAME.test(name) ||
      name.length > 63 ||
      (prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix))
    ) {
      errs.push({
        type: 'Invalid',
        field,
        value: k,
        detail:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    }
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      errs.push({
        type: 'Invalid',
        field: `${field}`,
        value: v,
        detail:
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      });
    }
  }
  if (!errs.length && labels && Object.isFrozen(labels)) validFrozenLabels.add(labels);
  return errs;
}

export function validateNonNegative(value: unknown, field: string): FieldError[] {
  if (typeof value === 'number' && value < 0) {
    return [{ type: 'Invalid', field, value, detail: 'must be greater than or equal to 0' }];
  }
  return [];
}

export function validatePort(value: unknown, field: string): FieldError[] {
  if (typeof value === 'number' && (value < 1 || value > 65535)) {
    return [{ type: 'Invalid', field, value, detail: 'must be between 1 and 65535, inclusive' }];
  }
  return [];
}

export function validateQuantities(m: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(m ?? {})) {
    if (!isQuantity(v)) {
      errs.push({
        type: 'Invalid',
        field: `${field}[${k}]`,
        value: v,
        detail: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      });
    } else if (String(v).trim().startsWith('-')) {
      errs.push({
        type: 'Invalid',
        field: `${field}[${k}]`,
        value: v,
        detail: 'must be greater than or equal to 0',
      });
    }
  }
  return errs;
}
