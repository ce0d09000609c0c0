import { MARGIN, Y_AXIS_WIDTH } from './TimeSeriesChart';
import type { PlotInset } from './TimelineLane';

/**
 * The panel grid: as many columns of at least `PANEL_MIN_WIDTH_PX` as fit, never more than there
 * are panels. Counted here rather than left to CSS `auto-fit`, because the timeline lane puts one
 * track above each column and must know how many there are.
 */
export const PANEL_MIN_WIDTH_PX = 560;
export const PANEL_GAP_PX = 12;
/** A panel's border and padding (`.panel` in app.css). */
export const PANEL_FRAME_PX = 9;

export function panelColumns(widthPx: number, panelCount: number): number {
  const fit = Math.floor((widthPx + PANEL_GAP_PX) / (PANEL_MIN_WIDTH_PX + PANEL_GAP_PX));
  return Math.max(1, Math.min(fit, panelCount));
}

/** Where a chart's plot area begins and ends inside its column. */
export const PLOT_INSET: PlotInset = {
  left: PANEL_FRAME_PX + MARGIN.left + Y_AXIS_WIDTH,
  right: PANEL_FRAME_PX + MARGIN.right,
};
