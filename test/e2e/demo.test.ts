import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo } from '../support/app-server';
import { launchChromium } from '../support/chromium';
import { panelReading, percentAxisMax, SCREENSHOT_DIR } from '../support/page-readings';
import type { RunningService } from '../support/service-process';

let demo: RunningService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([serveDemo(), launchChromium()]);
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

describe('npm run demo', () => {
  it('shows scenario A shifted to now, with its incident in the error-ratio panel, and no Prometheus', async () => {
    const { demo, browser } = started();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${demo.url}/`);

    const reading = await panelReading(page, 'error_ratio');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-demo-scenario-a.png`, fullPage: true });

    expect(new URL(page.url()).searchParams.get('to')).toBe('now');
    expect(reading.legend.length).toBeGreaterThan(1);
    expect(Math.min(...reading.pointsPerLine)).toBeGreaterThan(50);
    expect(percentAxisMax(reading.yTicks)).toBeGreaterThan(0.2);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows another scenario at its real dates when the URL asks for it', async () => {
    const { demo, browser } = started();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${demo.url}/?scenario=b&placement=real`);
    const reading = await panelReading(page, 'apiserver');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/e2e-demo-scenario-b.png`, fullPage: true });
    const from = Number(new URL(page.url()).searchParams.get('from'));
    expect(new Date(from).toISOString().slice(0, 10)).toBe('2024-12-11');
    expect(reading.legend.length).toBeGreaterThan(1);
    await page.close();
  });
});
