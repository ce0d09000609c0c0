/**
 * The view as the URL states it, with Grafana's parameter names where Grafana has them. The URL
 * is the one source of truth: the app reads it with `parseView` and changes the view only by
 * writing a new URL from `serializeView`.
 */

import { ALL_CHANGES, showsAllKinds, type ChangeFilter } from '../domain/change-filter';
import { CHANGE_KINDS, type ChangeKind } from '../domain/changes';
import { isTimeZone, type TimeZoneSetting } from '../domain/format-time';
import { promDuration } from '../domain/rate-interval';
import { shownValue } from '../domain/shown-text';
import {
  absoluteTime,
  formatTimeExpression,
  isOrdered,
  parseTimeExpression,
  relativeTime,
  zoomOut,
  type AbsoluteRange,
  type TimeExpression,
} from '../domain/time-range';
import {
  ANALYSIS_PARAMS,
  analysisParamPairs,
  parseAnalysisParams,
  type AnalysisParams,
} from './analysis-params';
import { isDashboardLocation } from './dashboard-location';
import { ALL_VALUE } from './query-template';
import { VARIABLE_NAME } from './variables';

export interface ViewState {
  readonly from: TimeExpression;
  readonly to: TimeExpression;
  /** Seconds between refreshes; `null` is off. */
  readonly refreshSeconds: number | null;
  readonly tz: TimeZoneSetting;
  /** Chosen values per variable (`var-<name>`, repeated); a variable left out means "all". */
  readonly variables: Readonly<Record<string, readonly string[]>>;
  /** The id of a panel shown alone (Grafana's `viewPanel`). */
  readonly viewPanel: string | null;
  /** `null` follows the system's preference. */
  readonly theme: 'dark' | 'light' | null;
  /** Where the dashboard config comes from: an http(s) URL or a path on this server. */
  readonly dashboard: string | null;
  /** Wall mode (Grafana's `kiosk`). */
  readonly kiosk: boolean;
  /** Which changes are drawn: `changes=deploy,scale` (or `none`) and `changeService=<name>`. */
  readonly changeFilter: ChangeFilter;
  /** The pinned suspect (`suspect`) and the look-back for suspects (`lookback`). */
  readonly analysis: AnalysisParams;
}

/** A URL parameter that could not be used, with the value that was given. */
export interface ParameterProblem {
  readonly parameter: string;
  readonly value: string;
  readonly message: string;
}

/**
 * A problem as the page states it, naming the parameter and its value: the value shortened,
 * as a 10 KB one must not fill the page, and isolated, as an RTL override in it must not
 * reverse the message after it. The key is shortened too: `var-<anything>` is a parameter.
 */
export function parameterProblemText(problem: ParameterProblem): string {
  return `URL parameter ${shownValue(problem.parameter)}=${shownValue(problem.value)}: ${problem.message}`;
}

export interface ParsedView {
  readonly view: ViewState;
  readonly problems: ParameterProblem[];
}

export const MIN_REFRESH_SECONDS = 10;
export const MAX_REFRESH_SECONDS = 3600;

/** UTC by default, so that a shared link shows the same times to everyone who opens it. */
export const defaultView: ViewState = {
  from: { kind: 'relative', offsetMs: -6 * 3_600_000, text: 'now-6h' },
  to: { kind: 'relative', offsetMs: 0, text: 'now' },
  refreshSeconds: null,
  tz: 'UTC',
  variables: {},
  viewPanel: null,
  theme: null,
  dashboard: null,
  kiosk: false,
  changeFilter: ALL_CHANGES,
  analysis: { suspect: null, lookbackMs: null },
};

export const RANGE_PRESETS: readonly { readonly label: string; readonly from: string }[] = [
  ['5m', 'Last 5 minutes'],
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last 1 hour'],
  ['3h', 'Last 3 hours'],
  ['6h', 'Last 6 hours'],
  ['12h', 'Last 12 hours'],
  ['24h', 'Last 24 hours'],
  ['2d', 'Last 2 days'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
].map(([amount = '', label = '']) => ({ label, from: `now-${amount}` }));

/** The refresh intervals offered (off is `null`, not listed). */
export const REFRESH_CHOICES: readonly { readonly label: string; readonly seconds: number }[] = [
  10, 30, 60, 300, 900, 1800, 3600,
].map((seconds) => ({ label: promDuration(seconds), seconds }));

// Zoom out and shift live with the time range; they are here too, next to the toolbar's presets.
export { shiftRange, zoomOut } from '../domain/time-range';

const OWNED = new Set([
  'from',
  'to',
  'refresh',
  'tz',
  'viewPanel',
  'theme',
  'dashboard',
  'kiosk',
  'changes',
  'changeService',
  ...ANALYSIS_PARAMS,
]);
const VARIABLE_PREFIX = 'var-';

function isOwned(key: string): boolean {
  return OWNED.has(key) || key.startsWith(VARIABLE_PREFIX);
}

const REFRESH = /^(\d{1,6})([smh])$/;
const REFRESH_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };
const KIOSK_ON = new Set(['', '1', 'true', 'full', 'tv']);
const KIOSK_OFF = new Set(['0', 'false']);

