/**
 * Events expire one hour after they were last seen (kube-apiserver --event-ttl=1h), so long runs stay bounded.
 */
import type { SimModule } from '../cluster';
import type { KEvent } from '../api/types';

export const EVENT_TTL_MS = 3_600_000;
const SWEEP_MS = 60_000;

export const eventTtl: SimModule = {
  name: 'event-ttl',
  install(c) {
    c.clock.on('events.sweep', () => {
      const cutoff = c.now - EVENT_TTL_MS;
      for (const e of c.store.list('Event') as KEvent[]) {
        if (c.fromIso(e.lastTimestamp) < cutoff) c.store.remove('Event', e.metadata.namespace, e.metadata.name);
      }
      c.clock.after(SWEEP_MS, 'events.sweep', null, 'events.sweep');
    });
  },
  bootstrap(c) {
    c.clock.after(SWEEP_MS, 'events.sweep', null, 'events.sweep');
  },
};
