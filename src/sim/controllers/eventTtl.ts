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
      // RFC 3339 timestamps of one format compare as strings.
      const cutoff = c.iso(c.now - EVENT_TTL_MS);
      c.store.each('Event', (e) => {
        if ((e as KEvent).lastTimestamp < cutoff)
          c.store.remove('Event', e.metadata.namespace, e.metadata.name);
      });
      c.clock.after(SWEEP_MS, 'events.sweep', null, 'events.sweep');
    });
  },
  bootstrap(c) {
    c.clock.after(SWEEP_MS, 'events.sweep', null, 'events.sweep');
  },
};
