import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { liveAnchorMs } from '../../mocks/scenario/placement';
import { scenarios } from '../../mocks/scenarios';
import { servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';

/**
 * The production build in live mode (last hour, 10 s refresh) in Debian's Chromium, talking to
 * real Prometheus holding scenario A through the fault-injecting proxy. Each fault hits the DNS
 * panel's query only, so the other panels show what a fault elsewhere does to them: nothing.
 * Playwright's clock drives the app's timers (refresh, backoff, Retry-After) a second at a time,
 * each second's requests answered before the next, so minutes of refreshes take seconds.
 */

const LIVE = '/?from=now-1h&to=now&refresh=10s';
const AFFECTED = 'dns';
/** In the DNS panel's PromQL and in no other query the page sends. */
const AFFECTED_QUERY = 'coredns_dns_responses_total';
/** The panels of scenario A that draw lines; queue depth has no data in it. */
const OTHERS = ['error_ratio', 'latency', 'apiserver'];
const DRAWN = [...OTHERS, AFFECTED];
const REFRESH_MS = 10_000;
const MINUTE = 60_000;

let blocks = '';
let prometheus: RunningService | undefined;
let proxy: FaultProxy | undefined;
let app: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  blocks = await backfill(generateScenario(scenarios.a));
  prometheus = await startPrometheus(blocks);
  proxy = await startFaultProxy(prometheus.url);
  [app, browser] = await Promise.all([servePreview(proxy.url), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await proxy?.stop();
  await prometheus?.stop();
});

afterEach(() => {
  proxy?.setFaults([]);
});

/** What beforeAll started; it throws if setup failed, rather than testing nothing. */
function started() {
  if (!prometheus || !proxy || !app || !browser) throw new Error('setup did not complete');
  return { prometheus, proxy, app, browser };
}

interface PanelState {
  readonly state: string | null;
  readonly lines: number;
  /** The stale badge's tooltip (`kind: message`), null without a badge. */
  readonly staleTitle: string | null;
  /** The typed failure of a panel that has nothing to show: kind and message. */
  readonly failure: { readonly kind: string; readonly message: string } | null;
  readonly capNotice: string | null;
}

interface LivePage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly pageErrors: string[];
  panel(id: string): Promise<PanelState>;
  /** Moves the page's clock on a second at a time until `done` holds; the simulated ms taken. */
  advanceUntil(done: () => Promise<boolean>, limitMs: number, what: string): Promise<number>;
  /** Moves the page's clock on by `ms`, a second at a time. */
  advance(ms: number): Promise<void>;
  /** Durations of every long task the page had, in ms. */
  longTasks(): Promise<number[]>;
  close(): Promise<void>;
}