/** Reads the view from a query string; a bad parameter is reported and replaced by its default. */
export function parseView(search: string): ParsedView {
  const params = new URLSearchParams(search);
  const problems: ParameterProblem[] = [];
  const problem = (parameter: string, value: string, message: string): void => {
    problems.push({ parameter, value, message });
  };

  const time = (name: 'from' | 'to'): TimeExpression => {
    const text = params.get(name);
    if (text === null) return defaultView[name];
    const parsed = parseTimeExpression(text);
    if (parsed !== null) return parsed;
    const fallback = formatTimeExpression(defaultView[name]);
    problem(name, text, `expected now-<n><s|m|h|d|w>, RFC 3339 or epoch ms; using ${fallback}`);
    return defaultView[name];
  };
  let from = time('from');
  let to = time('to');
  if (isOrdered(from, to) === false) {
    const [f, t] = [formatTimeExpression(from), formatTimeExpression(to)];
    // Named on `to` when `from` was already reported (and replaced), so each name is said once.
    if (problems.some((p) => p.parameter === 'from')) {
      problem('to', params.get('to') ?? t, `must be after from (${f}); using now-6h to now`);
    } else {
      problem('from', params.get('from') ?? f, `must be before to (${t}); using now-6h to now`);
    }
    ({ from, to } = defaultView);
  }

  let refreshSeconds: number | null = null;
  const refresh = params.get('refresh');
  const refreshMatch = refresh === null ? null : REFRESH.exec(refresh);
  if (refresh !== null && refresh !== 'off') {
    const [, amount, unit = 's'] = refreshMatch ?? [];
    const seconds = Number(amount) * (REFRESH_UNIT_SECONDS[unit] ?? 1);
    if (refreshMatch === null) {
      problem('refresh', refresh, 'expected an interval such as 30s, 5m or 1h, or off; using off');
    } else if (seconds < MIN_REFRESH_SECONDS) {
      problem(
        'refresh',
        refresh,
        `below the minimum of ${String(MIN_REFRESH_SECONDS)}s; using 10s`,
      );
      refreshSeconds = MIN_REFRESH_SECONDS;
    } else if (seconds > MAX_REFRESH_SECONDS) {
      problem('refresh', refresh, 'above the maximum of 1h; using 1h');
      refreshSeconds = MAX_REFRESH_SECONDS;
    } else refreshSeconds = seconds;
  }

  let tz: TimeZoneSetting = defaultView.tz;
  const tzText = params.get('tz');
  if (tzText !== null) {
    if (tzText === 'browser' || isTimeZone(tzText)) tz = tzText;
    else {
      const message =
        'not a time zone: expected UTC, browser or an IANA name such as Europe/Berlin';
      problem('tz', tzText, `${message}; using UTC`);
    }
  }

  // A Map, not an object: `var-constructor` must not find Object's own properties.
  const chosen = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (!key.startsWith(VARIABLE_PREFIX)) continue;
    const name = key.slice(VARIABLE_PREFIX.length);
    if (!VARIABLE_NAME.test(name)) {
      problem(key, value, 'not a variable name (letters, digits and _); ignored');
      continue;
    }
    const values = chosen.get(name) ?? [];
    if (!values.includes(value)) chosen.set(name, [...values, value]);
  }
  // Grafana writes "all" as `$__all`; here "all" is a variable left out.
  const variables = Object.fromEntries([...chosen].filter(([, v]) => !v.includes(ALL_VALUE)));

  const viewPanel = params.get('viewPanel');
  if (viewPanel === '') problem('viewPanel', viewPanel, 'expected a panel id; showing all panels');

  const themeText = params.get('theme');
  const theme = themeText === 'dark' || themeText === 'light' ? themeText : null;
  if (themeText !== null && theme === null) {
    problem('theme', themeText, 'expected dark or light; following the system');
  }

  const dashboardText = params.get('dashboard');
  const dashboard =
    dashboardText !== null && isDashboardLocation(dashboardText) ? dashboardText : null;
  if (dashboardText !== null && dashboard === null) {
    const message = 'expected an http(s) URL or a path such as /dashboards/example.json';
    problem('dashboard', dashboardText, `${message}; using the standard dashboard`);
  }

  const kioskText = params.get('kiosk');
  const kiosk = kioskText !== null && KIOSK_ON.has(kioskText);
  if (kioskText !== null && !kiosk && !KIOSK_OFF.has(kioskText)) {
    problem('kiosk', kioskText, 'expected kiosk, kiosk=1 or kiosk=0; kiosk mode is off');
  }

  const changeFilter = parseChangeFilter(params, problem);
  const analysis = parseAnalysisParams(params, problem);

  const view: ViewState = {
    from,
    to,
    refreshSeconds,
    tz,
    variables,
    viewPanel: viewPanel === '' ? null : viewPanel,
    theme,
    dashboard,
    kiosk,
    changeFilter,
    analysis,
  };
  return { view, problems };
}

