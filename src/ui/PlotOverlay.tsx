import { useRef, useState, type MouseEvent } from 'react';
import type { MarkerGroup } from '../domain/marker-groups';
import { MarkerGroupDetails } from './ChangeDetails';
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
  /** The chart's change markers; hovering one shows what it stands for. */
  readonly markerGroups?: readonly MarkerGroup[];
  readonly timeZone?: string;
  /** Called with the dragged-over interval; absent = no drag zoom (e.g. on a wall screen). */
  readonly onZoom?: (startMs: number, endMs: number) => void;
}

/** Smaller drags are clicks, not zooms. */
const MIN_DRAG_PX = 4;
/** How close to a marker the mouse must be to show its details. */
const MARKER_HOVER_PX = 5;

/** The time of the marker nearest to `x`, if one is within reach. */
function markerNear(
  groups: readonly MarkerGroup[],
  x: number,
  xOfTime: (timeMs: number) => number,
): number | null {
  let best: number | null = null;
  let bestDistance = MARKER_HOVER_PX;
  for (const group of groups) {
    const distance = Math.abs(xOfTime(group.timeMs) - x);
    if (distance <= bestDistance) {
      best = group.timeMs;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A transparent layer over a chart's plot area: it turns mouse positions into times for the
 * shared crosshair, drags into zooms, and a mouse over a change marker into that change's
 * details. Doing this here rather than through the chart library means a mouse move re-renders
 * a 1-px line, not the chart.
 */
export function PlotOverlay(props: PlotOverlayProps) {
  const { area, startMs, endMs, cursor, onZoom } = props;
  const markerGroups = props.markerGroups ?? [];
  const cursorTime = useCursorTime(cursor);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const span = endMs - startMs;

  const xOf = (event: MouseEvent) => {
    const rect = layer.current?.getBoundingClientRect();
    const x = rect ? event.clientX - rect.left : 0;
    return Math.min(area.width, Math.max(0, x));
  };
  const timeOf = (x: number) => startMs + (x / area.width) * span;
  const xOfTime = (timeMs: number) => ((timeMs - startMs) / span) * area.width;
  const cursorX =
    cursorTime !== null && cursorTime >= startMs && cursorTime <= endMs
      ? xOfTime(cursorTime)
      : null;
  // By time, not index: a refresh may add markers while the mouse rests on one.
  const shown =
    hovered === null || drag ? undefined : markerGroups.find((g) => g.timeMs === hovered);
  const onPopover = (event: MouseEvent) =>
    event.target instanceof Node && popover.current?.contains(event.target) === true;

  return (
    <div
      ref={layer}
      className="plot-overlay"
      style={{ left: area.left, top: area.top, width: area.width, height: area.height }}
      onMouseMove={(event) => {
        // The open popover keeps its marker, so its link can be reached with the mouse.
        if (onPopover(event)) return;
        const x = xOf(event);
        cursor.set(timeOf(x));
        if (drag) setDrag({ ...drag, to: x });
        setHovered(markerNear(markerGroups, x, xOfTime));
      }}
      onMouseLeave={() => {
        cursor.set(null);
        setDrag(null);
        setHovered(null);
      }}
      onMouseDown={(event) => {
        if (onZoom && event.button === 0 && !onPopover(event)) {
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
      {shown && <div className="marker-hover-line" style={{ left: xOfTime(shown.timeMs) }} />}
      {shown && (
        <div
          ref={popover}
          className={`marker-popover${xOfTime(shown.timeMs) > area.width / 2 ? ' to-left' : ''}`}
          role="tooltip"
          style={{ left: xOfTime(shown.timeMs) }}
        >
          <MarkerGroupDetails group={shown} timeZone={props.timeZone ?? 'UTC'} />
        </div>
      )}
    </div>
  );
}