/** Until no API request is open and none started for a moment of real time. */
function watchSettled(page: Page, unwaited: string | null) {
  let open = 0;
  let lastAt = Date.now();
  const isApi = (request: { url(): string }) => {
    const url = decodeURIComponent(request.url());
    return url.includes('/api/v1/') && (unwaited === null || !url.includes(unwaited));
  };
  page.on('request', (request) => {
    if (!isApi(request)) return;
    open += 1;
    lastAt = Date.now();
  });
  const done = (request: { url(): string }) => {
    if (!isApi(request)) return;
    open -= 1;
    lastAt = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async (quietMs = 40, maxMs = 20_000) => {
    const until = Date.now() + maxMs;
    while (Date.now() < until && (open > 0 || Date.now() - lastAt < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
}

interface OpenOptions {
  /** When the first load is done; by default when every panel of scenario A has drawn. */
  readonly ready?: (live: LivePage) => Promise<boolean>;
  /** Requests containing this are not waited for before the clock moves on. */
  readonly unwaited?: string;
  /** The page's path and query; by default the last hour, refreshed every 10 s. */
  readonly search?: string;
}

/** The live dashboard, its clock paused at scenario A's live anchor, once the first load is done. */
async function openLive({
  ready = allDrawn,
  unwaited,
  search = LIVE,
}: OpenOptions = {}): Promise<LivePage> {
  const context = await started().browser.newContext({ viewport: { width: 1600, height: 1100 } });
  const startMs = liveAnchorMs(scenarios.a);
  await context.clock.install({ time: startMs });
  // From here on the clock moves only when the test moves it.
  await context.clock.pauseAt(startMs + 1_000);
  await context.addInitScript(() => {
    const durations: number[] = [];
    Object.assign(window, { longTaskDurations: durations });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const settle = watchSettled(page, unwaited ?? null);
  const step = async () => {
    await context.clock.runFor(1_000);
    await settle();
  };
  const live: LivePage = {
    page,
    context,
    pageErrors,
    panel: (id) =>
      page.locator(`[data-panel="${id}"]`).evaluate((element) => ({
        state: element.getAttribute('data-state'),
        lines: element.querySelectorAll('path.series-line').length,
        staleTitle: element.querySelector('.badge-stale')?.getAttribute('title') ?? null,
        failure: element.querySelector('.panel-error')
          ? {
              kind: element.querySelector('.panel-error strong')?.textContent ?? '',
              message: element.querySelector('.panel-error span')?.textContent ?? '',
            }
          : null,
        capNotice: element.querySelector('.panel-cap')?.textContent ?? null,
      })),
    async advanceUntil(done, limitMs, what) {
      for (let elapsed = 0; elapsed <= limitMs; elapsed += 1_000) {
        if (await done()) return elapsed;
        await step();
      }
      throw new Error(`${what}: not within ${String(limitMs / 1000)} s of the page's clock`);
    },
    async advance(ms) {
      for (let elapsed = 0; elapsed < ms; elapsed += 1_000) await step();
    },
    longTasks: () =>
      page.evaluate(() => (window as unknown as { longTaskDurations: number[] }).longTaskDurations),
    close: () => context.close(),
  };
  await page.goto(`${started().app.url}${search}`);
  await settle();
  await live.advanceUntil(() => ready(live), 30_000, 'the first load');
  return live;
}

async function allDrawn(live: LivePage): Promise<boolean> {
  const states = await Promise.all(DRAWN.map((id) => live.panel(id)));
  return states.every((s) => s.state === 'chart' && s.lines > 0 && s.staleTitle === null);
}

/** A first load is done when the other panels have drawn and the affected one is in `state`. */
function othersDrawnAnd(affected: (panel: PanelState) => boolean) {
  return async (live: LivePage) => {
    const [dns, ...others] = await Promise.all([AFFECTED, ...OTHERS].map((id) => live.panel(id)));
    return (
      dns !== undefined && affected(dns) && others.every((o) => o.state === 'chart' && o.lines > 0)
    );
  };
}

/** Every panel but the affected one draws its lines, fresh. */
async function othersFresh(live: LivePage): Promise<void> {
  for (const id of OTHERS) {
    const panel = await live.panel(id);
    expect(panel, id).toMatchObject({ state: 'chart', staleTitle: null, failure: null });
    expect(panel.lines, id).toBeGreaterThan(0);
  }
  expect((await live.panel('queue_depth')).state).toBe('empty');
}

/** Requests the proxy received since `from` whose path and query contain `text`. */
function requestsSince(from: number, text: string): number {
  return (proxy?.requests ?? []).slice(from).filter((request) => request.includes(text)).length;
}

interface FaultCase {
  readonly name: string;
  readonly fault: Fault;
  /** The error kind the panel names, and what its message says. */
  readonly kind: string;
  readonly message: RegExp;
}

const FAULT_CASES: readonly FaultCase[] = [
  {
    name: '503 with a text/plain body',
    fault: { kind: 'unavailable', body: 'upstream down for maintenance' },
    kind: 'unavailable',
    message: /^HTTP 503: upstream down for maintenance$/,
  },
  {
    name: '429 with Retry-After',
    fault: { kind: 'too_many', retryAfterSeconds: 3 },
    kind: 'unavailable',
    message: /^HTTP 429: too many outstanding requests$/,
  },
  {
    // The reset cuts the app's server off from Prometheus, not the browser from the app's
    // server: the browser gets that server's 502, as it does from nginx in production.
    name: 'a connection reset',
    fault: { kind: 'reset' },
    kind: 'unavailable',
    message: /^HTTP 502/,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated' },
    kind: 'malformed',
    message: /JSON/,
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed' },
    kind: 'malformed',
    message: /JSON/,
  },
];

describe('one panel’s query failing behind the fault proxy', () => {
  it.each(FAULT_CASES)(
    '$name: that panel alone shows $kind, keeps its last data marked stale, and recovers by itself',
    async ({ fault, kind, message }) => {
      const { proxy } = started();
      const only = [{ fault, match: AFFECTED_QUERY }];

      // On the first load the panel has nothing to keep: it says what failed, typed.
      proxy.setFaults(only);
      const live = await openLive({ ready: othersDrawnAnd((dns) => dns.state === 'error') });
      const failed = await live.panel(AFFECTED);
      expect(failed.failure?.kind).toBe(kind);
      expect(failed.failure?.message).toMatch(message);
      await othersFresh(live);

      // The fault gone, the next refresh draws the panel: nobody has to reload.
      proxy.setFaults([]);
      await live.advanceUntil(
        async () => (await live.panel(AFFECTED)).state === 'chart',
        3 * REFRESH_MS,
        'recovery from the error',
      );

      // A refresh failing after a success keeps the last data on screen, marked stale.
      proxy.setFaults(only);
      const mark = proxy.requests.length;
      await live.advanceUntil(
        async () => (await live.panel(AFFECTED)).staleTitle !== null,
        3 * REFRESH_MS,
        'the stale badge',
      );
      const stale = await live.panel(AFFECTED);
      expect(stale.state).toBe('chart');
      expect(stale.lines).toBeGreaterThan(0);
      expect(stale.staleTitle?.startsWith(`${kind}: `)).toBe(true);
      expect(stale.staleTitle?.slice(kind.length + 2)).toMatch(message);
      // The other panels refreshed meanwhile, and their answers were fine.
      expect(requestsSince(mark, 'http_requests_total')).toBeGreaterThan(0);
      await othersFresh(live);

      proxy.setFaults([]);
      await live.advanceUntil(
        async () => (await live.panel(AFFECTED)).staleTitle === null,
        3 * REFRESH_MS,
        'recovery from stale',
      );
      expect((await live.panel(AFFECTED)).lines).toBeGreaterThan(0);
      await othersFresh(live);
      expect(live.pageErrors).toEqual([]);
      await live.close();
    },
  );
});

describe('a slow query', () => {
  const slowDns = [{ fault: { kind: 'latency', delayMs: 10_000 } as const, match: AFFECTED_QUERY }];
  /** The client gives up after 10 s of its own time, which the page's fake clock does not move. */
  const TIMED_OUT = /^Prometheus did not answer in time$/;

  it('10 s latency on the first load: the others draw, that panel loads, then says timeout', async () => {
    started().proxy.setFaults(slowDns);
    const live = await openLive({
      ready: othersDrawnAnd((dns) => dns.state === 'loading'),
      unwaited: AFFECTED_QUERY,
    });
    await othersFresh(live);
    // From here the clock runs as clocks do, refreshing every 10 s.
    await live.context.clock.resume();
    await expect
      .poll(async () => (await live.panel(AFFECTED)).failure?.kind, { timeout: 40_000 })
      .toBe('timeout');
    expect((await live.panel(AFFECTED)).failure?.message).toMatch(TIMED_OUT);
    await othersFresh(live);
    expect(live.pageErrors).toEqual([]);
    await live.close();
  });

  it('10 s latency after a success: that panel keeps its data marked stale (timeout), then recovers', async () => {
    const live = await openLive();
    await live.context.clock.resume();
    started().proxy.setFaults(slowDns);
    await expect
      .poll(async () => (await live.panel(AFFECTED)).staleTitle, { timeout: 40_000 })
      .toMatch(/^timeout: /);
    const stale = await live.panel(AFFECTED);
    expect(stale.staleTitle?.slice('timeout: '.length)).toMatch(TIMED_OUT);
    expect(stale.lines).toBeGreaterThan(0);
    await othersFresh(live);
    started().proxy.setFaults([]);
    await expect
      .poll(async () => (await live.panel(AFFECTED)).staleTitle, { timeout: 40_000 })
      .toBeNull();
    expect(live.pageErrors).toEqual([]);
    await live.close();
  });
});

describe('a huge answer', () => {
  it('50,000 series on the first load: that panel draws the top 50 with a notice', async () => {
    const { proxy } = started();
    proxy.setFaults([{ fault: { kind: 'huge', seriesCount: 50_000 }, match: AFFECTED_QUERY }]);
    const live = await openLive({
      ready: othersDrawnAnd((dns) => dns.state === 'chart' && dns.capNotice !== null),
    });
    const dns = await live.panel(AFFECTED);
    expect(dns.capNotice).toBe('showing top 50 of 50,000 series by peak');
    expect(dns.lines).toBe(50);
    // The proxy gives series `node-i` a peak of i + 19: the top 50 are the last 50.
    const legend = await live.page
      .locator(`[data-panel="${AFFECTED}"] .legend-name`)
      .allTextContents();
    const instances = legend
      .map((name) => Number(/node-(\d+)/.exec(name)?.[1]))
      .sort((a, b) => a - b);
    expect(instances).toEqual(Array.from({ length: 50 }, (_, i) => 49_950 + i));
    await othersFresh(live);
    // From the page's start: the app's own start is in it, so this is a figure, not a bar.
    const longest = Math.max(0, ...(await live.longTasks()));
    console.info(`50,000 series on the first load: longest task ${longest.toFixed(0)} ms`);
    proxy.setFaults([]);
    expect(live.pageErrors).toEqual([]);
    await live.close();
  });

  it('50,000 series arriving in a live refresh: no long task over 200 ms while it is handled', async () => {
    const { proxy } = started();
    const live = await openLive();
    const before = (await live.longTasks()).length;
    proxy.setFaults([{ fault: { kind: 'huge', seriesCount: 50_000 }, match: AFFECTED_QUERY }]);
    await live.advanceUntil(
      async () => (await live.panel(AFFECTED)).capNotice !== null,
      MINUTE,
      'the huge answer',
    );
    const dns = await live.panel(AFFECTED);
    expect(dns.capNotice).toBe('showing top 50 of 50,000 series by peak');
    expect(dns.lines).toBe(50);
    await othersFresh(live);
    const during = (await live.longTasks()).slice(before);
    const longest = Math.max(0, ...during);
    console.info(
      `50,000 series in a refresh: ${String(during.length)} long tasks, longest ${longest.toFixed(0)} ms`,
    );
    proxy.setFaults([]);
    expect(live.pageErrors).toEqual([]);
    await live.close();
    expect(longest).toBeLessThanOrEqual(200);
  });
});

describe('outages', () => {
  it('sends no more during 5 minutes of outage than in 5 normal ones, keeps data stale, and recovers', async () => {
    const { proxy } = started();
    const live = await openLive();
    const FIVE_MINUTES = 5 * MINUTE;

    let mark = proxy.requests.length;
    await live.advance(FIVE_MINUTES);
    const normal = { all: proxy.requests.length - mark, dns: requestsSince(mark, AFFECTED_QUERY) };

    // One query failing for 5 minutes: 503s without Retry-After.
    proxy.setFaults([
      { fault: { kind: 'unavailable', body: 'shard down' }, match: AFFECTED_QUERY },
    ]);
    mark = proxy.requests.length;
    await live.advance(FIVE_MINUTES);
    const oneQuery = { dns: requestsSince(mark, AFFECTED_QUERY) };
    expect((await live.panel(AFFECTED)).staleTitle).toMatch(/^unavailable: HTTP 503: shard down$/);
    await othersFresh(live);
    proxy.setFaults([]);
    await live.advanceUntil(() => allDrawn(live), MINUTE, 'recovery of the one query');

    // Prometheus itself stopped for 5 minutes.
    const port = Number(new URL(started().prometheus.url).port);
    await started().prometheus.stop();
    prometheus = undefined;
    mark = proxy.requests.length;
    await live.advance(FIVE_MINUTES);
    const stopped = { all: proxy.requests.length - mark, dns: requestsSince(mark, AFFECTED_QUERY) };
    for (const id of DRAWN) {
      const panel = await live.panel(id);
      expect(panel.staleTitle, id).toMatch(/^unavailable: HTTP 502/);
      expect(panel.lines, id).toBeGreaterThan(0);
    }
    console.info(
      `requests in 5 minutes: normal ${JSON.stringify(normal)}, one query failing ${JSON.stringify(oneQuery)}, Prometheus stopped ${JSON.stringify(stopped)}`,
    );

    prometheus = await startPrometheus(blocks, { port });
    await live.advanceUntil(() => allDrawn(live), 2 * MINUTE, 'recovery after the restart');
    expect(live.pageErrors).toEqual([]);
    await live.close();

    expect(stopped.all).toBeLessThanOrEqual(normal.all);
    expect(oneQuery.dns).toBeLessThanOrEqual(normal.dns);
  });
});
