import { memo, useMemo, useState } from 'react';
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
  const open = useStudio((s) => s.ui.eventLogOpen);
  const [active, setActive] = useState(0);
  const host = getHost()!;

  const events = useMemo(() => {
    void version;
    if (!open) return [];
    const kinds = FILTERS.find((f) => f.id === filter)?.kinds;
    const log = host.cluster.log;
    const out: SimEvent[] = [];
    // newest first, reading only as many entries as the list shows
    for (let i = log.size - 1; i >= 0 && out.length < 100; i--) {
      const e = log.at(i)!;
      // watches and lease renewals are the bulk; the diagram shows them, the list would drown in them
      // (and the store's own persist rows: every request has one; the Requests filter still shows them)
      if (filter === 'all' && (e.kind === 'watch' || e.kind === 'persist' || e.object?.kind === 'Lease'))
        continue;
      if (!kinds || kinds.includes(e.kind)) out.push(e);
    }
    return out;
  }, [host, version, filter, open]);

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
        <button
          type="button"
          className="btn"
          data-testid="event-log-toggle"
          aria-expanded={open}
          aria-controls="event-log"
          onClick={() => setUi({ eventLogOpen: !open })}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('timeline.show')}
        </button>
        {open && (
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
        )}
      </div>
      {!open ? null : events.length === 0 ? (
        <p className="tl-empty" id="event-log">
          {t('timeline.empty')}
        </p>
      ) : (
        // one Tab stop: a listbox moved through with the arrow keys (Enter goes back to that moment)
        <ol
          className="tl-list"
          id="event-log"
          data-testid="timeline-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('timeline.list')}
          aria-activedescendant={`tl-${events[Math.min(active, events.length - 1)]!.seq}`}
          onKeyDown={(e) => {
            const last = events.length - 1;
            const cur = Math.min(active, last);
            let next: number | undefined;
            if (e.key === 'ArrowDown') next = Math.min(last, cur + 1);
            else if (e.key === 'ArrowUp') next = Math.max(0, cur - 1);
            else if (e.key === 'Home') next = 0;
            else if (e.key === 'End') next = last;
            else if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              scrub(events[cur]!.time);
              return;
            }
            if (next === undefined) return;
            e.preventDefault();
            setActive(next);
            document.getElementById(`tl-${events[next]!.seq}`)?.scrollIntoView({ block: 'nearest' });
          }}
        >
          {events.map((e, i) => (
            <li
              key={e.seq}
              id={`tl-${e.seq}`}
              role="option"
              aria-selected={i === Math.min(active, events.length - 1)}
              className={i === Math.min(active, events.length - 1) ? 'active' : undefined}
              onClick={() => {
                setActive(i);
                scrub(e.time);
              }}
              title={t('timeline.jump', { time: formatVirtual(e.time) })}
            >
              <span
                className="tl-dot"
                style={{ background: HOP_COLOR[e.kind] ?? '#999' }}
                aria-hidden="true"
              />
              <time>{formatVirtual(e.time)}</time> <span className="tl-kind">{e.kind}</span> {e.summary}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
