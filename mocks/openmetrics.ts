import type { GeneratedScenario, Labels, MetricFamily, RawSeries } from './scenario/series';

/**
 * Writes a scenario as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, so
 * real Prometheus serves exactly the samples the MSW evaluator reads. Output comes as chunks of
 * text: a multi-day scenario is hundreds of MB and must never be one string.
 *
 * What promtool 2.42 does with input (checked with `promtool tsdb dump`):
 * - it parses timestamps as float seconds and truncates `seconds * 1000` to an integer, so
 *   `547039814.341` lands on …340; a sub-second timestamp is written with an extra half
 *   millisecond to land on the right one. Milliseconds written as seconds land in year 55,000.
 * - a sample older than the previous one of its series is dropped without an error, so samples
 *   are written in time order per series.
 * - histograms are accepted both as one run per series and as OpenMetrics MetricPoints (at each
 *   timestamp all buckets, then `_count`, then `_sum`); we write MetricPoints, the spec's layout.
 * - a label with an empty value would be stored as such, while Prometheus treats an empty label
 *   as absent; such labels are left out.
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Text is yielded once a chunk holds at least this many characters. */
const DEFAULT_CHUNK_CHARS = 1 << 16;

export interface OpenMetricsOptions {
  readonly chunkChars?: number;
}

/** A sample value exactly as Go's `strconv.ParseFloat` will read it back. */
export function formatOpenMetricsValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  // JavaScript prints the shortest decimal that parses back to the same double.
  return String(value);
}

/** Epoch milliseconds as the seconds promtool expects (see the truncation note above). */
export function formatOpenMetricsTimestamp(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(
      `Sample time ${String(ms)} is not a whole, non-negative epoch millisecond`,
    );
  }
  const seconds = Math.floor(ms / 1000);
  const millis = ms % 1000;
  return millis === 0 ? String(seconds) : `${String(seconds)}.${String(millis).padStart(3, '0')}5`;
}

