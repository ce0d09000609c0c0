import { describe, expect, it } from 'vitest';
import {
  escapeLabelValue,
  formatOpenMetricsTimestamp,
  formatOpenMetricsValue,
  openMetricsChunks,
} from '../../mocks/openmetrics';
import { generateScenario } from '../../mocks/scenario/engine';
import type { GeneratedScenario, RawSeries } from '../../mocks/scenario/series';
import { scenarios } from '../../mocks/scenarios';
import { SPECIAL_VALUES, smallScenario } from '../support/hand-made-scenarios';

function text(scenario: GeneratedScenario): string {
  return [...openMetricsChunks(scenario)].join('');
}

function lines(scenario: GeneratedScenario): string[] {
  return text(scenario).split('\n').slice(0, -1);
}

/** Go's ParseFloat reads the special names; everything else reads as JavaScript does. */
function goParse(written: string): number {
  return written === '+Inf' ? Infinity : written === '-Inf' ? -Infinity : Number(written);
}

function gauge(labels: RawSeries['labels'], times: number[]): GeneratedScenario {
  return {
    id: 't',
    startMs: times[0] ?? 0,
    endMs: times[times.length - 1] ?? 0,
    scrapeIntervalSeconds: 15,
    families: [{ name: 'g', type: 'gauge', help: 'G.' }],
    series: [
      {
        family: 'g',
        labels,
        timestamps: Float64Array.from(times),
        values: Float64Array.from(times, () => 1),
      },
    ],
  };
}

describe('OpenMetrics values and times', () => {
  it('writes every value so that it parses back to the same double', () => {
    for (const value of [...SPECIAL_VALUES, 2 ** 53 + 2, -1e-300, 0.30000000000000004]) {
      expect(Object.is(goParse(formatOpenMetricsValue(value)), value)).toBe(true);
    }
    expect(SPECIAL_VALUES.slice(0, 4).map(formatOpenMetricsValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '-0',
    ]);
  });

  it('writes times as seconds, with half a millisecond more when they have milliseconds', () => {
    expect(formatOpenMetricsTimestamp(1706565600000)).toBe('1706565600');
    expect(formatOpenMetricsTimestamp(2189648534220)).toBe('2189648534.2205');
    expect(formatOpenMetricsTimestamp(1706565600007)).toBe('1706565600.0075');
  });

  it('refuses times that are not whole milliseconds', () => {
    expect(() => formatOpenMetricsTimestamp(1.5)).toThrow(/whole/);
    expect(() => formatOpenMetricsTimestamp(NaN)).toThrow(/whole/);
  });

  it('escapes backslash, double quote and newline in label values, and nothing else', () => {
    expect(escapeLabelValue('a\\b "c"\nd {ü}=,')).toBe('a\\\\b \\"c\\"\\nd {ü}=,');
  });
});

describe('OpenMetrics text of a scenario', () => {
  const written = lines(smallScenario());

  it('declares each family once, before all of its samples, and ends with # EOF', () => {
    expect(written.at(-1)).toBe('# EOF');
    const types = written.filter((line) => line.startsWith('# TYPE'));
    expect(types).toEqual([
      '# TYPE http_requests counter',
      '# TYPE queue_depth gauge',
      '# TYPE special_values gauge',
      '# TYPE http_request_duration_seconds histogram',
      '# TYPE awkward_labels gauge',
    ]);
    expect(written[0]).toBe(
      '# HELP http_requests Requests by \\"code\\"\\\\status.\\nSecond line.',
    );
    let family = '';
    for (const line of written.slice(0, -1)) {
      if (line.startsWith('# TYPE ')) family = line.split(' ')[2] ?? '';
      else if (!line.startsWith('#')) expect(line.startsWith(family)).toBe(true);
    }
  });

  it('writes every sample once, in time order per series', () => {
    const scenario = smallScenario();
    const samples = written.filter((line) => !line.startsWith('#'));
    expect(samples).toHaveLength(scenario.series.reduce((sum, s) => sum + s.timestamps.length, 0));
    const last = new Map<string, number>();
    for (const line of samples) {
      const at = line.lastIndexOf(' ');
      const key = line.slice(0, line.lastIndexOf(' ', at - 1));
      const time = Number(line.slice(at + 1));
      expect(time).toBeGreaterThan(last.get(key) ?? -Infinity);
      last.set(key, time);
    }
  });

  it('writes a histogram as MetricPoints: all buckets by bound, then _count, then _sum, per time', () => {
    const at = written.indexOf(
      'http_request_duration_seconds_bucket{service="api",namespace="chat",le="0.1"} 10 1706565615',
    );
    expect(written.slice(at, at + 6)).toEqual([
      'http_request_duration_seconds_bucket{service="api",namespace="chat",le="0.1"} 10 1706565615',
      'http_request_duration_seconds_bucket{service="api",namespace="chat",le="0.5"} 30 1706565615',
      'http_request_duration_seconds_bucket{service="api",namespace="chat",le="1"} 40 1706565615',
      'http_request_duration_seconds_bucket{service="api",namespace="chat",le="+Inf"} 40 1706565615',
      'http_request_duration_seconds_count{service="api",namespace="chat"} 40 1706565615',
      'http_request_duration_seconds_sum{service="api",namespace="chat"} 12 1706565615',
    ]);
  });

  it('leaves out labels with an empty value, as Prometheus stores them', () => {
    expect(written).toContain('queue_depth{service="worker",queue="jobs"} 50 1706565600');
  });

  it('writes a long scenario in chunks of bounded size', () => {
    const scenario = generateScenario(scenarios.quiet);
    const sizes = [...openMetricsChunks(scenario, { chunkChars: 1 << 16 })].map(
      (chunk) => chunk.length,
    );
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.max(...sizes)).toBeLessThan((1 << 16) + 200);
  });
});

describe('OpenMetrics writer refuses what promtool would silently get wrong', () => {
  it('refuses samples out of time order', () => {
    expect(() => text(gauge({ __name__: 'g' }, [2000, 1000]))).toThrow(/ascending time order/);
  });

  it('refuses a sample name that does not belong to its family', () => {
    expect(() => text(gauge({ __name__: 'g_total' }, [1000]))).toThrow(/gauge family "g"/);
  });

  it('refuses a series of an undeclared family and a label set given twice', () => {
    const scenario = gauge({ __name__: 'g' }, [1000]);
    const stray = { ...scenario, series: [{ ...scenario.series[0], family: 'h' } as RawSeries] };
    expect(() => text(stray)).toThrow(/undeclared family "h"/);
    const twice = { ...scenario, series: [...scenario.series, ...scenario.series] };
    expect(() => text(twice)).toThrow(/appears twice/);
  });
});
