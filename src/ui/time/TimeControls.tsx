import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { SPEEDS } from '../../state/simHost';
import { formatVirtual } from './formatTime';

/** Play / pause, single step, speed, the virtual clock, the seed and reset. */
export const TimeControls = memo(function TimeControls() {
  const { t } = useTranslation();
  const playing = useStudio((s) => s.sim.playing);
  const speed = useStudio((s) => s.sim.speed);
  const now = useStudio((s) => s.sim.now);
  const seed = useStudio((s) => s.sim.seed);
  const ahead = useStudio((s) => s.sim.ahead);
  const [seedText, setSeedText] = useState<string | undefined>(undefined);
  const [asking, setAsking] = useState<{ seed: number; count: number } | undefined>(undefined);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);
  const host = getHost()!;
  return (
    <div className="time-controls" role="group" aria-label={t('time.clock')}>
      <button
        type="button"
        className="btn primary"
        data-testid="play"
        aria-pressed={playing}
        onClick={() => host.setPlaying(!playing)}
        title={playing ? t('time.pause') : t('time.play')}
      >
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          {playing ? (
            <path d="M2 1h3v10H2zM7 1h3v10H7z" fill="currentColor" />
          ) : (
            <path d="M2 1l9 5-9 5z" fill="currentColor" />
          )}
        </svg>{' '}
        {playing ? t('time.pause') : t('time.play')}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="step"
        onClick={() => host.step()}
        title={t('time.step')}
        aria-label={t('time.step')}
      >
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14">
          <path d="M2 2l7 5-7 5z" fill="currentColor" />
          <rect x="10" y="2" width="2" height="10" fill="currentColor" />
        </svg>
      </button>
      <label className="field">
        <span className="sr-only">{t('time.speed')}</span>
        <select
          data-testid="speed"
          value={speed}
          onChange={(e) => host.setSpeed(Number(e.target.value))}
          aria-label={t('time.speed')}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <output
        className={`clock${playing ? '' : ' paused'}`}
        data-testid="clock"
        aria-label={t('time.clock')}
        title={playing ? t('time.running') : t('time.pausedHint')}
      >
        {formatVirtual(now)}
      </output>
      {!playing && (
        <span className="paused-badge" data-testid="paused" title={t('time.pausedHint')}>
          {t('time.paused')}
        </span>
      )}
      {ahead > 0 && (
        <span className="replaying" data-testid="replaying">
          {t('time.replaying', { count: ahead })}
        </span>
      )}
      <form
        className="seed"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(seedText ?? seed);
          // a reset throws work away: it asks first, saying how much goes (and the notice after offers Undo)
          if (Number.isInteger(n) && n >= 0) setAsking({ seed: n, count: host.commands.length });
        }}
      >
        <label>
          <span>{t('time.seed')}</span>
          <input
            data-testid="seed"
            inputMode="numeric"
            size={6}
            value={seedText ?? String(seed)}
            onChange={(e) => setSeedText(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="submit" className="btn" title={t('time.setSeed')} data-testid="reset">
          <span aria-hidden="true">↺</span> {t('time.reset')}
        </button>
      </form>
      {asking && (
        <div
          className="confirm"
          role="alertdialog"
          aria-modal="false"
          aria-labelledby="reset-ask"
          data-testid="reset-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setAsking(undefined);
          }}
        >
          <p id="reset-ask">
            {asking.count
              ? t('time.resetAsk', { count: asking.count })
              : t('time.resetAskEmpty', { seed: asking.seed })}
          </p>
          <button
            type="button"
            className="btn danger"
            data-testid="reset-yes"
            onClick={() => {
              host.reset(asking.seed);
              setSeedText(undefined);
              setAsking(undefined);
            }}
          >
            {t('time.resetYes')}
          </button>
          <button ref={cancelRef} type="button" className="btn" onClick={() => setAsking(undefined)}>
            {t('time.cancel')}
          </button>
        </div>
      )}
    </div>
  );
});
