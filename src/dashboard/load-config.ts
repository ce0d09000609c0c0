/**
 * Loads the dashboard config the URL names. Whatever goes wrong, the standard dashboard is shown
 * and the problem is named, so a bad config never leaves an SRE with an empty page mid-incident.
 */

import type { DashboardConfig } from './config-schema';
import { defaultDashboard } from './default-dashboard';
import { shownValue } from '../domain/shown-text';
import { isDashboardLocation } from './dashboard-location';

export interface LoadedDashboard {
  readonly config: DashboardConfig;
  /** What went wrong, in one sentence naming the file and the field; `null` when nothing did. */
  readonly problem: string | null;
}

/** Enough errors to fix the first few mistakes without burying the page. */
const MAX_ERRORS_SHOWN = 5;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a config from an http(s) URL or a path on this server (`/dashboards/example.json`, a file
 * under `public/`). `fetchJson` fetches and parses; whatever it throws is reported.
 */
export async function loadDashboardConfig(
  dashboardParam: string | null,
  fetchJson: (url: string) => Promise<unknown>,
): Promise<LoadedDashboard> {
  if (dashboardParam === null) return { config: defaultDashboard, problem: null };
  const fallback = (why: string): LoadedDashboard => ({
    config: defaultDashboard,
    problem: `Dashboard config ${shownValue(dashboardParam)} ${why}; showing the standard dashboard.`,
  });
  if (!isDashboardLocation(dashboardParam)) {
    return fallback('is neither an http(s) URL nor a path such as /dashboards/example.json');
  }
  let json: unknown;
  try {
    json = await fetchJson(dashboardParam);
  } catch (error) {
    return fallback(`could not be loaded: ${errorMessage(error)}`);
  }
  let schema: typeof import('./config-schema');
  try {
    // The schema (and zod with it) loads only when a config is named: most views never need it.
    schema = await import('./config-schema');
  } catch (error) {
    return fallback(`could not be checked: ${errorMessage(error)}`);
  }
  const { formatDashboardConfigErrors, parseDashboardConfig } = schema;
  const result = parseDashboardConfig(json);
  if (result.ok) return { config: result.value, problem: null };
  const lines = formatDashboardConfigErrors(result.errors);
  const more = lines.length - MAX_ERRORS_SHOWN;
  const shown = lines.slice(0, MAX_ERRORS_SHOWN).join('; ');
  return fallback(`is not valid: ${shown}${more > 0 ? ` (and ${String(more)} more)` : ''}`);
}

/**
 * The browser's `fetchJson` for `loadDashboardConfig`: plain messages for the usual failures —
 * an unreachable host or a cross-origin URL that does not allow this site, an HTTP error, and the
 * HTML page a development server answers for a file that is not there.
 */
export async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new Error(
      `network error (${errorMessage(error)}); is the server reachable, and does it allow this site (CORS)?`,
      { cause: error },
    );
  }
  if (!response.ok)
    throw new Error(`HTTP ${String(response.status)} ${response.statusText}`.trim());
  const body = await response.text();
  if (/^\s*</.test(body)) throw new Error('the server answered with an HTML page, not JSON');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new Error(`not JSON: ${errorMessage(error)}`, { cause: error });
  }
}