const NO_KINDS = 'none';

function isChangeKind(text: string): text is ChangeKind {
  return (CHANGE_KINDS as readonly string[]).includes(text);
}

/** `changes=deploy,config` (kinds in any order, `none` for none) and `changeService=api`. */
function parseChangeFilter(
  params: URLSearchParams,
  problem: (parameter: string, value: string, message: string) => void,
): ChangeFilter {
  let kinds = ALL_CHANGES.kinds;
  const kindsText = params.get('changes');
  if (kindsText !== null && kindsText !== NO_KINDS) {
    const named = kindsText.split(',').map((k) => k.trim());
    const unknown = named.filter((k) => !isChangeKind(k));
    if (unknown.length > 0 || kindsText === '') {
      const expected = `expected kinds from ${CHANGE_KINDS.join(', ')} separated by commas, or none`;
      problem('changes', kindsText, `${expected}; showing every kind`);
    } else kinds = CHANGE_KINDS.filter((k) => named.includes(k));
  } else if (kindsText === NO_KINDS) kinds = [];
  const serviceText = params.get('changeService');
  if (serviceText === '')
    problem('changeService', serviceText, 'expected a service name; showing all');
  return { kinds, service: serviceText === null || serviceText === '' ? null : serviceText };
}

/**
 * Encodes a query component as URLSearchParams reads it back, leaving `/ : $ , @` readable (they
 * are allowed in a query) so that links to dashboards and `$__all` stay legible.
 */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%(2F|3A|24|2C|40)/g, (escape) =>
    decodeURIComponent(escape),
  );
}

function formKey(raw: string): string {
  const key = raw.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/**
 * Writes the view as a query string (with its leading `?`, or `''` when there is nothing to
 * write). Defaults are left out so URLs stay short; parameters the view does not own (the demo's
 * `scenario`, say) are kept as they were written, after the view's own.
 */
export function serializeView(view: ViewState, currentSearch: string): string {
  const pairs: string[] = [];
  const add = (key: string, value: string | null): void => {
    pairs.push(value === null ? encode(key) : `${encode(key)}=${encode(value)}`);
  };
  const fromText = formatTimeExpression(view.from);
  const toText = formatTimeExpression(view.to);
  if (fromText !== formatTimeExpression(defaultView.from)) add('from', fromText);
  if (toText !== formatTimeExpression(defaultView.to)) add('to', toText);
  if (view.refreshSeconds !== null) add('refresh', promDuration(view.refreshSeconds));
  if (view.tz !== defaultView.tz) add('tz', view.tz);
  for (const [name, values] of Object.entries(view.variables)) {
    for (const value of values) add(`${VARIABLE_PREFIX}${name}`, value);
  }
  if (view.viewPanel !== null) add('viewPanel', view.viewPanel);
  if (view.theme !== null) add('theme', view.theme);
  if (view.dashboard !== null) add('dashboard', view.dashboard);
  if (view.kiosk) add('kiosk', null);
  if (!showsAllKinds(view.changeFilter)) {
    add(
      'changes',
      view.changeFilter.kinds.length === 0 ? NO_KINDS : view.changeFilter.kinds.join(','),
    );
  }
  if (view.changeFilter.service !== null) add('changeService', view.changeFilter.service);
  for (const [key, value] of analysisParamPairs(view.analysis)) add(key, value);

  const foreign = currentSearch
    .replace(/^\?/, '')
    .split('&')
    .filter((raw) => raw !== '' && !isOwned(formKey(raw)));
  const all = [...pairs, ...foreign];
  return all.length === 0 ? '' : `?${all.join('&')}`;
}

/** The view over an absolute range, as a drag-zoom, zoom-out or shift leaves it. */
export function viewWithRange(view: ViewState, range: AbsoluteRange): ViewState {
  return { ...view, from: absoluteTime(range.startMs), to: absoluteTime(range.endMs) };
}

/**
 * Zooms out, keeping a live view live: `now-1h` to `now` becomes `now-2h` to `now`, so refresh
 * goes on; any other view gets the absolute range of `zoomOut`, never reaching past now.
 */
export function zoomOutView(
  view: ViewState,
  range: AbsoluteRange,
  nowMs: number,
  factor = 2,
): ViewState {
  const zoomed = zoomOut(range, factor, nowMs);
  if (view.to.kind === 'relative' && view.to.offsetMs === 0 && zoomed.endMs >= nowMs) {
    return { ...view, from: relativeTime(zoomed.startMs - nowMs), to: defaultView.to };
  }
  return viewWithRange(view, zoomed);
}
