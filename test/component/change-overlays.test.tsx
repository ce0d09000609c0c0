import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/domain/changes';
import type { IncidentWindow } from '../../src/domain/incidents';
import { createCursorStore } from '../../src/ui/cursor-store';
import { MARGIN, TimeSeriesChart, Y_AXIS_WIDTH } from '../../src/ui/TimeSeriesChart';
import { changeEvent } from '../support/event-factories';

/** Markers and incident bands on a chart, where the chart's own time axis puts them. */

const MINUTE_MS = 60_000;
const startMs = Date.UTC(2024, 0, 30, 0, 0);
const endMs = Date.UTC(2024, 0, 30, 1, 0);
const WIDTH = 600;
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH;

/** Where the chart's plot area puts a time. */
const xOf = (ms: number) =>
  MARGIN.left + Y_AXIS_WIDTH + ((ms - startMs) / (endMs - startMs)) * PLOT_WIDTH;

function change(over: Partial<ChangeEvent>): ChangeEvent {
  return changeEvent({ timeMs: startMs + 20 * MINUTE_MS + 7_000, ...over });
}

function incident(over: Partial<IncidentWindow>): IncidentWindow {
  return {
    id: 'i1',
    source: 'statuspage',
    title: 'Elevated errors',
    startMs: startMs + 30 * MINUTE_MS,
    endMs: startMs + 40 * MINUTE_MS,
    phases: [],
    impact: 'major',
    url: null,
    service: null,
    ...over,
  };
}

function renderChart(changes: ChangeEvent[], incidents: IncidentWindow[] = [], nowMs = endMs) {
  const times = Array.from({ length: 61 }, (_, i) => startMs + i * MINUTE_MS);
  return render(
    <TimeSeriesChart
      series={[
        {
          key: 'a',
          name: 'a',
          color: 'red',
          series: { labels: {}, times, values: times.map((_, i) => i / 100) },
        },
      ]}
      unit="percentunit"
      startMs={startMs}
      endMs={endMs}
      width={WIDTH}
      height={220}
      timeZone="UTC"
      cursor={createCursorStore()}
      changes={changes}
      incidents={incidents}
      nowMs={nowMs}
    />,
  );
}

function markerLines(container: HTMLElement) {
  return [...container.querySelectorAll('.change-marker line')];
}

describe('change markers on a chart', () => {
  it('draws each change as a vertical line at its exact time, to the second', () => {
    const times = [startMs + 20 * MINUTE_MS + 7_000, startMs + 45 * MINUTE_MS + 59_000];
    const { container } = renderChart(
      times.map((timeMs, i) => change({ id: `c${String(i)}`, timeMs })),
    );
    const lines = markerLines(container);
    expect(lines).toHaveLength(2);
    lines.forEach((line, i) => {
      expect(Number(line.getAttribute('x1'))).toBeCloseTo(xOf(times[i] ?? 0), 6);
      expect(line.getAttribute('x2')).toBe(line.getAttribute('x1'));
    });
  });

  it('colours and dashes each kind differently', () => {
    const { container } = renderChart([
      change({ id: 'd', kind: 'deploy', timeMs: startMs + 10 * MINUTE_MS }),
      change({ id: 'c', kind: 'config', timeMs: startMs + 20 * MINUTE_MS }),
      change({ id: 's', kind: 'scale', timeMs: startMs + 30 * MINUTE_MS }),
    ]);
    const drawn = (kind: string) => container.querySelector(`.change-${kind} line`);
    expect(drawn('deploy')?.getAttribute('stroke')).toBe('var(--change-deploy)');
    expect(drawn('config')?.getAttribute('stroke')).toBe('var(--change-config)');
    expect(drawn('scale')?.getAttribute('stroke')).toBe('var(--change-scale)');
    const dashes = new Set(
      ['deploy', 'config', 'scale'].map((kind) => drawn(kind)?.getAttribute('stroke-dasharray')),
    );
    expect(dashes.size).toBe(3);
  });

  it('leaves out changes outside the range', () => {
    const { container } = renderChart([change({ timeMs: startMs - MINUTE_MS })]);
    expect(markerLines(container)).toHaveLength(0);
  });
});

describe('incident windows on a chart', () => {
  it('shades the window between its start and end', () => {
    const { container } = renderChart([], [incident({})]);
    const bbox = areaX(container, '.incident-band');
    expect(bbox[0]).toBeCloseTo(xOf(startMs + 30 * MINUTE_MS), 2);
    expect(bbox[1]).toBeCloseTo(xOf(startMs + 40 * MINUTE_MS), 2);
  });

  it('clips a window that began before the range instead of dropping it', () => {
    const { container } = renderChart(
      [],
      [incident({ startMs: startMs - 3 * 3_600_000, endMs: startMs + 10 * MINUTE_MS })],
    );
    const [left, right] = areaX(container, '.incident-band');
    expect(left).toBeCloseTo(xOf(startMs), 2);
    expect(right).toBeCloseTo(xOf(startMs + 10 * MINUTE_MS), 2);
  });

  it('draws an open window to now, with each phase as a sub-band', () => {
    const nowMs = startMs + 50 * MINUTE_MS;
    const { container } = renderChart(
      [],
      [
        incident({
          endMs: null,
          phases: [
            { status: 'investigating', atMs: startMs + 30 * MINUTE_MS },
            { status: 'identified', atMs: startMs + 35 * MINUTE_MS },
          ],
        }),
      ],
      nowMs,
    );
    const [, right] = areaX(container, '.incident-band');
    expect(right).toBeCloseTo(xOf(nowMs), 2);
    const [idLeft, idRight] = areaX(container, '.phase-identified');
    expect(idLeft).toBeCloseTo(xOf(startMs + 35 * MINUTE_MS), 2);
    expect(idRight).toBeCloseTo(xOf(nowMs), 2);
    expect(container.querySelector('.phase-investigating')).not.toBeNull();
  });
});

/** Left and right x of a recharts ReferenceArea, read from its rectangle (`M x,y h w v h h -w Z`). */
function areaX(container: HTMLElement, selector: string): [number, number] {
  const d = container.querySelector(`${selector} path`)?.getAttribute('d') ?? '';
  const match = /^M\s*(-?[\d.]+),-?[\d.]+\s*h\s*(-?[\d.]+)/.exec(d);
  expect(match, `${selector} is drawn as a rectangle`).not.toBeNull();
  const x = Number(match?.[1]);
  const w = Number(match?.[2]);
  return [Math.min(x, x + w), Math.max(x, x + w)];
}
