import type { KindDef } from '../api/kinds';
import type { FieldError } from '../api/errors';
import { bool, map, str } from '../api/schema';
import { rootSchema } from './common';
import { MAX_CONFIG_BYTES, totalBytes, validateConfigKeys, validateImmutable } from './configData';

export const configMapKind: KindDef = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema('ConfigMap', 'ConfigMap holds configuration data for pods to consume.', {
    data: map(
      str(),
      "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field.",
    ),
    binaryData: map(
      str(),
      'BinaryData contains the binary data (base64). Keys may not overlap with the keys in the Data field.',
    ),
    immutable: bool(
      'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).',
    ),
  }),
  validate(o) {
    const errs: FieldError[] = [
      ...validateConfigKeys(o.data as Record<string, unknown>, 'data'),
      ...validateConfigKeys(o.binaryData as Record<string, unknown>, 'binaryData'),
    ];
    for (const k of Object.keys((o.binaryData as Record<string, string>) ?? {})) {
      if (k in ((o.data as Record<string, string>) ?? {}))
        errs.push({
          type: 'Invalid',
          field: `data[${k}]`,
          value: k,
          detail: 'duplicate of key present in binaryData',
        });
    }
    if (
      totalBytes(o.data as Record<string, string>, false) +
        totalBytes(o.binaryData as Record<string, string>, true) >
      MAX_CONFIG_BYTES
    ) {
      errs.push({ type: 'TooLong', field: '', detail: `must have at most ${MAX_CONFIG_BYTES} bytes` });
    }
    return errs;
  },
  validateUpdate: (o, old) => validateImmutable(o, old, ['data', 'binaryData']),
};
