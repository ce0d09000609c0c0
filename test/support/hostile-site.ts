/**
 * The files a team serves beside the build, written by someone hostile: a dashboard config, a
 * status page and an events file for the hostile scenario whose every string carries markup,
 * bidi overrides, zero-width characters or unsafe links — each still valid, so that it is shown
 * — and a rejected twin of each, whose errors must name the field and the value without
 * quoting 10 KB back.
 */

import { demoDashboardJson } from '../../mocks/demo/start-demo';
import { eventsFile } from '../../mocks/scenario/events';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import {
  HOSTILE,
  scenarioHostile,
  TEN_KB_WORD,
  WEB_NAMESPACE,
  WEB_SERVICE,
} from '../../mocks/scenarios/hostile-input';

export const HOSTILE_PATHS = {
  dashboard: '/hostile/dashboard.json',
  statuspage: '/hostile/statuspage.json',
  events: '/hostile/events.json',
  rejectedDashboard: '/hostile/rejected-dashboard.json',
  rejectedSources: '/hostile/rejected-sources.json',
  rejectedStatuspage: '/hostile/rejected-statuspage.json',
  rejectedEvents: '/hostile/rejected-events.json',
} as const;

/** Panel titles and target names (within the config's limits: 200 and 100 characters). */
export const PANEL_TITLE = `Errors ${HOSTILE.img} ${HOSTILE.rtl}`;
export const TARGET_NAME = `5xx${HOSTILE.svg}`;
export const DASHBOARD_TITLE = `Hostile ${HOSTILE.script}${HOSTILE.zeroWidth}`;
export const EVENT_TITLE = `deploy ${HOSTILE.img} ${HOSTILE.script} ${HOSTILE.rtl}`;
export const INCIDENT_TITLE = `Incident ${HOSTILE.svg} ${HOSTILE.zeroWidth}`;

function dashboardWith(sources: { statuspage: string; eventsFile: string }) {
  const standard = demoDashboardJson();
  return {
    ...standard,
    title: DASHBOARD_TITLE,
    panels: standard.panels.map((panel) =>
      panel.id === 'error_ratio'
        ? {
            ...panel,
            title: PANEL_TITLE,
            targets: panel.targets.map((t) => ({ ...t, name: TARGET_NAME })),
          }
        : { ...panel, title: `${panel.title} ${HOSTILE.svg}` },
    ),
    variables: standard.variables.map((v) => ({ ...v, label: `${v.label} ${HOSTILE.img}` })),
    sources: {
      ...standard.sources,
      statuspage: { enabled: true, url: sources.statuspage },
      eventsFile: { enabled: true, url: sources.eventsFile },
    },
  };
}

/** The status page: a 10 KB incident name, markup in names and bodies, unsafe shortlinks. */
function hostileStatuspage() {
  const page = statuspageIncidents(scenarioHostile, 0);
  const links = [HOSTILE.javascriptLink, HOSTILE.dataLink];
  return {
    ...page,
    incidents: page.incidents.map((incident, i) => ({
      ...incident,
      shortlink: links[i % links.length],
    })),
  };
}

/** Markup in every text field of the events file, and an https link that is not what it says. */
function hostileEvents() {
  const file = eventsFile(scenarioHostile, 0);
  const web = file.changes.filter((c) => c.service === WEB_SERVICE);
  return {
    version: 1,
    changes: web.map((change, i) => ({
      ...change,
      id: `${HOSTILE.img}-${String(i)}`,
      namespace: WEB_NAMESPACE,
      title: EVENT_TITLE,
      ...(change.kind === 'deploy' ? { version: `v9${HOSTILE.svg}` } : {}),
      from: HOSTILE.script,
      to: HOSTILE.rtl,
      author: HOSTILE.zeroWidth,
      url: `https://ci.example.com/build?q=${HOSTILE.script}`,
      'x-note': HOSTILE.javascriptLink,
    })),
    incidents: [
      {
        id: HOSTILE.svg,
        title: INCIDENT_TITLE,
        start: '2024-03-12T10:31:00Z',
        end: '2024-03-12T10:49:00Z',
        severity: HOSTILE.img.slice(0, 40),
        url: 'https://status.example.com/incidents/1',
      },
    ],
  };
}

/** Dashboard config, status page and events file, path → JSON, as served beside the build. */
export function hostileSiteFiles(): [string, unknown][] {
  return [
    [
      HOSTILE_PATHS.dashboard,
      dashboardWith({ statuspage: HOSTILE_PATHS.statuspage, eventsFile: HOSTILE_PATHS.events }),
    ],
    [HOSTILE_PATHS.statuspage, hostileStatuspage()],
    [HOSTILE_PATHS.events, hostileEvents()],
    [
      HOSTILE_PATHS.rejectedDashboard,
      {
        ...dashboardWith({
          statuspage: HOSTILE.javascriptLink,
          eventsFile: HOSTILE.dataLink,
        }),
        title: TEN_KB_WORD,
      },
    ],
    [
      HOSTILE_PATHS.rejectedSources,
      dashboardWith({
        statuspage: HOSTILE_PATHS.rejectedStatuspage,
        eventsFile: HOSTILE_PATHS.rejectedEvents,
      }),
    ],
    [
      HOSTILE_PATHS.rejectedStatuspage,
      { incidents: [{ id: HOSTILE.img, name: HOSTILE.svg, created_at: TEN_KB_WORD }] },
    ],
    [
      HOSTILE_PATHS.rejectedEvents,
      {
        version: 1,
        changes: [
          {
            time: '2024-03-12T10:28:00Z',
            kind: 'deploy',
            service: WEB_SERVICE,
            title: TEN_KB_WORD,
            url: HOSTILE.javascriptLink,
          },
        ],
      },
    ],
  ];
}
