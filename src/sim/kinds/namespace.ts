import type { KindDef } from '../api/kinds';
import { any, arr, obj, str } from '../api/schema';
import { rootSchema } from './common';

export const namespaceKind: KindDef = {
  kind: 'Namespace',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  nameRule: 'label',
  hasStatus: true,
  schema: rootSchema(
    'Namespace',
    'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
    {
      spec: obj('NamespaceSpec', {
        finalizers: arr(
          str(),
          'Finalizers is an opaque list of values that must be empty to permanently remove the object from storage.',
        ),
      }),
      status: obj('NamespaceStatus', { phase: str('Active or Terminating.'), conditions: arr(any()) }),
    },
  ),
  defaults(o) {
    o.spec ??= {};
    o.spec.finalizers ??= ['kubernetes'];
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
  },
  initialStatus: () => ({ phase: 'Active' }),
};
