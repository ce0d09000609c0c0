import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../mocks/scenario/engine';
import { scenarios } from '../../mocks/scenarios';
import { serveDemo } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { panelReading, percentAxisMax, SCREENSHOT_DIR } from '../support/page-readings';
import type { RunningService } from '../support/service-process';

let demo: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([serveDemo(), launchChromium()]);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

/** What beforeAll started; it throws if setup failed, rather than testing nothing. */
function started() {
  if (!demo || !browser) throw new Error('setup did not complete');
  return { demo, browser };
}

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

function servicesOf(id: 'a' | 'b' | 'c' | 'quiet'): string[] {
  const names = generateScenario(scenarios[id])
    .series.filter((series) => series.labels.__name__ === 'http_requests_total')
    .map((series) => series.labels.service ?? '');
  return [...new Set(names)].sort();
}

async function openDemo(search: string): Promise<{ page: Page; pageErrors: string[] }> {
  const { demo, browser } = started();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${demo.url}/${search}`);
  return { page, pageErrors };
}

describe('npm run demo', () => {
  it('shows scenario A shifted to now, with its incident in the error-ratio panel', async () => {
    const { page, pageErrors } = await openDemo('');
    const reading = await panelReading(page, 'error_ratio');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-demo-scenario-a.png`, fullPage: true });

    expect(new URL(page.url()).searchParams.get('to')).toBe('now');
    expect(reading.legend.map((name) => name.replace(/^5xx /, '')).sort()).toEqual(servicesOf('a'));
    expect(reading.pointsPerLine.length).toBe(servicesOf('a').length);
    expect(Math.min(...reading.pointsPerLine)).toBeGreaterThan(50);
    expect(percentAxisMax(reading.yTicks)).toBeGreaterThan(0.2);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows scenario B at its real dates, the API server panel drawn', async () => {
    const { page, pageErrors } = await openDemo('?scenario=b&placement=real');
    const reading = await panelReading(page, 'apiserver');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-demo-scenario-b.png`, fullPage: true });
    const from = Number(new URL(page.url()).searchParams.get('from'));
    expect(new Date(from).toISOString().slice(0, 10)).toBe('2024-12-11');
    expect(reading.legend.some((name) => name.includes('LIST'))).toBe(true);
    expect(reading.pointsPerLine.length).toBeGreaterThan(3);
    expect(Math.min(...reading.pointsPerLine)).toBeGreaterThan(50);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows scenario C over its two days, with the gap in the queue metrics', async () => {
    const { page, pageErrors } = await openDemo('?scenario=c&placement=real');
    const reading = await panelReading(page, 'queue_depth');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-demo-scenario-c.png`, fullPage: true });
    expect(reading.pointsPerLine.length).toBeGreaterThan(0);
    // The queue went unobserved for part of the incident: its lines break there.
    expect(Math.max(...reading.segmentsPerLine)).toBeGreaterThan(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
