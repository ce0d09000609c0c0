import { PANEL_GAP_PX } from './panel-grid';

/**
 * A wall screen is laid out for 1920 × 1080 CSS px and zoomed to the screen: a 4K screen shows
 * the same layout twice as large, so text sized for a 55" 1080p screen read from 5 m stays that
 * size on any wall, and nothing scrolls.
 */
export const WALL_BASE = { width: 1920, height: 1080 } as const;

/** Parts of the wall above the charts (`.kiosk` in app.css), in base px. */
export const WALL_HEADER_PX = 108;
export const WALL_TILES_PX = 190;
export const WALL_SUSPECT_PX = 44;
export const WALL_PADDING_PX = 12;

export interface WallLayout {
  /** CSS zoom of the whole screen. */
  readonly zoom: number;
  /** The layout's size in base px, after zoom. */
  readonly width: number;
  readonly height: number;
  readonly columns: number;
  readonly rows: number;
  /** Height of each panel, header and legends included. */
  readonly panelHeight: number;
}

/** Zoom, columns and panel heights for `panelCount` panels on a screen of this size. */
export function wallLayout(
  screen: { readonly width: number; readonly height: number },
  panelCount: number,
  withSuspect: boolean,
): WallLayout {
  const fit = Math.min(screen.width / WALL_BASE.width, screen.height / WALL_BASE.height);
  const zoom = Math.max(0.5, Math.min(4, fit));
  const width = screen.width / zoom;
  const height = screen.height / zoom;
  // Wide walls take more columns; three fit 1920 px with room for axes and legends.
  const columns = Math.max(1, Math.min(panelCount, Math.round((3 * width) / WALL_BASE.width)));
  const rows = Math.max(1, Math.ceil(panelCount / columns));
  const above = WALL_HEADER_PX + WALL_TILES_PX + (withSuspect ? WALL_SUSPECT_PX : 0);
  const available = height - above - 2 * WALL_PADDING_PX - (rows - 1) * PANEL_GAP_PX;
  return { zoom, width, height, columns, rows, panelHeight: Math.floor(available / rows) };
}
