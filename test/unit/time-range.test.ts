import { describe, expect, it } from 'vitest';
import { parseTimeExpression, resolveRange } from '../../src/domain/time-range';

describe('parseTimeExpression', () => {
  it.each([
    ['now', { kind: 'relative', offsetMs: 0 }],
    ['now-6h', { kind: 'relative', offsetMs: -6 * 3_600_000 }],
    ['now-30m', { kind: 'relative', offsetMs: -30 * 60_000 }],
    ['now-2d', { kind: 'relative', offsetMs: -2 * 86_400_000 }],
    ['1706572740000', { kind: 'absolute', ms: 1706572740000 }],
    ['2024-01-30T00:19:00Z', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
    ['2024-01-29T16:19:00-08:00', { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 0, 19) }],
  ])('reads %s', (text, expected) => {
    expect(parseTimeExpression(text)).toEqual(expected);
  });

  it.each(['yesterday', 'now-6', 'now+1h', '2024-01-30', '', '-5'])('rejects %j', (text) => {
    expect(parseTimeExpression(text)).toBeNull();
  });
});

describe('resolveRange', () => {
  it('resolves relative ends against the given clock', () => {
    const now = Date.UTC(2026, 10, 22, 12, 0);
    const range = resolveRange(
      { kind: 'relative', offsetMs: -3_600_000 },
      { kind: 'relative', offsetMs: 0 },
      now,
    );
    expect(range).toEqual({ startMs: now - 3_600_000, endMs: now });
  });
});
