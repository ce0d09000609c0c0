/**
 * Prometheus's JSON result shapes and number formatting. Timestamps are float seconds. Values
 * are strings with the shortest digits that round-trip, and "NaN", "+Inf", "-Inf", "-0". The
 * points of vectors and matrices are written by Prometheus 2.42's JSON encoder, which uses
 * `strconv.AppendFloat(v, 'f', -1, 64)` but switches to 'e' below 1e-6 and from 1e21 on
 * ("1e-07", "1e+21", with Go's two-digit exponent); the scalar an instant query returns is
 * written with `strconv.FormatFloat(v, 'f', -1, 64)`, never with an exponent ("0.0000001").
 * test/unit/promql-format.test.ts holds the cases, and the agreement test
 * (test/integration/msw-agrees-with-prometheus.test.ts, "writes the number …") compares the text
 * with real Prometheus.
 */

import { compareLabels, type LabelSet } from './labels';
import type { RangeSeries, StepSeries } from './steps';

export type SamplePair = [number, string];

export interface InstantSampleJson {
  metric: Record<string, string>;
  value: SamplePair;
}

export interface RangeSeriesJson {
  metric: Record<string, string>;
  values: SamplePair[];
}

/** The `data` member of a successful query or query_range response. */
export type PromResult =
  | { resultType: 'vector'; result: InstantSampleJson[] }
  | { resultType: 'matrix'; result: RangeSeriesJson[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

/** Go's 'e' format with shortest digits: "1.5e-07", "1e+21". */
function exponentForm(v: number): string {
  const [mantissa = '', exp = '+0'] = v.toExponential().split('e');
  const sign = exp.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
}

export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = Math.abs(v);
  // Between these bounds JavaScript prints the same shortest digits without an exponent.
  return abs < 1e-6 || abs >= 1e21 ? exponentForm(v) : String(v);
}

/** Go's 'f' format with shortest digits: "0.00000015", "1000000000000000000000". */
function fixedForm(v: number): string {
  const [mantissa = '', exp = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // The decimal point goes after this many digits.
  const point = Number(exp) + 1;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return v < 0 ? `-${text}` : text;
}

/** The scalar result of an instant query, as Prometheus writes it. */
export function formatScalarValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return fixedForm(v);
}

/** Go's `%v` for a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`), for error messages. */
export function formatGoFloatV(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = Number(v.toExponential().split('e')[1]);
  return exp < -4 || exp >= 21 ? exponentForm(v) : String(v);
}

export function timestampSeconds(ms: number): number {
  return ms / 1000;
}

function metricJson(labels: LabelSet): Record<string, string> {
  return { ...labels };
}

export function samplePair(ms: number, value: number): SamplePair {
  return [timestampSeconds(ms), formatSampleValue(value)];
}

/** An instant query's vector: each series' point at its only step, in evaluation order. */
export function vectorResult(series: readonly StepSeries[], timeMs: number): PromResult {
  const result: InstantSampleJson[] = [];
  for (const s of series) {
    if (s.present[0] === 1)
      result.push({ metric: metricJson(s.labels), value: samplePair(timeMs, s.values[0] ?? NaN) });
  }
  return { resultType: 'vector', result };
}

/** A range query's matrix, sorted by labels as Prometheus sorts it. */
export function matrixResult(
  series: readonly StepSeries[],
  startMs: number,
  intervalMs: number,
): PromResult {
  const sorted = [...series].sort((a, b) => compareLabels(a.labels, b.labels));
  const result: RangeSeriesJson[] = [];
  for (const s of sorted) {
    const values: SamplePair[] = [];
    s.present.forEach((present, step) => {
      if (present === 1)
        values.push(samplePair(startMs + step * intervalMs, s.values[step] ?? NaN));
    });
    if (values.length > 0) result.push({ metric: metricJson(s.labels), values });
  }
  return { resultType: 'matrix', result };
}

/** An instant query of a range selector: raw samples. */
export function rawMatrixResult(series: readonly RangeSeries[]): PromResult {
  return {
    resultType: 'matrix',
    result: series.map((s) => ({
      metric: metricJson(s.labels),
      values: s.timestamps.map((t, i) => samplePair(t, s.values[i] ?? NaN)),
    })),
  };
}
