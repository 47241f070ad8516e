/**
 * ServiceAccount controller: every namespace gets a `default` ServiceAccount.
 */
import type { SimModule } from '../cluster';
import { CONTROLLER_MANAGER } from './util';

const NAME = 'serviceaccount-controller';

export const serviceAccountController: SimModule = {
  name: NAME,
  install(c) {
    c.registerReconciler(NAME, (ns) => {
      const n = c.api.get('Namespace', undefined, ns);
      if (!n || n.metadata.deletionTimestamp || c.api.get('ServiceAccount', ns, 'default')) return;
      c.api.create(
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
        { actor: CONTROLLER_MANAGER },
      );
    });
    c.api.watch('Namespace', (type, o) => {
      if (type !== 'DELETED') c.enqueue(NAME, o.metadata.name);
    });
    c.api.watch('ServiceAccount', (type, o) => {
      if (type === 'DELETED' && o.metadata.name === 'default') c.enqueue(NAME, o.metadata.namespace!);
    });
  },
};
