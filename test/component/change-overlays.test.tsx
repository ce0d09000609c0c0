import { fireEvent, render, within } from '@testing-library/react';
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

  it('draws changes a few pixels apart as one thicker marker with a count', () => {
    const { container } = renderChart([
      change({ id: 'a', timeMs: startMs + 20 * MINUTE_MS }),
      change({ id: 'b', timeMs: startMs + 20 * MINUTE_MS + 10_000, service: 'web' }),
      change({ id: 'c', timeMs: startMs + 40 * MINUTE_MS }),
    ]);
    const lines = markerLines(container);
    expect(lines).toHaveLength(2);
    expect(Number(lines[0]?.getAttribute('x1'))).toBeCloseTo(xOf(startMs + 20 * MINUTE_MS), 6);
    expect(container.querySelectorAll('.change-marker.is-group')).toHaveLength(1);
    expect([...container.querySelectorAll('.change-count')].map((t) => t.textContent)).toEqual([
      '2',
    ]);
  });

  it('draws 5,000 changes as at most one marker per few pixels, each change still counted', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      change({ id: `c${String(i)}`, timeMs: startMs + Math.floor((i * 3_600_000) / 5000) }),
    );
    const { container } = renderChart(many);
    const groups = [...container.querySelectorAll('.change-marker')];
    expect(groups.length).toBeGreaterThan(50);
    expect(groups.length).toBeLessThanOrEqual(Math.ceil(PLOT_WIDTH / 4) + 1);
    // A group's count is its label, which recharts draws in a layer of its own.
    const single = groups.filter((group) => !group.classList.contains('is-group')).length;
    const grouped = [...container.querySelectorAll('.change-count')].reduce(
      (sum, label) => sum + Number(label.textContent),
      0,
    );
    expect(single + grouped).toBe(5000);
  });
});

describe('hovering a change marker on a chart', () => {
  function overlayOf(container: HTMLElement): HTMLElement {
    const overlay = container.querySelector<HTMLElement>('.plot-overlay');
    if (overlay === null) throw new Error('no plot overlay');
    return overlay;
  }
  /** jsdom lays nothing out: the overlay's left edge is 0, so clientX is the plot x. */
  const plotX = (ms: number) => ((ms - startMs) / (endMs - startMs)) * PLOT_WIDTH;

  it('shows the change’s service, version, title and time when the mouse is on its line', () => {
    const at = startMs + 20 * MINUTE_MS + 7_000;
    const { container } = renderChart([
      change({ timeMs: at, service: 'payments', version: 'v4.2.0', title: 'payments v4.2.0' }),
    ]);
    fireEvent.mouseMove(overlayOf(container), { clientX: plotX(at) + 3 });
    const popover = within(container).getByRole('tooltip');
    expect(popover.textContent).toContain('payments');
    expect(popover.textContent).toContain('v4.2.0');
    expect(popover.textContent).toContain('2024-01-30 00:20:07 UTC');
    fireEvent.mouseMove(overlayOf(container), { clientX: plotX(at) + 40 });
    expect(within(container).queryByRole('tooltip')).toBeNull();
  });

  it('lists every change of a grouped marker, hostile text as text and only http(s) links', () => {
    const at = startMs + 30 * MINUTE_MS;
    const { container } = renderChart([
      change({
        id: 'x',
        timeMs: at,
        title: '<img src=x onerror=alert(1)>',
        url: 'javascript:alert(1)',
      }),
      change({ id: 'y', timeMs: at + 5_000, title: 'web v9', url: 'https://ci.example/run/9' }),
    ]);
    fireEvent.mouseMove(overlayOf(container), { clientX: plotX(at) });
    const popover = within(container).getByRole('tooltip');
    expect(within(popover).getAllByRole('listitem')).toHaveLength(2);
    expect(popover.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(popover.querySelector('img')).toBeNull();
    expect([...popover.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://ci.example/run/9',
    ]);
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

describe('series lines', () => {
  /** The points of a drawn path, in pixels (paths are written in tenths of a pixel). */
  const pointsOf = (d: string) =>
    [...d.matchAll(/[ML](-?\d+) (-?\d+)/g)].map((m) => [Number(m[1]) / 10, Number(m[2]) / 10]);

  it('are drawn on the chart library’s own axes: a sample at a marker’s time is on the marker', () => {
    const at = startMs + 20 * MINUTE_MS;
    const { container } = renderChart([change({ timeMs: at })]);
    const marker = container.querySelector('.change-marker line');
    const path = container.querySelector('path.series-line');
    const points = pointsOf(path?.getAttribute('d') ?? '');
    expect(points).toHaveLength(61);
    expect(points[20]?.[0]).toBeCloseTo(Number(marker?.getAttribute('x1')), 0);
  });

  it('put a value at the height of its tick on the value axis', () => {
    const { container } = renderChart([]);
    const labels = [
      ...container.querySelectorAll(
        '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
      ),
    ].map((node) => node.textContent);
    const tickLines = [...container.querySelectorAll('.recharts-yAxis-tick-lines line')];
    const tickY = Number(tickLines[labels.indexOf('40%')]?.getAttribute('y1'));
    const points = pointsOf(container.querySelector('path.series-line')?.getAttribute('d') ?? '');
    // The series is i / 100 at minute i: 40 % at minute 40.
    expect(Number.isFinite(tickY)).toBe(true);
    expect(points[40]?.[1]).toBeCloseTo(tickY, 0);
  });
});
