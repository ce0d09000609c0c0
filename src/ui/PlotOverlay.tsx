import { useRef, useState, type MouseEvent } from 'react';
import { useCursorTime, type CursorStore } from './cursor-store';

export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface PlotOverlayProps {
  readonly area: PlotArea;
  readonly startMs: number;
  readonly endMs: number;
  readonly cursor: CursorStore;
  /** Called with the dragged-over interval; absent = no drag zoom (e.g. on a wall screen). */
  readonly onZoom?: (startMs: number, endMs: number) => void;
}

/** Smaller drags are clicks, not zooms. */
const MIN_DRAG_PX = 4;

/**
 * A transparent layer over a chart's plot area: it turns mouse positions into times for the
 * shared crosshair, and drags into zooms. Doing this here rather than through the chart
 * library means a mouse move re-renders a 1-px line, not the chart.
 */
export function PlotOverlay({ area, startMs, endMs, cursor, onZoom }: PlotOverlayProps) {
  const cursorTime = useCursorTime(cursor);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const span = endMs - startMs;

  const xOf = (event: MouseEvent) => {
    const rect = layer.current?.getBoundingClientRect();
    const x = rect ? event.clientX - rect.left : 0;
    return Math.min(area.width, Math.max(0, x));
  };
  const timeOf = (x: number) => startMs + (x / area.width) * span;
  const cursorX =
    cursorTime !== null && cursorTime >= startMs && cursorTime <= endMs
      ? ((cursorTime - startMs) / span) * area.width
      : null;

  return (
    <div
      ref={layer}
      className="plot-overlay"
      style={{ left: area.left, top: area.top, width: area.width, height: area.height }}
      onMouseMove={(event) => {
        const x = xOf(event);
        cursor.set(timeOf(x));
        if (drag) setDrag({ ...drag, to: x });
      }}
      onMouseLeave={() => {
        cursor.set(null);
        setDrag(null);
      }}
      onMouseDown={(event) => {
        if (onZoom && event.button === 0) {
          const x = xOf(event);
          setDrag({ from: x, to: x });
        }
      }}
      onMouseUp={() => {
        if (drag && onZoom && Math.abs(drag.to - drag.from) >= MIN_DRAG_PX) {
          const a = timeOf(Math.min(drag.from, drag.to));
          const b = timeOf(Math.max(drag.from, drag.to));
          onZoom(Math.round(a), Math.round(b));
        }
        setDrag(null);
      }}
    >
      {cursorX !== null && <div className="crosshair" style={{ left: cursorX }} />}
      {drag && (
        <div
          className="zoom-selection"
          style={{ left: Math.min(drag.from, drag.to), width: Math.abs(drag.to - drag.from) }}
        />
      )}
    </div>
  );
}
