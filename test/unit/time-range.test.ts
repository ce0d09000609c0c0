import { describe, expect, it } from 'vitest';
import {
  formatTimeExpression,
  isOrdered,
  parseTimeExpression,
  relativeTime,
  resolveRange,
  shiftRange,
  zoomOut,
} from '../../src/domain/time-range';

const HOUR = 3_600_000;

describe('parseTimeExpression', () => {
  it.each([
    ['now', { kind: 'relative', offsetMs: 0, text: 'now' }],
    ['now-6h', { kind: 'relative', offsetMs: -6 * HOUR, text: 'now-6h' }],
    ['now-30m', { kind: 'relative', offsetMs: -30 * 60_000, text: 'now-30m' }],
    ['now-2d', { kind: 'relative', offsetMs: -2 * 24 * HOUR, text: 'now-2d' }],
    ['now-0h', { kind: 'relative', offsetMs: 0, text: 'now-0h' }],
    ['1706572740000', { kind: 'absolute', ms: 1706572740000 }],
    ['2024-01-30T00:19:00Z', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
    ['2024-01-29T16:19:00-08:00', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
    ['2024-01-30T00:19Z', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
    ['2024-01-29T16:19-08:00', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
  ])('reads %s', (text, expected) => {
    expect(parseTimeExpression(text)).toEqual(expected);
  });

  it.each([
    'yesterday',
    'now-6',
    'now+1h',
    '2024-01-30',
    '',
    '-5',
    'now-1y',
    '2024-02-30T00:00:00Z',
    '2024-02-30T00:00Z',
    '2024-01-30T24:00:00Z',
    '2024-01-30T00:19+25:00',
    '2024-01-30T00:19:00.5',
  ])('rejects %j', (text) => {
    expect(parseTimeExpression(text)).toBeNull();
  });

  it('keeps the text of a relative time, so now-60m is written back as now-60m', () => {
    const sixtyMinutes = parseTimeExpression('now-60m');
    expect(sixtyMinutes).toMatchObject({ offsetMs: -HOUR });
    expect(sixtyMinutes && formatTimeExpression(sixtyMinutes)).toBe('now-60m');
  });

  it('writes an absolute time as epoch milliseconds, whatever it was read from', () => {
    const rfc = parseTimeExpression('2024-01-30T00:19:00Z');
    expect(rfc && formatTimeExpression(rfc)).toBe('1706573940000');
  });
});

describe('relativeTime', () => {
  it.each([
    [0, 'now'],
    [-6 * HOUR, 'now-6h'],
    [-90 * 60_000, 'now-90m'],
    [-14 * 24 * HOUR, 'now-2w'],
    [-2 * 24 * HOUR, 'now-2d'],
    [-45_000, 'now-45s'],
  ])('writes an offset of %d ms as %s', (offsetMs, text) => {
    expect(relativeTime(offsetMs)).toEqual({ kind: 'relative', offsetMs, text });
    expect(parseTimeExpression(text)).toEqual(relativeTime(offsetMs));
  });
});

describe('resolveRange and isOrdered', () => {
  it('resolves relative ends against the given clock', () => {
    const now = Date.UTC(2026, 10, 22, 12, 0);
    const from = relativeTime(-HOUR);
    const range = resolveRange(from, relativeTime(0), now);
    expect(range).toEqual({ startMs: now - HOUR, endMs: now });
  });

  it('tells the order of two relative or two absolute times, and not of a mixed pair', () => {
    expect(isOrdered(relativeTime(-HOUR), relativeTime(0))).toBe(true);
    expect(isOrdered(relativeTime(0), relativeTime(-HOUR))).toBe(false);
    expect(isOrdered({ kind: 'absolute', ms: 5 }, { kind: 'absolute', ms: 5 })).toBe(false);
    expect(isOrdered(relativeTime(-HOUR), { kind: 'absolute', ms: 5 })).toBeNull();
  });
});

describe('zoomOut and shiftRange', () => {
  const range = { startMs: 10 * HOUR, endMs: 12 * HOUR };

  it('zooms out around the centre, twice as long by default', () => {
    expect(zoomOut(range)).toEqual({ startMs: 9 * HOUR, endMs: 13 * HOUR });
    expect(zoomOut(range, 3)).toEqual({ startMs: 8 * HOUR, endMs: 14 * HOUR });
  });

  it('does not zoom out into the future when given the clock', () => {
    expect(zoomOut(range, 2, 12 * HOUR)).toEqual({ startMs: 8 * HOUR, endMs: 12 * HOUR });
    expect(zoomOut(range, 2, 12.5 * HOUR)).toEqual({ startMs: 8.5 * HOUR, endMs: 12.5 * HOUR });
  });

  it('shifts by half the range by default, keeping its length', () => {
    expect(shiftRange(range, -1)).toEqual({ startMs: 9 * HOUR, endMs: 11 * HOUR });
    expect(shiftRange(range, 1)).toEqual({ startMs: 11 * HOUR, endMs: 13 * HOUR });
    expect(shiftRange(range, 1, 1)).toEqual({ startMs: 12 * HOUR, endMs: 14 * HOUR });
  });

  it('stops a shift forward at now when given the clock', () => {
    expect(shiftRange(range, 1, 0.5, 12.5 * HOUR)).toEqual({
      startMs: 10.5 * HOUR,
      endMs: 12.5 * HOUR,
    });
  });

  it('returns whole milliseconds, so the URL stays an epoch', () => {
    const odd = zoomOut({ startMs: 0, endMs: 3 }, 2);
    expect(Number.isInteger(odd.startMs) && Number.isInteger(odd.endMs)).toBe(true);
  });
});
