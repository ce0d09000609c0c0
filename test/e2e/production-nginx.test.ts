import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DASHBOARD_PATH,
  DEMO_EVENTS_PATH,
  DEMO_STATUSPAGE_PATH,
  demoDashboardJson,
} from '../../mocks/demo/start-demo';
import { generateScenario } from '../../mocks/scenario/engine';
import { eventsFile } from '../../mocks/scenario/events';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import { scenarios } from '../../mocks/scenarios';
import { E2E_OUT_DIR, servePreview, siteRootWith } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { startNginx } from '../support/nginx';
import { panelReading, SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';
import { startUpstreamProxy, type UpstreamProxy } from '../support/upstream-proxy';

/**
 * The production build behind the shipped nginx config, as a platform team runs it: real
 * nginx on 127.0.0.1 (config rendered by `deploy/nginx/render-config.sh`) in front of a gateway
 * that requires a bearer token and a tenant under a path prefix, in front of real Prometheus
 * holding scenario A. Chromium loads the app through nginx; every request, response, console
 * message and `securitypolicyviolation` event of the page is recorded.
 */

const TOKEN = `e2e-${randomUUID()}`;
const TENANT = 'team-oncall';
const PREFIX = '/gateway/prometheus';
const HOUR = 3_600_000;
const impactA = Date.parse(scenarios.a.impactStart ?? '');
const RANGE = `from=${String(impactA - 2 * HOUR)}&to=${String(impactA + HOUR)}`;
const PANELS_WITH_DATA = ['error_ratio', 'latency', 'apiserver', 'dns'];

let prometheus: RunningService | undefined;
let gateway: UpstreamProxy | undefined;
let nginx: RunningService | undefined;
let browser: Browser | undefined;
let work = '';

/**
 * The build, plus what a team serves beside it: a dashboard config with the scenario's status
 * page and events file as sources (same origin, as the CSP's connect-src requires).
 */
function siteRoot(): Promise<string> {
  return siteRootWith(join(work, 'site'), [
    [DEMO_DASHBOARD_PATH, demoDashboardJson()],
    [DEMO_STATUSPAGE_PATH, statuspageIncidents(scenarios.a, 0)],
    [DEMO_EVENTS_PATH, eventsFile(scenarios.a, 0)],
  ]);
}

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'aftershock-e2e-nginx-'));
  const tokenFile = join(work, 'token');
  await writeFile(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  prometheus = await startPrometheus(await backfill(generateScenario(scenarios.a)));
  gateway = await startUpstreamProxy({
    target: prometheus.url,
    pathPrefix: PREFIX,
    requireHeaders: { authorization: `Bearer ${TOKEN}`, 'x-scope-orgid': TENANT },
  });
  [nginx, browser] = await Promise.all([
    startNginx({
      AFTERSHOCK_ROOT: await siteRoot(),
      AFTERSHOCK_UPSTREAM_URL: `${gateway.url}${PREFIX}`,
      AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE: tokenFile,
      AFTERSHOCK_UPSTREAM_TENANT: TENANT,
      AFTERSHOCK_FRAME_ANCESTORS: "'self'",
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await gateway?.stop();
  await prometheus?.stop();
  await rm(work, { recursive: true, force: true });
});

function started() {
  if (!nginx || !gateway || !browser) throw new Error('setup did not complete');
  return { nginx, gateway, browser };
}

interface Exchange {
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
  readonly postData: string | null;
  readonly status: number;
  readonly responseHeaders: Record<string, string>;
  readonly body: string;
}

interface Watched {
  readonly page: Page;
  readonly exchanges: Exchange[];
  readonly console: { type: string; text: string }[];
  readonly pageErrors: string[];
  violations(): Promise<string[]>;
}

/** A page whose every exchange, console line, page error and CSP violation is kept. */
async function watchedPage(): Promise<Watched> {
  const page = await started().browser.newPage({ viewport: { width: 1600, height: 1200 } });
  const exchanges: Exchange[] = [];
  const pending: Promise<void>[] = [];
  const consoleLines: { type: string; text: string }[] = [];
  const pageErrors: string[] = [];
  // Injected by the browser, not by the page: the CSP does not apply to it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${String(event.lineNumber)}`,
      );
    });
  });
  page.on('console', (message) =>
    consoleLines.push({ type: message.type(), text: message.text() }),
  );
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        exchanges.push({
          url: request.url(),
          requestHeaders: await request.allHeaders(),
          postData: request.postData(),
          status: response?.status() ?? 0,
          responseHeaders: (await response?.allHeaders()) ?? {},
          body: (await response?.text().catch(() => '')) ?? '',
        });
      })(),
    );
  });
  return {
    page,
    exchanges,
    console: consoleLines,
    pageErrors,
    violations: async () => {
      await Promise.all(pending);
      return page.evaluate(
        () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
      );
    },
  };
}

