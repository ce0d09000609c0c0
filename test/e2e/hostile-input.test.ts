import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import {
  ALERT_NAME,
  CANARY,
  HOSTILE,
  scenarioHostile,
  TEN_KB_WORD,
  WEB_NAMESPACE,
  WEB_QUEUE,
  WEB_SERVICE,
  WORKER_SERVICE,
} from '../../mocks/scenarios/hostile-input';
import { siteRootWith } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import {
  DASHBOARD_TITLE,
  EVENT_TITLE,
  HOSTILE_PATHS,
  hostileSiteFiles,
  INCIDENT_TITLE,
  PANEL_TITLE,
  TARGET_NAME,
} from '../support/hostile-site';
import { startNginx } from '../support/nginx';
import { panelReading, SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * The production build behind the shipped nginx config and its strict CSP, in front of real
 * Prometheus holding the hostile scenario, with a dashboard config, status page and events file
 * whose every string is written to run script or break the layout. Nothing may run (the canary
 * global stays unset, no dialog opens, no CSP violation is reported), every string is shown as
 * the text it is, nothing is wider than the window, and unsafe links are never links.
 */

const HOUR = 3_600_000;
const impact = Date.parse(scenarioHostile.impactStart ?? '');
const RANGE = `from=${String(impact - 2 * HOUR)}&to=${String(impact + 75 * 60_000)}`;
const VIEWPORT = { width: 1600, height: 1200 };
/** Longer than any message needs to name a field and a value; far shorter than 10 KB. */
const MAX_MESSAGE = 600;

/**
 * Alerting rules Prometheus evaluates from its start, firing at once: ALERTS carries their
 * labels, `/api/v1/alerts` their annotations, which are written to run script (JSON strings
 * are YAML's double-quoted strings; the annotations hold no `{{`, so no template runs).
 */
const RULE_SUMMARY = `${HOSTILE.img} ${HOSTILE.script} ${HOSTILE.rtl} ${TEN_KB_WORD}`;
const RULES = `groups:
  - name: hostile
    rules:
      - alert: HostileAnnotations
        expr: vector(1)
        labels:
          severity: critical
          service: ${JSON.stringify(HOSTILE.svg)}
        annotations:
          summary: ${JSON.stringify(RULE_SUMMARY)}
          runbook_url: ${JSON.stringify(HOSTILE.javascriptLink)}
      - alert: HostileRunbook
        expr: vector(1)
        labels:
          severity: warning
        annotations:
          description: ${JSON.stringify(`${HOSTILE.svg} ${HOSTILE.zeroWidth}`)}
          runbook_url: ${JSON.stringify(HOSTILE.dataLink)}
`;

let prometheus: RunningService | undefined;
let nginx: RunningService | undefined;
let browser: Browser | undefined;
let work = '';

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'aftershock-e2e-hostile-'));
  prometheus = await startPrometheus(await backfill(generateScenario(scenarioHostile)), {
    rules: RULES,
  });
  [nginx, browser] = await Promise.all([
    startNginx({
      AFTERSHOCK_ROOT: await siteRootWith(join(work, 'site'), hostileSiteFiles()),
      AFTERSHOCK_UPSTREAM_URL: prometheus.url,
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await prometheus?.stop();
  await rm(work, { recursive: true, force: true });
});

interface Watched {
  readonly page: Page;
  readonly dialogs: string[];
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
  /** Everything that ran that should not have: canary writes and CSP violations. */
  ran(): Promise<{ canary: string[]; violations: string[] }>;
}

async function watchedPage(): Promise<Watched> {
  if (!browser) throw new Error('setup did not complete');
  const page = await browser.newPage({ viewport: VIEWPORT });
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  // Injected by the browser, not by the page: the CSP does not apply to it. The canary is a
  // setter, so a payload that sets it and deletes it again is caught as well.
  await page.addInitScript((canary: string) => {
    const seen = { canary: [] as string[], violations: [] as string[] };
    Object.defineProperty(window, '__hostileSeen', { value: seen });
    Object.defineProperty(window, canary, {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => {
        seen.canary.push(String(value));
      },
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.violations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${String(event.lineNumber)}`,
      );
    });
  }, CANARY);
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return {
    page,
    dialogs,
    pageErrors,
    consoleErrors,
    ran: () =>
      page.evaluate(
        () =>
          (window as unknown as { __hostileSeen: { canary: string[]; violations: string[] } })
            .__hostileSeen,
      ),
  };
}

/** Asserts that nothing of the hostile input ran, then closes the page. */
async function expectNothingRan(watched: Watched): Promise<void> {
  expect(await watched.ran()).toEqual({ canary: [], violations: [] });
  expect(watched.dialogs).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await watched.page.close();
}

/**
 * What the markup would have made, had it been parsed: elements the app never draws (`img`,
 * `iframe`, `object`, scripts beyond its own), inline event handlers, and links whose target is
 * not http(s) — except the app's own exports, which are downloads of text it wrote.
 */
function parsedMarkup(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const handlers = all.flatMap((element) =>
      [...element.attributes]
        .filter((a) => a.name.toLowerCase().startsWith('on'))
        .map((a) => `${element.tagName.toLowerCase()}[${a.name}]`),
    );
    const links = [...document.querySelectorAll('a[href]')].map((a) => ({
      href: a.getAttribute('href') ?? '',
      download: a.hasAttribute('download'),
    }));
    const unsafeLinks = links
      .filter(({ href, download }) => {
        const protocol = new URL(href, document.baseURI).protocol;
        if (protocol === 'http:' || protocol === 'https:') return false;
        return !(download && /^data:(text\/markdown|application\/json);/.test(href));
      })
      .map((link) => link.href.slice(0, 80));
    return {
      elements: [...document.querySelectorAll('img, iframe, object, embed, body svg[onload]')].map(
        (e) => e.tagName.toLowerCase(),
      ),
      scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? ''),
      handlers,
      unsafeLinks,
      javascriptOrDataAnchors: document.querySelectorAll(
        'a[href^="javascript:" i], a[href^=" javascript:" i], a[href^="data:text/html" i]',
      ).length,
    };
  });
}

/**
 * Every element whose visible part reaches past the window's right edge: its box clipped by
 * each ancestor that clips overflow. Text ellipsised or wrapped inside its box is fine; a
 * long word that pushes a panel, a list or a select out of the page is not.
 */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let right = box.right;
      for (let a = element.parentElement; a !== null; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible') right = Math.min(right, a.getBoundingClientRect().right);
      }
      if (right > width + 1) {
        const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
        out.push(`${name} reaches ${String(Math.round(right))} px`);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width,
      elements: out.slice(0, 10),
    };
  });
}

async function expectLayoutIntact(page: Page): Promise<void> {
  const layout = await overflowing(page);
  expect(layout.elements).toEqual([]);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
}

function open(watched: Watched, search: string) {
  if (!nginx) throw new Error('setup did not complete');
  return watched.page.goto(`${nginx.url}/?${search}`);
}

/** The problem lines above the panels, as shown. */
async function problemLines(page: Page): Promise<string[]> {
  await page.locator('p.problem').first().waitFor();
  return page.locator('p.problem').allTextContents();
}

describe('hostile names from Prometheus, the config, the status page and the events file', () => {
  it('shows each as the text it is, runs none of it and keeps the layout', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await open(watched, `dashboard=${HOSTILE_PATHS.dashboard}&${RANGE}`);

    const errors = await panelReading(page, 'error_ratio');
    expect(Math.max(...errors.pointsPerLine)).toBeGreaterThan(20);
    // The legend names the series by its labels, markup and all, as text.
    expect(errors.legend).toContain(`${TARGET_NAME} ${WEB_NAMESPACE} · ${WEB_SERVICE}`);
    const queue = await panelReading(page, 'queue_depth');
    expect(queue.legend.some((name) => name.includes(WEB_QUEUE))).toBe(true);
    await page.locator('.timeline-lane .lane-marker').first().waitFor();
    await page.waitForLoadState('networkidle');

    const error = page.locator('[data-panel="error_ratio"]');
    expect(await error.locator('h2').textContent()).toBe(PANEL_TITLE);
    expect(await page.locator('.dashboard-title').textContent()).toBe(DASHBOARD_TITLE);
    const text = await page.locator('body').innerText();
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain(HOSTILE.svg);
    // Every source was read: none of the hostile files was refused.
    expect(await page.locator('.lane-errors').count()).toBe(0);
    const incidents = await page
      .locator('.lane-incident[aria-label]')
      .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
    expect(incidents.some((label) => label.startsWith(`${TEN_KB_WORD} · `))).toBe(true);
    expect(incidents.some((label) => label.startsWith(`${INCIDENT_TITLE} · `))).toBe(true);
    expect(incidents.some((label) => label.startsWith(`${ALERT_NAME} · `))).toBe(true);

    expect(await parsedMarkup(page)).toEqual({
      elements: [],
      scripts: [expect.stringMatching(/^\/assets\/index-[\w-]+\.js$/)],
      handlers: [],
      unsafeLinks: [],
      javascriptOrDataAnchors: 0,
    });
    await expectLayoutIntact(page);
    // Panels keep their share of the row: hostile legends and titles do not widen one of them.
    const widths = await page
      .locator('[data-panel]')
      .evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().width)));
    expect(new Set(widths).size).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-dashboard.png`, fullPage: true });

    // The marker of the events file's change opens its details on hover, as text, with its link.
    const marker = page
      .locator('.lane-track')
      .first()
      .locator(`.lane-marker[aria-label*="${EVENT_TITLE.slice(0, 12)}"]`)
      .first();
    await marker.hover();
    const popover = page.locator('.lane-popover');
    await popover.waitFor();
    expect(await popover.locator('.lane-title').allTextContents()).toContain(EVENT_TITLE);
    const links = await popover
      .locator('a')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      `https://ci.example.com/build?q=%3Cscript%3Ewindow.__pwned=1%3C/script%3E`,
    ]);
    await expectLayoutIntact(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-marker.png` });

    // The 10 KB StatefulSet's rollout, reached by keyboard: wrapped inside the popover.
    const long = page
      .locator('.lane-track')
      .first()
      .locator(`.lane-marker[aria-label^="deploy long/${TEN_KB_WORD.slice(0, 19)}"]`)
      .first();
    await long.focus();
    const longPopover = page.locator('.lane-popover');
    await longPopover.waitFor();
    expect(await longPopover.innerText()).toContain(TEN_KB_WORD);
    const box = await longPopover.boundingBox();
    expect(box?.width ?? Infinity).toBeLessThanOrEqual(VIEWPORT.width / 2);
    expect(box?.height ?? Infinity).toBeLessThanOrEqual(VIEWPORT.height);
    await expectLayoutIntact(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-long-marker.png` });

    // A service with a reversed, zero-width name is offered by its exact name.
    const options = await page.locator('.lane-service option').allTextContents();
    expect(options).toContain(WORKER_SERVICE);
    await expectNothingRan(watched);
  });

  it('keeps a wall screen of them in one screen, running none of it', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await open(watched, `kiosk&dashboard=${HOSTILE_PATHS.dashboard}&${RANGE}`);
    await page.locator('.wall-header').waitFor();
    await expect.poll(() => page.locator('.status-tile').count()).toBeGreaterThanOrEqual(4);
    await page.locator('path.series-line').first().waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.wall-header h1').textContent()).toBe(DASHBOARD_TITLE);
    expect(await page.locator('.status-tile .tile-title').allTextContents()).toContain(PANEL_TITLE);
    await expectLayoutIntact(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(VIEWPORT.height);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-wall.png` });
    await expectNothingRan(watched);
  });
});

describe('hostile alert annotations from the rules', () => {
  it('shows an open alert’s summary as text, never its unsafe runbook as a link', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    // Live, so that the alerts firing now are open windows; refreshed until the rules wrote ALERTS.
    await open(watched, 'from=now-15m&to=now&refresh=10s');
    const bar = page.locator('.lane-incident[aria-label^="HostileAnnotations"]');
    await expect
      .poll(() => bar.getAttribute('aria-label'), { timeout: 60_000 })
      .toContain(`${HOSTILE.img} ${HOSTILE.script}`);
    const label = (await bar.getAttribute('aria-label')) ?? '';
    // Cut to 300 characters: the 10 KB word does not reach the label whole.
    expect(label.length).toBeLessThan(600);
    const other = page.locator('.lane-incident[aria-label^="HostileRunbook"]');
    await expect
      .poll(() => other.getAttribute('aria-label'), { timeout: 30_000 })
      .toContain(HOSTILE.svg);
    expect(await page.locator('a.lane-incident').count()).toBe(0);
    const markup = await parsedMarkup(page);
    expect(markup.unsafeLinks).toEqual([]);
    expect(markup.javascriptOrDataAnchors).toBe(0);
    expect(markup.elements).toEqual([]);
    expect(markup.handlers).toEqual([]);
    await expectLayoutIntact(page);
    await expectNothingRan(watched);
  });

  it('keeps the wall’s incident line one line, the summary cut and shown as text', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await open(watched, 'kiosk&from=now-15m&to=now&refresh=10s');
    const line = page.locator('.wall-incident');
    await expect.poll(() => line.textContent(), { timeout: 60_000 }).toContain(HOSTILE.script);
    const text = (await line.textContent()) ?? '';
    expect(text).toMatch(/^INCIDENT Hostile/);
    expect(text).toMatch(/for \d+ (s|min)/);
    const box = await line.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(44);
    // How long it has lasted stays in view; the summary is what is cut.
    const since = await page.locator('.wall-incident-since').boundingBox();
    expect((since?.x ?? Infinity) + (since?.width ?? 0)).toBeLessThanOrEqual(VIEWPORT.width);
    await expectLayoutIntact(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-alert-wall.png` });
    await expectNothingRan(watched);
  });
});

