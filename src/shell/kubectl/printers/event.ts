/** Events: `LAST SEEN TYPE REASON OBJECT MESSAGE`. */
import type { KEvent } from '../../../sim/api/types';
import { ageOf } from './common';
import { registerPrinter } from './registry';

registerPrinter({
  kind: 'Event',
  headers: (wide) =>
    wide
      ? [
          'LAST SEEN',
          'TYPE',
          'REASON',
          'OBJECT',
          'SUBOBJECT',
          'SOURCE',
          'MESSAGE',
          'FIRST SEEN',
          'COUNT',
          'NAME',
        ]
      : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  row(obj, pc, wide) {
    const e = obj as KEvent;
    const io = e.involvedObject ?? { kind: '', name: '' };
    const target = `${(io.kind ?? '').toLowerCase()}/${io.name}`;
    const last = ageOf(pc, e.lastTimestamp ?? e.firstTimestamp);
    const msg = (e.message ?? '').trim();
    if (!wide) return [last, e.type, e.reason, target, msg];
    const source = [e.source?.component ?? '', e.source?.host ?? ''].filter(Boolean).join(', ');
    return [
      last,
      e.type,
      e.reason,
      target,
      io.fieldPath ?? '',
      source,
      msg,
      ageOf(pc, e.firstTimestamp),
      String(e.count ?? 1),
      e.metadata.name,
    ];
  },
});
