import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio, type TimelineFilter } from '../../state/store';
import { getHost } from '../../state/host';
import type { SimEvent } from '../../sim/engine/eventLog';
import { formatVirtual } from './formatTime';
import { HOP_COLOR } from '../diagram/palette';

const FILTERS: { id: TimelineFilter; kinds?: SimEvent['kind'][] }[] = [
  { id: 'all' },
  { id: 'requests', kinds: ['request', 'persist'] },
  { id: 'scheduling', kinds: ['bind'] },
  { id: 'kubelet', kinds: ['runtime', 'pull', 'probe', 'status'] },
  { id: 'events', kinds: ['event'] },
  { id: 'faults', kinds: ['fault'] },
  { id: 'docker', kinds: ['docker'] },
];

/** The scrubber (any earlier moment, through snapshots) and the filtered event list. */
export const Timeline = memo(function Timeline() {
  const { t } = useTranslation();
  const now = useStudio((s) => s.sim.now);
  const end = useStudio((s) => s.sim.end);
  const version = useStudio((s) => s.sim.version);
  const filter = useStudio((s) => s.ui.timelineFilter);
  const setUi = useStudio((s) => s.setUi);
  const host = getHost()!;

  const events = useMemo(() => {
    void version;
    const kinds = FILTERS.find((f) => f.id === filter)?.kinds;
    const log = host.cluster.log;
    const out: SimEvent[] = [];
    // newest first, reading only as many entries as the list shows
    for (let i = log.size - 1; i >= 0 && out.length < 100; i--) {
      const e = log.at(i)!;
      // watches and lease renewals are the bulk; the diagram shows them, the list would drown in them
      if (filter === 'all' && (e.kind === 'watch' || e.object?.kind === 'Lease')) continue;
      if (!kinds || kinds.includes(e.kind)) out.push(e);
    }
    return out;
  }, [host, version, filter]);

  const scrub = (v: number) => {
    host.setPlaying(false);
    host.scrubTo(v);
  };

  return (
    <div className="timeline" aria-label={t('pane.timeline')} role="region">
      <div className="timeline-bar">
        <input
          type="range"
          min={0}
          max={Math.max(end, 1)}
          step={100}
          value={Math.min(now, end)}
          aria-label={t('time.scrub')}
          aria-valuetext={formatVirtual(now)}
          data-testid="scrubber"
          onChange={(e) => scrub(Number(e.target.value))}
        />
        <span className="tl-time">
          {formatVirtual(now)} / {formatVirtual(end)}
        </span>
        {now < end && (
          <button type="button" className="btn" data-testid="to-live" onClick={() => host.toEnd()}>
            {t('time.live')}
          </button>
        )}
        <label className="field">
          <span className="sr-only">{t('timeline.filter')}</span>
          <select
            aria-label={t('timeline.filter')}
            value={filter}
            data-testid="timeline-filter"
            onChange={(e) => setUi({ timelineFilter: e.target.value as TimelineFilter })}
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {t(`timeline.${f.id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {events.length === 0 ? (
        <p className="tl-empty">{t('timeline.empty')}</p>
      ) : (
        <ol className="tl-list" data-testid="timeline-list">
          {events.map((e) => (
            <li key={e.seq}>
              <button
                type="button"
                onClick={() => scrub(e.time)}
                title={t('timeline.jump', { time: formatVirtual(e.time) })}
              >
                <span
                  className="tl-dot"
                  style={{ background: HOP_COLOR[e.kind] ?? '#999' }}
                  aria-hidden="true"
                />
                <time>{formatVirtual(e.time)}</time> <span className="tl-kind">{e.kind}</span> {e.summary}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