/** Opens a view and waits until every panel with data has drawn and the network is quiet. */
async function openDashboard(watched: Watched, path: string): Promise<void> {
  await watched.page.goto(`${started().nginx.url}${path}`);
  for (const panel of PANELS_WITH_DATA) {
    const reading = await panelReading(watched.page, panel);
    expect(Math.max(...reading.pointsPerLine), panel).toBeGreaterThan(20);
  }
  await expect
    .poll(() => watched.page.locator('[data-panel="queue_depth"]').getAttribute('data-state'))
    .toBe('empty');
  await watched.page.locator('.timeline-lane .lane-marker').first().waitFor({ state: 'attached' });
  await watched.page.waitForLoadState('networkidle');
}

async function laneCounts(page: Page): Promise<{ changes: number; incidents: number }> {
  const text = (await page.locator('.lane-count').textContent()) ?? '';
  const [, changes = '0', incidents = '0'] = /(\d+) changes · (\d+) incidents/.exec(text) ?? [];
  return { changes: Number(changes), incidents: Number(incidents) };
}

/** Everything in an exchange the browser saw, as one string to search for secrets. */
function seenByBrowser(exchange: Exchange): string {
  return [
    exchange.url,
    JSON.stringify(exchange.requestHeaders),
    exchange.postData ?? '',
    JSON.stringify(exchange.responseHeaders),
    exchange.body,
  ].join('\n');
}

