import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import type { IncidentReport } from '../../src/domain/incident-report';
import { servePreview } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { SCREENSHOT_DIR } from '../support/page-readings';
import { backfill, startPrometheus } from '../support/prometheus';
import { reportJson, runReportCli } from '../support/report-cli';
import type { RunningService } from '../support/service-process';

/**
 * Scenario A in real Prometheus, in Chromium: the impact strip names the error onset and both
 * deploys, a chosen suspect shows on every chart, a pinned one survives a reload, and review
 * mode exports the same JSON as `npm run report` for the same range.
 */

const definition = scenarios.a;
const from = Date.parse(definition.window.start);
const to = Date.parse(definition.window.end);

let browser: Browser | undefined;
let prometheus: RunningService | undefined;
let app: RunningService | undefined;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  prometheus = await startPrometheus(await backfill(generateScenario(definition)));
  app = await servePreview(prometheus.url);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await prometheus?.stop();
});

async function openReview(page: Page, extra = ''): Promise<void> {
  if (!app) throw new Error('setup did not complete');
  await page.goto(`${app.url}/?from=${String(from)}&to=${String(to)}${extra}`);
  await page.locator('.impact-strip:not([aria-busy])').waitFor({ timeout: 60_000 });
}

describe('the impact strip and review mode on scenario A', () => {
  it('names the onset and both deploys, and highlights a chosen suspect on every chart', async () => {
    if (!browser) throw new Error('setup did not complete');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openReview(page);

    const first = page.locator('.impact-order li').first();
    expect(await first.getAttribute('data-signal')).toBe('error_ratio');
    const onset = Number(await first.getAttribute('data-onset'));
    expect(Math.abs(onset - Date.parse('2024-01-30T00:19:00Z'))).toBeLessThanOrEqual(120_000);

    const suspects = page.locator('.impact-suspects > li');
    const headlines = await suspects.locator('.suspect-headline').allTextContents();
    expect(headlines).toHaveLength(3);
    expect(headlines[0]).toMatch(
      /^deploy chatgpt v2024\.01\.29-1 — 2 min \d+ s before Error ratio/,
    );
    expect(headlines.some((h) => h.startsWith('deploy backend v3.119.0 — 1 h 4'))).toBe(true);

    const backend = suspects.filter({ hasText: 'deploy backend' });
    await backend.locator('button.suspect').click();
    await page
      .locator('[data-panel="error_ratio"] .suspect-lead')
      .first()
      .waitFor({ state: 'attached' });
    const charts = await page.locator('.chart').count();
    expect(await page.locator('.suspect-lead').count()).toBe(charts);
    expect(await page.locator('.suspect-marker').count()).toBe(charts);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-impact-strip-a.png` });

    await backend.getByRole('button', { name: 'Pin' }).click();
    const pinned = new URL(page.url()).searchParams.get('suspect');
    expect(pinned).toBe(await backend.getAttribute('data-change-id'));
    await page.reload();
    await page.locator('.impact-strip:not([aria-busy])').waitFor({ timeout: 60_000 });
    await page.locator('.suspect-lead').first().waitFor({ state: 'attached' });
    expect(
      await page.locator('.impact-suspects > li.is-pinned .suspect-headline').textContent(),
    ).toMatch(/^deploy backend/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('reviews the range in the chosen zone and exports the same JSON as npm run report', async () => {
    if (!browser || !prometheus) throw new Error('setup did not complete');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await openReview(page, '&tz=America/Los_Angeles');
    const review = page.getByRole('region', { name: 'Incident review' });
    await review.locator('table.review-timeline').waitFor();
    const rows = await review.locator('table.review-timeline tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('2024-01-29 16:17:00 PSTchange'))).toBe(true);
    expect(rows.some((r) => /onsetError ratio \(5xx\) leaves its baseline/.test(r))).toBe(true);
    expect(rows.some((r) => /recovery/.test(r))).toBe(true);
    expect(await review.locator('.review-durations').textContent()).toContain('Time to mitigate');
    await review.screenshot({ path: `${SCREENSHOT_DIR}/e2e-review-a.png` });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      review.getByRole('link', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as IncidentReport;
    const cli = reportJson(
      await runReportCli([
        '--prometheus',
        prometheus.url,
        '--from',
        definition.window.start,
        '--to',
        definition.window.end,
        '--format',
        'json',
      ]),
    );
    expect(exported).toEqual(cli);

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      review.getByRole('link', { name: 'Export Markdown' }).click(),
    ]);
    const text = await readFile(await markdown.path(), 'utf8');
    expect(text).toContain('# Incident report');
    expect(text).toContain('| 1 | deploy chatgpt: ');
    expect(text).toMatch(/- Onset: 2024-01-29 16:1\d:\d\d PST/);
    await page.close();
  });
});
