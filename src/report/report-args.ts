/**
 * The report's command line: `--prometheus URL --from T --to T [--dashboard FILE]
 * [--events FILE] [--statuspage FILE|URL] [--lookback DUR] [--format markdown|json] [--tz ZONE]`.
 * Every mistake is named with the value given, so the message says what to type instead.
 */

import { isTimeZone } from '../domain/format-time';
import { parseRfc3339 } from '../domain/rfc3339';
import { DEFAULT_LOOKBACK_MS } from '../domain/suspects';
import { parseDuration } from '../domain/time-range';

export const USAGE = `Usage: npm run report -- --prometheus URL --from T --to T [options]

  --prometheus URL      the Prometheus (or compatible) server, e.g. http://127.0.0.1:9090
  --from T, --to T      the range under review: RFC 3339 (2024-01-30T00:19:00Z) or epoch seconds
  --dashboard FILE      a dashboard config (docs/dashboard-config.md); default: the standard one
  --events FILE         an events file of changes and incidents (docs/events-file.md)
  --statuspage FILE|URL a Statuspage v2 incidents.json
  --lookback DUR        how long before the onset changes are suspects (30m, 24h, 2d); default 24h
  --format FORMAT       markdown (default) or json
  --tz ZONE             time zone of the Markdown: UTC (default) or an IANA name
  --help                this text
`;

export type ReportFormat = 'markdown' | 'json';

export interface ReportOptions {
  readonly prometheus: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly dashboard: string | null;
  readonly events: string | null;
  readonly statuspage: string | null;
  readonly lookbackMs: number;
  readonly format: ReportFormat;
  readonly timeZone: string;
}

/** A command line that cannot be run; the message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const FLAGS = [
  'prometheus',
  'from',
  'to',
  'dashboard',
  'events',
  'statuspage',
  'lookback',
  'format',
  'tz',
] as const;
type Flag = (typeof FLAGS)[number];

/** RFC 3339 or epoch seconds (a fraction allowed), as epoch milliseconds. */
export function parseReportTime(text: string): number | null {
  if (/^\d{1,12}(\.\d{1,3})?$/.test(text)) return Math.round(Number(text) * 1000);
  return parseRfc3339(text);
}

function prometheusUrl(text: string): string {
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) {
    throw new UsageError(
      `--prometheus ${text}: expected an http(s) URL such as http://127.0.0.1:9090`,
    );
  }
  return text.replace(/\/+$/, '');
}

/** Reads the arguments after `--`; `null` means `--help` was asked for. */
export function parseReportArgs(argv: readonly string[]): ReportOptions | null {
  const given = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return null;
    const [name = '', inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [''];
    const flag = FLAGS.find((f) => f === name);
    if (flag === undefined) throw new UsageError(`unknown argument ${arg}`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${flag} needs a value`);
    }
    if (given.has(flag)) throw new UsageError(`--${flag} is given twice`);
    given.set(flag, value);
  }
  const required = (flag: Flag): string => {
    const value = given.get(flag);
    if (value === undefined) throw new UsageError(`--${flag} is required`);
    return value;
  };
  const time = (flag: 'from' | 'to'): number => {
    const text = required(flag);
    const ms = parseReportTime(text);
    if (ms === null) {
      throw new UsageError(
        `--${flag} ${text}: expected RFC 3339 (2024-01-30T00:19:00Z) or epoch seconds`,
      );
    }
    return ms;
  };
  const prometheus = prometheusUrl(required('prometheus'));
  const fromMs = time('from');
  const toMs = time('to');
  if (fromMs >= toMs) {
    throw new UsageError(`--from ${required('from')} must be before --to ${required('to')}`);
  }
  const lookbackText = given.get('lookback');
  const lookbackMs = lookbackText === undefined ? DEFAULT_LOOKBACK_MS : parseDuration(lookbackText);
  if (lookbackMs === null) {
    throw new UsageError(
      `--lookback ${lookbackText ?? ''}: expected a duration such as 30m, 24h or 2d`,
    );
  }
  const format = given.get('format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') {
    throw new UsageError(`--format ${format}: expected markdown or json`);
  }
  const timeZone = given.get('tz') ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new UsageError(
      `--tz ${timeZone}: not a time zone; expected UTC or an IANA name such as Europe/Berlin`,
    );
  }
  return {
    prometheus,
    fromMs,
    toMs,
    dashboard: given.get('dashboard') ?? null,
    events: given.get('events') ?? null,
    statuspage: given.get('statuspage') ?? null,
    lookbackMs,
    format,
    timeZone,
  };
}
