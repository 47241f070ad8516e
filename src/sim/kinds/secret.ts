import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { bool, map, str } from '../api/schema';
import { rootSchema } from './common';
import {
  base64Error,
  encodeBase64,
  MAX_CONFIG_BYTES,
  totalBytes,
  validateConfigKeys,
  validateImmutable,
} from './configData';

/** Keys a typed Secret must carry. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export const secretKind: KindDef = {
  kind: 'Secret',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'Secret',
    'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
    {
      data: map(
        str(),
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string.",
      ),
      stringData: map(
        str(),
        'stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API.',
      ),
      type: str(
        'Used to facilitate programmatic handling of secret data (Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth, kubernetes.io/service-account-token…).',
      ),
      immutable: bool(
        'Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified).',
      ),
    },
  ),
  defaults(o) {
    o.type ??= 'Opaque';
    if (o.stringData && typeof o.stringData === 'object') {
      const data = { ...((o.data as Record<string, string>) ?? {}) };
      for (const [k, v] of Object.entries(o.stringData as Record<string, unknown>))
        data[k] = encodeBase64(String(v ?? ''));
      o.data = data;
      delete o.stringData;
    }
  },
  validate(o) {
    const data = (o.data as Record<string, string>) ?? {};
    const errs: FieldError[] = validateConfigKeys(data, 'data');
    for (const [k, v] of Object.entries(data)) {
      const at = base64Error(String(v));
      if (at >= 0)
        errs.push({
          type: 'Invalid',
          field: `data[${k}]`,
          value: '<secret contents redacted>',
          detail: `illegal base64 data at input byte ${at}`,
        });
    }
    for (const key of REQUIRED_KEYS[String(o.type)] ?? []) {
      if (!(key in data)) errs.push({ type: 'Required', field: `data[${key}]` });
    }
    if (o.type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
      errs.push({ type: 'Required', field: 'data[username]' });
    }
    if (totalBytes(data, true) > MAX_CONFIG_BYTES)
      errs.push({ type: 'TooLong', field: 'data', detail: `must have at most ${MAX_CONFIG_BYTES} bytes` });
    return errs;
  },
  validateUpdate(o, old) {
    const errs = validateImmutable(o, old, ['data']);
    if ((o.type ?? 'Opaque') !== (old.type ?? 'Opaque'))
      errs.push({ type: 'Invalid', field: 'type', value: o.type, detail: 'field is immutable' });
    return errs;
  },
};
