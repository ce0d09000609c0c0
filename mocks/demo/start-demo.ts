import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { prometheusHandlers } from '../prometheus-api/handlers';
import { createSeriesStore } from '../promql/series-store';
import { generateScenario } from '../scenario/engine';
import { eventsFile } from '../scenario/events';
import { ruleAlerts } from '../scenario/rule-alerts';
import { statuspageIncidents } from '../scenario/statuspage';
import { shiftToNow } from '../scenario/placement';
import { isScenarioId, scenarios, type ScenarioId } from '../scenarios';

/**
 * Demo mode: a service worker answers the Prometheus API from a built-in scenario, so the app
 * runs with no Prometheus at all. `?scenario=a|b|c|quiet` picks the incident and
 * `?placement=real` shows it at its real dates; by default (`?placement=now`) it is shifted so
 * that its impact happened a few minutes ago and the dashboard looks live.
 */

export interface DemoInfo {
  readonly scenarioId: ScenarioId;
  readonly title: string;
  readonly placement: 'real' | 'now';
  /** A URL parameter the demo could not use, in words. */
  readonly problem: string | null;
}

const HOUR_MS = 3_600_000;

export type DemoChoice = Pick<DemoInfo, 'scenarioId' | 'placement' | 'problem'>;

/** What the URL asks the demo to show; a value it cannot use falls back and says so. */
export function readDemoChoice(params: URLSearchParams): DemoChoice {
  const requested = params.get('scenario') ?? 'a';
  const requestedPlacement = params.get('placement') ?? 'now';
  const problems = [
    ...(isScenarioId(requested)
      ? []
      : [`scenario=${requested} is not one of a, b, c, quiet; showing scenario a`]),
    ...(requestedPlacement === 'real' || requestedPlacement === 'now'
      ? []
      : [`placement=${requestedPlacement} is not one of now, real; showing it shifted to now`]),
  ];
  return {
    scenarioId: isScenarioId(requested) ? requested : 'a',
    placement: requestedPlacement === 'real' ? 'real' : 'now',
    problem: problems.length === 0 ? null : problems.join('; '),
  };
}

export const DEMO_DASHBOARD_PATH = '/demo/dashboard.json';
export const DEMO_STATUSPAGE_PATH = '/demo/statuspage.json';
export const DEMO_EVENTS_PATH = '/demo/events.json';

/**
 * The standard dashboard as a config file, with the scenario's status page and events file as
 * sources, so the demo shows those as well as what its queries find.
 */
export function demoDashboardJson() {
  const { title, scrapeIntervalSeconds, panels, variables, sources } = defaultDashboard;
  return {
    title,
    scrapeInterval: `${String(scrapeIntervalSeconds)}s`,
    panels,
    variables,
    sources: {
      ...sources,
      statuspage: { enabled: true, url: DEMO_STATUSPAGE_PATH },
      eventsFile: { enabled: true, url: DEMO_EVENTS_PATH },
    },
  };
}

export async function startDemo(location: Location, history: History): Promise<DemoInfo> {
  const params = new URLSearchParams(location.search);
  const { scenarioId, placement, problem } = readDemoChoice(params);

  const definition = scenarios[scenarioId];
  const nowMs = Date.now();
  const shiftMs = placement === 'real' ? 0 : shiftToNow(definition, nowMs);
  const generated = generateScenario(definition, { shiftMs });
  const store = createSeriesStore(generated.series);

  const worker = setupWorker(
    ...prometheusHandlers(() => store, {
      alerts: (atMs) => ruleAlerts(definition, shiftMs, atMs),
    }),
    http.get(DEMO_DASHBOARD_PATH, () => HttpResponse.json(demoDashboardJson())),
    http.get(DEMO_STATUSPAGE_PATH, () =>
      HttpResponse.json(statuspageIncidents(definition, shiftMs)),
    ),
    http.get(DEMO_EVENTS_PATH, () => HttpResponse.json(eventsFile(definition, shiftMs))),
  );
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });

  // Without a dashboard of its own, the demo's: the standard one plus the status page and events.
  const defaults = !params.has('dashboard');
  if (defaults) params.set('dashboard', DEMO_DASHBOARD_PATH);
  // Without an explicit range, open on the whole scenario so its story is in view.
  if (!params.has('from') && !params.has('to')) {
    if (placement === 'real') {
      params.set('from', String(generated.startMs));
      params.set('to', String(generated.endMs));
    } else {
      const hours = Math.max(1, Math.ceil((nowMs - generated.startMs) / HOUR_MS));
      params.set('from', `now-${String(hours)}h`);
      params.set('to', 'now');
    }
  }
  if (params.toString() !== new URLSearchParams(location.search).toString()) {
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  }
  return { scenarioId, title: definition.title, placement, problem };
}