/** Escapes a label value for the inside of double quotes. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function sampleNamesOf(family: MetricFamily): readonly string[] {
  switch (family.type) {
    case 'counter':
      return [`${family.name}_total`];
    case 'gauge':
      return [family.name];
    case 'histogram':
      return [`${family.name}_bucket`, `${family.name}_count`, `${family.name}_sum`];
  }
}

/** `name{a="x",b="y"}`: the part of a sample line before the value. */
function linePrefix(series: RawSeries, family: MetricFamily): string {
  const name = series.labels.__name__;
  if (name === undefined || !sampleNamesOf(family).includes(name)) {
    throw new Error(
      `Series ${JSON.stringify(series.labels)} has a name that ${family.type} family ` +
        `"${family.name}" cannot have (expected ${sampleNamesOf(family).join(' or ')})`,
    );
  }
  const pairs: string[] = [];
  for (const [label, value] of Object.entries(series.labels)) {
    if (label === '__name__' || value === '') continue;
    if (!LABEL_NAME.test(label) || label.startsWith('__')) {
      throw new Error(`Invalid label name "${label}" in ${JSON.stringify(series.labels)}`);
    }
    pairs.push(`${label}="${escapeLabelValue(value)}"`);
  }
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

function checkSamples(series: RawSeries): void {
  const { timestamps, values } = series;
  if (timestamps.length !== values.length) {
    throw new Error(
      `Series ${JSON.stringify(series.labels)} has ${String(timestamps.length)} times but ${String(values.length)} values`,
    );
  }
  for (let i = 1; i < timestamps.length; i++) {
    // promtool would silently drop the later sample, so refuse it here.
    if ((timestamps[i] ?? 0) <= (timestamps[i - 1] ?? 0)) {
      throw new Error(
        `Series ${JSON.stringify(series.labels)} is not in strictly ascending time order at index ${String(i)}`,
      );
    }
  }
}

/** Identity of a label set, ignoring empty labels (as Prometheus does) and the given names. */
function labelSetKey(labels: Labels, without: readonly string[]): string {
  return Object.keys(labels)
    .filter((name) => !without.includes(name) && labels[name] !== '')
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}

/** Order within a MetricPoint: buckets by ascending `le`, then `_count`, then `_sum`. */
function histogramMemberRank(series: RawSeries, family: MetricFamily): readonly [number, number] {
  const name = series.labels.__name__;
  if (name === `${family.name}_count`) return [1, 0];
  if (name === `${family.name}_sum`) return [2, 0];
  const le = series.labels.le;
  const bound = le === '+Inf' ? Infinity : Number(le);
  if (le === undefined || le === '' || Number.isNaN(bound)) {
    throw new Error(`Bucket series ${JSON.stringify(series.labels)} has no numeric le label`);
  }
  return [0, bound];
}

function compareRanks(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

interface Member {
  readonly prefix: string;
  readonly series: RawSeries;
  next: number;
}

/** Collects lines and hands out chunks of about `chunkChars` characters. */
class ChunkBuffer {
  private text = '';
  constructor(private readonly chunkChars: number) {}
  add(line: string): string | undefined {
    this.text += line;
    if (this.text.length < this.chunkChars) return undefined;
    return this.take();
  }
  take(): string {
    const out = this.text;
    this.text = '';
    return out;
  }
}

function* seriesRun(member: Member, buffer: ChunkBuffer): Generator<string> {
  const { timestamps, values } = member.series;
  for (let i = 0; i < timestamps.length; i++) {
    const chunk = buffer.add(
      `${member.prefix} ${formatOpenMetricsValue(values[i] ?? NaN)} ${formatOpenMetricsTimestamp(timestamps[i] ?? NaN)}\n`,
    );
    if (chunk !== undefined) yield chunk;
  }
}

/** Merges a histogram group's series into MetricPoints, one timestamp at a time. */
function* metricPoints(members: readonly Member[], buffer: ChunkBuffer): Generator<string> {
  for (;;) {
    let time = Infinity;
    for (const member of members) {
      const t = member.series.timestamps[member.next];
      if (t !== undefined && t < time) time = t;
    }
    if (time === Infinity) return;
    const seconds = formatOpenMetricsTimestamp(time);
    for (const member of members) {
      if (member.series.timestamps[member.next] !== time) continue;
      const value = formatOpenMetricsValue(member.series.values[member.next] ?? NaN);
      member.next++;
      const chunk = buffer.add(`${member.prefix} ${value} ${seconds}\n`);
      if (chunk !== undefined) yield chunk;
    }
  }
}

function* familySamples(
  family: MetricFamily,
  members: readonly RawSeries[],
  buffer: ChunkBuffer,
): Generator<string> {
  if (family.type !== 'histogram') {
    for (const series of members) {
      yield* seriesRun({ prefix: linePrefix(series, family), series, next: 0 }, buffer);
    }
    return;
  }
  const groups = new Map<string, { rank: readonly [number, number]; member: Member }[]>();
  for (const series of members) {
    const key = labelSetKey(series.labels, ['__name__', 'le']);
    const group = groups.get(key) ?? [];
    group.push({
      rank: histogramMemberRank(series, family),
      member: { prefix: linePrefix(series, family), series, next: 0 },
    });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => compareRanks(a.rank, b.rank));
    yield* metricPoints(
      group.map((entry) => entry.member),
      buffer,
    );
  }
}

/**
 * The scenario as OpenMetrics text, in chunks: `# HELP`/`# TYPE` then all samples of each
 * family, families in the scenario's order, `# EOF` last.
 */
export function* openMetricsChunks(
  scenario: GeneratedScenario,
  options: OpenMetricsOptions = {},
): Generator<string> {
  const byFamily = new Map<string, RawSeries[]>();
  for (const family of scenario.families) {
    if (!METRIC_NAME.test(family.name))
      throw new Error(`Invalid metric family name "${family.name}"`);
    if (byFamily.has(family.name))
      throw new Error(`Metric family "${family.name}" is declared twice`);
    byFamily.set(family.name, []);
  }
  const seen = new Set<string>();
  for (const series of scenario.series) {
    const key = labelSetKey(series.labels, []);
    // Two series with one label set would be merged by promtool, dropping samples.
    if (seen.has(key)) throw new Error(`Series {${key}} appears twice`);
    seen.add(key);
    const members = byFamily.get(series.family);
    if (members === undefined) {
      throw new Error(
        `Series ${JSON.stringify(series.labels)} names undeclared family "${series.family}"`,
      );
    }
    checkSamples(series);
    members.push(series);
  }
  const buffer = new ChunkBuffer(options.chunkChars ?? DEFAULT_CHUNK_CHARS);
  for (const family of scenario.families) {
    // OpenMetrics escapes the same three characters in HELP text as in label values.
    buffer.add(
      `# HELP ${family.name} ${escapeLabelValue(family.help)}\n# TYPE ${family.name} ${family.type}\n`,
    );
    yield* familySamples(family, byFamily.get(family.name) ?? [], buffer);
  }
  buffer.add('# EOF\n');
  yield buffer.take();
}
