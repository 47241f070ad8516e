import { memo, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** 'x': drag left/right (a vertical bar); 'y': drag up/down. */
  axis: 'x' | 'y';
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it. */
  sign?: 1 | -1;
  onChange(v: number): void;
  controls: string;
  /** Names its place in the grid (styles.css). */
  className?: string;
}

/** A keyboard-accessible splitter (WAI-ARIA window splitter): drag, or focus and use the arrow keys. */
export const Splitter = memo(function Splitter({
  axis,
  value,
  min,
  max,
  sign = 1,
  onChange,
  controls,
  className,
}: Props) {
  const { t } = useTranslation();
  const start = useRef<{ pos: number; value: number } | undefined>(undefined);
  const clamp = useCallback((v: number) => Math.round(Math.max(min, Math.min(max, v))), [min, max]);
  return (
    <div
      className={`splitter splitter-${axis}${className ? ` ${className}` : ''}`}
      role="separator"
      tabIndex={0}
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-controls={controls}
      aria-label={t('app.resizePane')}
      onPointerDown={(e) => {
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { pos: axis === 'x' ? e.clientX : e.clientY, value };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const d = (axis === 'x' ? e.clientX : e.clientY) - start.current.pos;
        onChange(clamp(start.current.value + sign * d));
      }}
      onPointerUp={() => (start.current = undefined)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        const grow = axis === 'x' ? ['ArrowRight'] : ['ArrowDown'];
        const shrink = axis === 'x' ? ['ArrowLeft'] : ['ArrowUp'];
        if (grow.includes(e.key)) onChange(clamp(value + sign * step));
        else if (shrink.includes(e.key)) onChange(clamp(value - sign * step));
        else if (e.key === 'Home') onChange(min);
        else if (e.key === 'End') onChange(max);
        else return;
        e.preventDefault();
      }}
    />
  );
});