describe('hostile input that is refused', () => {
  it('names each URL parameter and its value, shortened, and runs none of it', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    const params = new URLSearchParams({
      theme: HOSTILE.img,
      refresh: HOSTILE.script,
      lookback: HOSTILE.svg,
      changes: HOSTILE.img,
      kiosk: HOSTILE.svg,
      suspect: HOSTILE.rtl,
      viewPanel: HOSTILE.svg,
      dashboard: HOSTILE.javascriptLink,
      [`var-${HOSTILE.img}`]: HOSTILE.script,
      'var-service': WEB_SERVICE,
      changeService: WEB_SERVICE,
    });
    await open(watched, `${params.toString()}&${RANGE}`);
    await panelReading(page, 'error_ratio');
    // nginx refuses a request line over 8 KB (414): a 10 KB value arrives by navigation in the
    // page, as the app's own links and the back button bring one.
    params.set('tz', TEN_KB_WORD);
    await page.evaluate((search) => {
      window.history.pushState(null, '', `/?${search}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `${params.toString()}&${RANGE}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(async () => (await problemLines(page)).length).toBeGreaterThanOrEqual(10);
    const lines = await problemLines(page);
    for (const [name, value] of [
      ['tz', `${TEN_KB_WORD.slice(0, 80)}…: not a time zone`],
      ['theme', HOSTILE.img],
      ['refresh', HOSTILE.script],
      ['lookback', HOSTILE.svg],
      ['changes', HOSTILE.img],
      ['kiosk', HOSTILE.svg],
      ['suspect', `\u2068${HOSTILE.rtl}\u2069: not a suspect`],
      ['viewPanel', HOSTILE.svg],
      ['dashboard', HOSTILE.javascriptLink],
      [`var-${HOSTILE.img}`, HOSTILE.script],
    ]) {
      expect(
        lines.filter((line) => line.startsWith(`URL parameter ${name}=${value}`)),
        name,
      ).toHaveLength(1);
    }
    for (const line of lines) expect(line.length, line.slice(0, 80)).toBeLessThan(MAX_MESSAGE);
    // The chosen service is a value like any other: its series are drawn, not refused.
    const errors = await panelReading(page, 'error_ratio');
    expect(errors.legend).toEqual([expect.stringContaining(WEB_SERVICE)]);
    expect(await page.locator('.variables summary').allTextContents()).toContain(
      `Service: ${WEB_SERVICE}`,
    );
    await expectLayoutIntact(page);
    expect(await parsedMarkup(page)).toMatchObject({ elements: [], handlers: [], unsafeLinks: [] });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-url.png`, fullPage: true });
    await expectNothingRan(watched);
  });

  it('names the fields and values of a refused dashboard config and shows the standard one', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await open(watched, `dashboard=${HOSTILE_PATHS.rejectedDashboard}&${RANGE}`);
    await panelReading(page, 'error_ratio');
    const [line = ''] = await problemLines(page);
    expect(line).toMatch(/^Dashboard config \/hostile\/rejected-dashboard\.json is not valid: /);
    expect(line).toContain(
      `title: must be at most 200 characters, got ${JSON.stringify(`${TEN_KB_WORD.slice(0, 80)}…`)} (10240)`,
    );
    expect(line).toContain(
      `sources.statuspage.url: expected an http(s) URL or a path such as /events.json, got "${HOSTILE.javascriptLink}"`,
    );
    expect(line).toContain(
      'sources.eventsFile.url: expected an http(s) URL or a path such as /events.json, got "data:text/html,',
    );
    expect(line.length).toBeLessThan(MAX_MESSAGE);
    expect(await page.locator('.dashboard-title').textContent()).toBe('Standard dashboard');
    await expectLayoutIntact(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-rejected-config.png` });
    await expectNothingRan(watched);
  });

  it('names the fields and values of a refused status page and events file', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await open(watched, `dashboard=${HOSTILE_PATHS.rejectedSources}&${RANGE}`);
    await panelReading(page, 'error_ratio');
    await expect.poll(() => page.locator('.lane-errors li').count()).toBe(2);
    const lines = await page.locator('.lane-errors li').allTextContents();
    const statuspage = lines.find((l) => l.startsWith('Source statuspage: ')) ?? '';
    const events = lines.find((l) => l.startsWith('Source eventsFile: ')) ?? '';
    expect(statuspage).toContain(
      `incidents[0].created_at: expected an RFC 3339 time, got ${JSON.stringify(`${TEN_KB_WORD.slice(0, 80)}…`)}`,
    );
    expect(events).toContain(
      `changes[0].title: must be at most 500 characters, got ${JSON.stringify(`${TEN_KB_WORD.slice(0, 80)}…`)} (10240)`,
    );
    expect(events).toContain(
      `changes[0].url: expected an http(s) URL, got "${HOSTILE.javascriptLink}"`,
    );
    for (const line of lines) expect(line.length).toBeLessThan(MAX_MESSAGE);
    await expectLayoutIntact(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-hostile-rejected-sources.png` });
    await expectNothingRan(watched);
  });
});
