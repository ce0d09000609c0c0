import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatDashboardConfigErrors,
  parseDashboardConfig,
} from '../../src/dashboard/config-schema';
import {
  defaultDashboard,
  defaultPanels,
  defaultSourceQueries,
} from '../../src/dashboard/default-dashboard';
import { defaultVariables } from '../../src/dashboard/variables';

const minimal = {
  title: 'Checkout',
  panels: [
    {
      id: 'errors',
      title: 'Errors',
      unit: 'percentunit',
      targets: [{ name: '5xx', expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' }],
    },
  ],
};

/** The errors of a config changed by `edit`, one line each as the page shows them. */
function errorsOf(edit: (config: Record<string, unknown>) => void): string[] {
  const config = structuredClone(minimal) as Record<string, unknown>;
  edit(config);
  const result = parseDashboardConfig(config);
  return result.ok ? [] : formatDashboardConfigErrors(result.errors);
}

const firstPanel = (config: Record<string, unknown>) =>
  (config.panels as Record<string, unknown>[])[0] ?? {};

describe('the standard dashboard', () => {
  it('is made of the default panels, variables and source queries', () => {
    expect(defaultDashboard.panels).toBe(defaultPanels);
    expect(defaultDashboard.variables.map((v) => v.name)).toEqual([
      'cluster',
      'namespace',
      'service',
    ]);
    expect(defaultDashboard.scrapeIntervalSeconds).toBe(15);
    const exprs = Object.values(defaultDashboard.sources).map((s) => (s as { expr: string }).expr);
    expect(exprs).toEqual(defaultSourceQueries.map((q) => q.expr));
  });

  it('is itself a valid config, written as JSON', () => {
    const { scrapeIntervalSeconds, ...rest } = defaultDashboard;
    const json: unknown = JSON.parse(
      JSON.stringify({ ...rest, scrapeInterval: `${String(scrapeIntervalSeconds)}s` }),
    );
    expect(parseDashboardConfig(json)).toEqual({ ok: true, value: defaultDashboard });
  });

  it('gives the API server’s and the queue’s targets their own units', () => {
    const units = (id: string) =>
      defaultPanels.find((p) => p.id === id)?.targets.map((t) => [t.name, t.unit]);
    expect(units('apiserver')).toEqual([
      ['requests', 'reqps'],
      ['in flight', 'count'],
      ['p99', 'seconds'],
      ['429', 'reqps'],
      ['APF rejected', 'reqps'],
    ]);
    expect(units('queue_depth')).toEqual([
      ['depth', 'count'],
      ['oldest job age', 'seconds'],
    ]);
  });
});

describe('parseDashboardConfig', () => {
  it('fills in the scrape interval, the standard variables and the standard sources', () => {
    const result = parseDashboardConfig(minimal);
    expect(result.ok && result.value.scrapeIntervalSeconds).toBe(15);
    expect(result.ok && result.value.variables).toEqual(defaultVariables);
    expect(result.ok && result.value.sources).toEqual(defaultDashboard.sources);
  });

  it('reads a source turned off or given its own query, and a file source', () => {
    const result = parseDashboardConfig({
      ...minimal,
      scrapeInterval: '1m',
      sources: {
        deploys: { enabled: false },
        alerts: { expr: 'ALERTS{severity="page"}' },
        eventsFile: { url: '/events.json' },
      },
    });
    expect(result.ok && result.value.scrapeIntervalSeconds).toBe(60);
    expect(result.ok && result.value.sources.deploys).toEqual({
      enabled: false,
      expr: defaultDashboard.sources.deploys.expr,
    });
    expect(result.ok && result.value.sources.alerts).toEqual({
      enabled: true,
      expr: 'ALERTS{severity="page"}',
    });
    expect(result.ok && result.value.sources.eventsFile).toEqual({
      enabled: true,
      url: '/events.json',
    });
    expect(result.ok && result.value.sources.statuspage).toBeUndefined();
  });

  it('lets $schema and x- fields through, and drops them', () => {
    const result = parseDashboardConfig({ ...minimal, $schema: './s.json', 'x-team': 'sre' });
    expect(result.ok && Object.keys(result.value)).toEqual([
      'title',
      'scrapeIntervalSeconds',
      'panels',
      'variables',
      'sources',
    ]);
  });

  it.each<[string, (config: Record<string, unknown>) => void, string[]]>([
    [
      'a status tile naming no target of its panel',
      (c) => {
        firstPanel(c).status = { target: '<p99>', warning: 1 };
      },
      ['panels[0].status.target: names "<p99>", which is no target of this panel (5xx)'],
    ],
    [
      'a status level that is not a number',
      (c) => {
        firstPanel(c).status = { critical: 'high' };
      },
      ['panels[0].status.critical: expected a number, got "high"'],
    ],
    [
      'a missing query',
      (c) => {
        (firstPanel(c).targets as Record<string, unknown>[]).push({ name: 'x' });
      },
      ['panels[0].targets[1].expr: required'],
    ],
    [
      'a missing title',
      (c) => {
        delete c.title;
      },
      ['title: required'],
    ],
    [
      'an empty title',
      (c) => {
        c.title = '';
      },
      ['title: must not be empty'],
    ],
    [
      'an unknown panel unit',
      (c) => {
        firstPanel(c).unit = 'ms';
      },
      ['panels[0].unit: expected one of percentunit, seconds, reqps, count, got "ms"'],
    ],
    [
      'an unknown target unit',
      (c) => {
        (firstPanel(c).targets as Record<string, unknown>[])[0] = {
          name: 'a',
          expr: 'up',
          unit: 'bytes',
        };
      },
      [
        'panels[0].targets[0].unit: expected one of percentunit, seconds, reqps, count, got "bytes"',
      ],
    ],
    [
      'a threshold that is not a number',
      (c) => {
        firstPanel(c).thresholds = { warning: '5%' };
      },
      ['panels[0].thresholds.warning: expected a number, got "5%"'],
    ],
    [
      'a misspelt field',
      (c) => {
        firstPanel(c).treshold = 1;
      },
      ['panels[0].treshold: unknown field'],
    ],
    [
      'a bad scrape interval',
      (c) => {
        c.scrapeInterval = '15 seconds';
      },
      ['scrapeInterval: expected a duration such as 15s or 1m, got "15 seconds"'],
    ],
    [
      'a scrape interval over an hour',
      (c) => {
        c.scrapeInterval = '2h';
      },
      ['scrapeInterval: must be from 1s to 1h, got "2h"'],
    ],
    [
      'no panels',
      (c) => {
        c.panels = [];
      },
      ['panels: must hold at least one panel'],
    ],
    [
      'a panel without targets',
      (c) => {
        firstPanel(c).targets = [];
      },
      ['panels[0].targets: must hold at least one target'],
    ],
    [
      'panels that are not an array',
      (c) => {
        c.panels = {};
      },
      ['panels: expected an array of panels, got an object'],
    ],
    [
      'a bad panel id',
      (c) => {
        firstPanel(c).id = 'error ratio';
      },
      ['panels[0].id: expected an id of letters, digits, _ and -, got "error ratio"'],
    ],
    [
      'a duplicate panel id',
      (c) => {
        (c.panels as unknown[]).push(firstPanel(c));
      },
      ['panels[1].id: duplicate id "errors", also panels[0]'],
    ],
    [
      'a variable named like a placeholder',
      (c) => {
        c.variables = [{ name: '__env', label: 'Env', labelName: 'env' }];
      },
      [
        'variables[0].name: expected a name of letters, digits and _ (not starting with __), got "__env"',
      ],
    ],
    [
      'a bad label name',
      (c) => {
        c.variables = [{ name: 'env', label: 'Env', labelName: 'env-name' }];
      },
      ['variables[0].labelName: expected a Prometheus label name, got "env-name"'],
    ],
    [
      'a duplicate variable',
      (c) => {
        c.variables = [
          { name: 'env', label: 'Env', labelName: 'env' },
          { name: 'env', label: 'E', labelName: 'e' },
        ];
      },
      ['variables[1].name: duplicate name "env", also variables[0]'],
    ],
    [
      'an undefined variable in a query',
      (c) => {
        (firstPanel(c).targets as Record<string, unknown>[])[0] = {
          name: 'a',
          expr: 'up{team=~"$team"}',
        };
      },
      [
        'panels[0].targets[0].expr: uses $team, which is not a variable of this dashboard (cluster, namespace, service)',
      ],
    ],
    [
      'a variable outside a string',
      (c) => {
        (firstPanel(c).targets as Record<string, unknown>[])[0] = {
          name: 'a',
          expr: 'sum by ($service) (up)',
        };
      },
      [
        'panels[0].targets[0].expr: uses $service outside a quoted string, where it is not expanded; write a matcher such as service=~"$service"',
      ],
    ],
    [
      'a variable whose choices depend on itself',
      (c) => {
        c.variables = [{ name: 'env', label: 'Env', labelName: 'env', match: 'up{env=~"$env"}' }];
      },
      ['variables[0].match: uses $env, the variable it offers the choices of'],
    ],
    [
      'an unknown source',
      (c) => {
        c.sources = { deploy: {} };
      },
      ['sources.deploy: unknown field'],
    ],
    [
      'a source switch that is not a boolean',
      (c) => {
        c.sources = { alerts: { enabled: 'no' } };
      },
      ['sources.alerts.enabled: expected true or false, got "no"'],
    ],
    [
      'a status page without its URL',
      (c) => {
        c.sources = { statuspage: {} };
      },
      ['sources.statuspage.url: required'],
    ],
    [
      'a status page on another scheme',
      (c) => {
        c.sources = { statuspage: { url: 'ftp://status' } };
      },
      [
        'sources.statuspage.url: expected an http(s) URL or a path such as /events.json, got "ftp://status"',
      ],
    ],
    [
      'a 10 KB title, quoting only its start',
      (c) => {
        c.title = `<img src=x onerror=alert(1)>${'W'.repeat(10_000)}`;
      },
      [
        `title: must be at most 200 characters, got "<img src=x onerror=alert(1)>${'W'.repeat(52)}…" (10028)`,
      ],
    ],
    [
      'a 10 KB status page URL, once',
      (c) => {
        c.sources = { statuspage: { url: `javascript:${'x'.repeat(10_000)}` } };
      },
      [
        `sources.statuspage.url: must be at most 2048 characters, got "javascript:${'x'.repeat(69)}…" (10011)`,
      ],
    ],
    [
      'a panel id with a bidi override, escaped so it cannot reverse the message',
      (c) => {
        firstPanel(c).id = 'errors\u202e';
      },
      ['panels[0].id: expected an id of letters, digits, _ and -, got "errors\\u202e"'],
    ],
  ])('names the field of %s and says why', (_, edit, expected) => {
    expect(errorsOf(edit)).toEqual(expected);
  });

  it('reports every wrong field at once, in the order of the file', () => {
    expect(
      errorsOf((c) => {
        c.sources = { alerts: { enabled: 1 } };
        firstPanel(c).unit = 'ms';
        delete c.title;
      }),
    ).toEqual([
      'title: required',
      'panels[0].unit: expected one of percentunit, seconds, reqps, count, got "ms"',
      'sources.alerts.enabled: expected true or false, got 1',
    ]);
  });

  it('names the file itself when it is not an object', () => {
    expect(parseDashboardConfig([])).toEqual({
      ok: false,
      errors: [{ path: '', message: 'expected an object, got an array' }],
    });
    expect(parseDashboardConfig(null)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'expected an object, got null' }],
    });
  });
});

describe('the example dashboard in public/dashboards', () => {
  it('is valid', () => {
    const file = new URL('../../public/dashboards/example.json', import.meta.url);
    const result = parseDashboardConfig(JSON.parse(readFileSync(file, 'utf8')));
    expect(result.ok ? [] : formatDashboardConfigErrors(result.errors)).toEqual([]);
    expect(result.ok && result.value.panels.map((p) => p.id)).toEqual([
      'errors',
      'latency',
      'traffic_and_backlog',
    ]);
  });
});
