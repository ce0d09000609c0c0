import type { RawSeries } from '../../mocks/scenario/series';

// The demo's size: ~250 series of 14,400 samples (60 h at 15 s).
export const SAMPLES = 14_400;
export const SCRAPE_MS = 15_000;
export const START = Date.UTC(2024, 0, 29);

function counter(labels: Record<string, string>, seed: number): RawSeries {
  const timestamps = new Float64Array(SAMPLES);
  const values = new Float64Array(SAMPLES);
  let value = 0;
  for (let i = 0; i < SAMPLES; i++) {
    timestamps[i] = START + i * SCRAPE_MS;
    value += ((i * 7919 + seed * 104729) % 13) + 1;
    values[i] = value;
  }
  return { family: labels.__name__ ?? '', labels, timestamps, values };
}

export function demoSizedSeries(): RawSeries[] {
  const all: RawSeries[] = [];
  for (let i = 0; i < 20; i++) {
    all.push(
      counter(
        { __name__: 'http_requests_total', service: `s${String(i % 5)}`, code: String(200 + i) },
        i,
      ),
    );
  }
  const bounds = ['0.01', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '25', '50', '+Inf'];
  for (let i = 0; i < 120; i++) {
    const labels = {
      __name__: 'http_request_duration_seconds_bucket',
      service: `s${String(Math.floor(i / 12))}`,
    };
    all.push(counter({ ...labels, le: bounds[i % 12] ?? '+Inf' }, i));
  }
  for (let i = 0; i < 110; i++)
    all.push(counter({ __name__: `other_${String(i % 10)}`, i: String(i) }, i));
  return all;
}
