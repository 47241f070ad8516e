import type { KindDef } from '../api/kinds';
import { any, arr, bool, obj, str } from '../api/schema';
import { rootSchema } from './common';

export const serviceAccountKind: KindDef = {
  kind: 'ServiceAccount',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'ServiceAccount',
    'ServiceAccount binds together a name understood by users and a principal that can be authenticated and authorized.',
    {
      secrets: arr(any()),
      imagePullSecrets: arr(obj('LocalObjectReference', { name: str() })),
      automountServiceAccountToken: bool(),
    },
  ),
};
