import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { backfill, startPrometheus } from '../support/prometheus';
import type { RunningService } from '../support/service-process';
import { panelReading, percentAxisMax, SCREENSHOT_DIR } from '../support/page-readings';

const definition = scenarios.a;
const scenario = generateScenario(definition);
const impactMs = Date.parse(definition.impactStart ?? '');
const services = [
  ...new Set(
    scenario.series
      .filter((series) => series.labels.__name__ === 'http_requests_total')
      .map((series) => series.labels.service ?? ''),
  ),
];

async function peakErrorRatio(prometheusUrl: string, from: number, to: number): Promise<number> {
  const expr =
    'max(sum by (service) (rate(http_requests_total{code=~"5.."}[1m])) / sum by (service) (rate(http_requests_total[1m])))';
  const params = new URLSearchParams({
    query: expr,
    start: String(from / 1000),
    end: String(to / 1000),
    step: '15',
  });
  const response = await fetch(`${prometheusUrl}/api/v1/query_range?${params.toString()}`);
  const body = (await response.json()) as { data: { result: { values: [number, string][] }[] } };
  return Math.max(...(body.data.result[0]?.values ?? []).map(([, value]) => Number(value)));
}

let prometheus: { url: string; stop(): Promise<void> } | undefined;
let app: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  prometheus = await startPrometheus(await backfill(scenario));
  app = await servePreview(prometheus.url);
  browser = await launchChromium();
});

/** What beforeAll started; it throws if setup failed, rather than testing nothing. */
function started() {
  if (!prometheus || !app || !browser) throw new Error('setup did not complete');
  return { prometheus, app, browser };
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await prometheus?.stop();
});

describe('the built app against real Prometheus holding scenario A', () => {
  it('draws the error spike of the incident in the error-ratio panel', async () => {
    const { prometheus, app, browser } = started();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const from = impactMs - 2 * 3_600_000;
    const to = impactMs + 3_600_000;
    await page.goto(`${app.url}/?from=${String(from)}&to=${String(to)}`);

    const reading = await panelReading(page, 'error_ratio');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/e2e-prometheus-scenario-a.png`,
      fullPage: true,
    });

    // Every service of the scenario is in the legend, each drawn as a line with many points.
    expect(reading.legend.map((name) => name.replace(/^5xx /, '')).sort()).toEqual(services.sort());
    expect(Math.min(...reading.pointsPerLine)).toBeGreaterThan(50);
    // The axis reaches the incident's peak 5xx share as Prometheus itself computes it.
    const peak = await peakErrorRatio(prometheus.url, from, to);
    expect(peak).toBeGreaterThan(0.2);
    expect(percentAxisMax(reading.yTicks)).toBeGreaterThanOrEqual(peak);
    expect(percentAxisMax(reading.yTicks)).toBeLessThan(peak * 2);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