describe('the production build behind nginx with a strict CSP', () => {
  it('draws every panel with data, with no CSP violation, and credentials only upstream', async () => {
    const { nginx, gateway } = started();
    const watched = await watchedPage();
    const { page, exchanges } = watched;

    await openDashboard(watched, `/?${RANGE}`);
    const standard = await laneCounts(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-nginx-dashboard-a.png`, fullPage: true });
    // A config loaded and checked in the page (zod), with a status page and an events file.
    await openDashboard(watched, `/?dashboard=${DEMO_DASHBOARD_PATH}&${RANGE}`);
    const review = await laneCounts(page);
    expect(await page.locator('.lane-errors').count()).toBe(0);
    expect(review.incidents).toBeGreaterThan(standard.incidents);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-nginx-review-a.png`, fullPage: true });
    // The wall screen: status tiles with sparklines, the header, the charts.
    await page.goto(`${nginx.url}/?kiosk&${RANGE}`);
    await page.locator('.wall-header').waitFor();
    await expect.poll(() => page.locator('.status-tile').count()).toBeGreaterThanOrEqual(4);
    await page.locator('path.series-line').first().waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-nginx-wall-a.png` });

    expect(await watched.violations()).toEqual([]);
    expect(
      watched.console.filter(
        (line) => line.type === 'error' || /Content.Security/i.test(line.text),
      ),
    ).toEqual([]);
    expect(watched.pageErrors).toEqual([]);

    // Everything came from nginx's origin; nothing the browser sent or got holds the secret.
    expect(exchanges.filter((e) => !e.url.startsWith(`${nginx.url}/`))).toEqual([]);
    for (const exchange of exchanges) {
      expect(seenByBrowser(exchange), exchange.url).not.toContain(TOKEN);
      expect(Object.keys(exchange.requestHeaders), exchange.url).not.toContain('authorization');
      expect(Object.keys(exchange.requestHeaders), exchange.url).not.toContain('x-scope-orgid');
    }

    // Each API request of the browser reached the gateway once, under its prefix, with both.
    const apiCalls = exchanges
      .filter((e) => new URL(e.url).pathname.startsWith('/api/v1/'))
      .map((e) => {
        const url = new URL(e.url);
        return `${url.pathname}${url.search}`;
      });
    expect(apiCalls.length).toBeGreaterThan(20);
    expect(exchanges.filter((e) => e.url.includes('/api/v1/') && e.status !== 200)).toEqual([]);
    expect(gateway.requests.map((r) => r.url.replace(PREFIX, '')).sort()).toEqual(apiCalls.sort());
    for (const request of gateway.requests) {
      expect(request.url.startsWith(`${PREFIX}/api/v1/`)).toBe(true);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['x-scope-orgid']).toBe(TENANT);
    }

    // What the browser got: compressed scripts, styles and JSON; the policy on the page.
    const document = exchanges.find((e) => e.url === `${nginx.url}/?${RANGE}`);
    expect(document?.responseHeaders['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; connect-src 'self'; form-action 'self'; frame-ancestors 'self'",
    );
    const large = exchanges.filter(
      (e) =>
        /\.(js|css)$|\/api\/v1\/query_range/.test(new URL(e.url).pathname) && e.body.length > 4096,
    );
    expect(large.length).toBeGreaterThan(3);
    for (const exchange of large) {
      expect(exchange.responseHeaders['content-encoding'], exchange.url).toBe('gzip');
    }
    await page.close();
  });

  it('opens a deep link with query parameters as that view of the app', async () => {
    const watched = await watchedPage();
    const path = `/incidents/2024-01-30/review?${RANGE}&viewPanel=error_ratio&tz=America/Los_Angeles`;
    await watched.page.goto(`${started().nginx.url}${path}`);
    const reading = await panelReading(watched.page, 'error_ratio');
    expect(Math.max(...reading.pointsPerLine)).toBeGreaterThan(20);
    expect(await watched.page.locator('[data-panel]').count()).toBe(1);
    // 00:00 UTC on 30 January is 16:00 in Los Angeles.
    expect(reading.xTicks).toContain('16:00');
    const url = new URL(watched.page.url());
    expect(`${url.pathname}${url.search}`).toContain('/incidents/2024-01-30/review?');
    expect(url.searchParams.get('viewPanel')).toBe('error_ratio');
    expect(await watched.violations()).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.page.close();
  });
});

describe('caching and compression as configured', () => {
  async function get(path: string): Promise<Response> {
    return fetch(`${started().nginx.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  }

  it('caches hashed assets for a year and never caches index.html, also as the fallback', async () => {
    const html = await readFile(join(E2E_OUT_DIR, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe(
        'public, max-age=31536000, immutable',
      );
      expect(response.headers.get('content-encoding'), asset).toBe('gzip');
      expect(response.headers.get('vary'), asset).toBe('Accept-Encoding');
    }
    for (const path of ['/', '/index.html', '/some/deep/link?from=now-1h']) {
      const response = await get(path);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(html);
    }
  });

  it('answers a missing asset with a 404, not with index.html', async () => {
    const response = await get('/assets/index-missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.text()).not.toContain('<div id="root">');
  });

  it('compresses JSON files and API answers, and leaves the API’s caching to the upstream', async () => {
    const config = await get(DEMO_DASHBOARD_PATH);
    expect(config.headers.get('content-type')).toBe('application/json');
    expect(config.headers.get('content-encoding')).toBe('gzip');
    expect(config.headers.get('cache-control')).toBe('no-cache');
    const params = new URLSearchParams({
      query: 'up',
      start: String((impactA - HOUR) / 1000),
      end: String(impactA / 1000),
      step: '15',
    });
    const answer = await get(`/api/v1/query_range?${params.toString()}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-encoding')).toBe('gzip');
    expect(answer.headers.get('cache-control')).toBeNull();
    expect(((await answer.json()) as { status: string }).status).toBe('success');
  });
});

describe('the development proxy, for an engine under a path prefix', () => {
  it('sends /api/v1 under the path of PROMETHEUS_URL, with the token and tenant it is given', async () => {
    const { gateway } = started();
    const preview = await servePreview(`${gateway.url}${PREFIX}`, {
      PROMETHEUS_BEARER_TOKEN: TOKEN,
      PROMETHEUS_TENANT: TENANT,
    });
    try {
      const seen = gateway.requests.length;
      const response = await fetch(`${preview.url}/api/v1/label/job/values`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: string[] }).data.length).toBeGreaterThan(0);
      const received = gateway.requests.slice(seen);
      expect(
        received.map((r) => [r.url, r.headers.authorization, r.headers['x-scope-orgid']]),
      ).toEqual([[`${PREFIX}/api/v1/label/job/values`, `Bearer ${TOKEN}`, TENANT]]);
    } finally {
      await preview.stop();
    }
  });
});
