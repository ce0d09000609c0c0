import { describe, expect, it } from 'vitest';
import { analyzeIncident } from '../../src/domain/incident-analysis';
import { incidentMarkdown, markdownText } from '../../src/domain/incident-markdown';
import { incidentReport } from '../../src/domain/incident-report';
import { formatRfc3339Utc } from '../../src/domain/rfc3339';
import { fixtureAnalysis, fixtureInput } from '../support/analysis-fixture';
import { synthetic } from '../support/synthetic-series';

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe('incidentReport', () => {
  const report = incidentReport(fixtureAnalysis, [{ source: 'dns', message: 'HTTP 503' }]);

  it('holds the contract’s fields, times in RFC 3339 UTC', () => {
    expect(report).toMatchObject({
      from: '2024-01-29T22:00:00Z',
      to: '2024-01-30T03:00:00Z',
      onset: '2024-01-30T00:00:00Z',
      lookbackSeconds: 86_400,
      stepSeconds: 30,
      errors: [{ source: 'dns', message: 'HTTP 503' }],
    });
    expect(report.signals.map((s) => [s.id, s.onset, s.order])).toEqual([
      ['error_ratio', '2024-01-30T00:00:00Z', 1],
      ['queue_depth', null, null],
    ]);
    expect(report.changes[0]).toEqual({
      id: 'payments-v4.2.0',
      time: '2024-01-29T20:22:00Z',
      kind: 'deploy',
      service: 'payments',
      namespace: 'payments',
      title: 'payments v4.2.0',
      source: 'events-file',
    });
    expect(report.incidents[0]).toMatchObject({
      source: 'alerts',
      start: '2024-01-30T00:01:00Z',
      end: '2024-01-30T00:25:00Z',
    });
    expect(report.blindSpots).toEqual([
      {
        signal: 'queue_depth',
        series: ['depth jobs'],
        reason: 'absent',
        start: '2024-01-30T01:00:00Z',
        end: '2024-01-30T01:30:00Z',
      },
    ]);
    expect(report.durations).toMatchObject({
      detectAlertSeconds: 60,
      detectStatusSeconds: 360,
      mitigateSeconds: 540,
      recoverSeconds: 1200,
    });
    const times = JSON.stringify(report).match(/"\d{4}-[^"]*"/g) ?? [];
    expect(times.length).toBeGreaterThan(10);
    for (const time of times) expect(JSON.parse(time)).toMatch(RFC3339_UTC);
  });

  it('lists suspects best first with their lead in seconds and their score', () => {
    expect(report.suspects.map((s) => [s.service, s.leadSeconds])).toEqual([
      ['payments', 3 * 3600 + 38 * 60],
      ['billing', 120],
    ]);
    const [first, second] = report.suspects;
    expect(first?.score).toBeGreaterThan(second?.score ?? Infinity);
    expect(first?.reasons.reduce((sum, r) => sum + r.points, 0)).toBeCloseTo(first?.score ?? 0, 5);
  });

  it('says null for an onset that did not happen', () => {
    const quiet = incidentReport(
      analyzeIncident({
        ...fixtureInput,
        signals: [
          {
            id: 'dns',
            title: 'DNS',
            series: [{ name: 'x', series: synthetic({ level: () => 1 }), absoluteFloor: 0 }],
          },
        ],
      }),
    );
    expect(quiet).toMatchObject({ onset: null, recovery: null, suspects: [], durations: null });
    expect(quiet.signals).toEqual([
      { id: 'dns', title: 'DNS', onset: null, recovery: null, order: null, series: [] },
    ]);
  });
});

describe('formatRfc3339Utc', () => {
  it('writes whole seconds without a fraction, and milliseconds when there are some', () => {
    expect(formatRfc3339Utc(Date.UTC(2024, 0, 30, 0, 19))).toBe('2024-01-30T00:19:00Z');
    expect(formatRfc3339Utc(Date.UTC(2024, 0, 30, 0, 19, 0, 250))).toBe('2024-01-30T00:19:00.250Z');
  });
});

describe('incidentMarkdown', () => {
  const markdown = incidentMarkdown(fixtureAnalysis, { timeZone: 'America/Los_Angeles' });

  it('states the summary, durations, signals, suspects, blind spots and timeline in the chosen zone', () => {
    for (const heading of [
      '## Summary',
      '## Durations',
      '## Signals',
      '## Suspects',
      '## Blind spots',
      '## Timeline',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain(
      '- Onset: 2024-01-29 16:00:00 PST, Error ratio first (5xx payments)',
    );
    expect(markdown).toContain(
      '- Top suspect: deploy payments v2 — 3 h 38 min before Error ratio (score 79.7)',
    );
    expect(markdown).toContain(
      '| first alert (detect) | 1 min | 2024-01-29 16:01:00 PST: HTTPErrorRateHigh · payments |',
    );
  });

  it('escapes text from the sources so it can break no table and become no HTML', () => {
    expect(markdown).toContain('billing v7 \\<b\\>bold\\</b\\> \\| pipe');
    expect(markdown).not.toContain('<b>');
    expect(markdownText('a\nb *c* [d](javascript:x) `e`')).toBe(
      'a b \\*c\\* \\[d\\](javascript:x) \\`e\\`',
    );
  });

  it('says so when nothing moved', () => {
    const quiet = analyzeIncident({ ...fixtureInput, signals: [] });
    expect(incidentMarkdown(quiet, { timeZone: 'UTC' })).toContain(
      'No signal left its baseline in this range: no onset, no suspects.',
    );
  });
});
