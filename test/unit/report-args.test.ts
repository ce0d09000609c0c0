import { describe, expect, it } from 'vitest';
import { parseReportArgs, parseReportTime } from '../../src/report/report-args';
import { parseDuration } from '../../src/domain/time-range';

const base = [
  '--prometheus',
  'http://127.0.0.1:9090/',
  '--from',
  '2024-01-29T18:00:00Z',
  '--to',
  '1706587200',
];

describe('parseReportArgs', () => {
  it('reads the flags, with defaults for the optional ones', () => {
    expect(parseReportArgs(base)).toEqual({
      prometheus: 'http://127.0.0.1:9090',
      fromMs: Date.UTC(2024, 0, 29, 18),
      toMs: Date.UTC(2024, 0, 30, 4),
      dashboard: null,
      events: null,
      statuspage: null,
      lookbackMs: 24 * 3_600_000,
      format: 'markdown',
      timeZone: 'UTC',
    });
  });

  it('reads --flag=value as well as --flag value', () => {
    expect(
      parseReportArgs([...base, '--format=json', '--lookback', '2d', '--events', 'e.json']),
    ).toMatchObject({
      format: 'json',
      lookbackMs: 2 * 86_400_000,
      events: 'e.json',
    });
  });

  it('answers null for --help', () => {
    expect(parseReportArgs(['--help'])).toBeNull();
  });

  it.each([
    [[], '--prometheus is required'],
    [
      ['--prometheus', 'ftp://x', '--from', '1', '--to', '2'],
      '--prometheus ftp://x: expected an http(s) URL',
    ],
    [
      [...base.slice(0, 2), '--from', 'yesterday', '--to', '2'],
      '--from yesterday: expected RFC 3339',
    ],
    [[...base.slice(0, 2), '--from', '20', '--to', '10'], '--from 20 must be before --to 10'],
    [[...base, '--format', 'html'], '--format html: expected markdown or json'],
    [[...base, '--lookback', 'a day'], '--lookback a day: expected a duration'],
    [[...base, '--tz', 'Mars/Olympus'], '--tz Mars/Olympus: not a time zone'],
    [[...base, '--verbose'], 'unknown argument --verbose'],
    [[...base, '--events'], '--events needs a value'],
    [[...base, '--from', '1'], '--from is given twice'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseReportArgs(argv)).toThrow(message);
  });
});

describe('parseReportTime', () => {
  it('reads RFC 3339 and epoch seconds', () => {
    expect(parseReportTime('2024-01-30T01:19:00+01:00')).toBe(Date.UTC(2024, 0, 30, 0, 19));
    expect(parseReportTime('1706573940.5')).toBe(1_706_573_940_500);
    expect(parseReportTime('2024-01-30')).toBeNull();
  });
});

describe('parseDuration', () => {
  it('reads s, m, h, d and w, and nothing else', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('1w')).toBe(7 * 86_400_000);
    expect(parseDuration('0h')).toBeNull();
    expect(parseDuration('1.5h')).toBeNull();
  });
});
