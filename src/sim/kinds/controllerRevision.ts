import type { KindDef } from '../api/kinds';
import { any, int } from '../api/schema';
import { rootSchema } from './common';

/** ControllerRevision: an immutable snapshot of a DaemonSet's or StatefulSet's pod template (their history). */
export const controllerRevisionKind: KindDef = {
  kind: 'ControllerRevision',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  nameRule: 'subdomain',
  hasStatus: false,
  schema: rootSchema(
    'ControllerRevision',
    'ControllerRevision implements an immutable snapshot of state data. Clients are responsible for serializing and deserializing the objects that contain their internal state.',
    {
      data: any('Data is the serialized representation of the state.'),
      revision: int('Revision indicates the revision of the state represented by Data.', 'int64'),
    },
  ),
  validateUpdate(o, old) {
    return JSON.stringify(o.data) !== JSON.stringify(old.data)
      ? [{ type: 'Invalid', field: 'data', value: '', detail: 'field is immutable' }]
      : [];
  },
};
