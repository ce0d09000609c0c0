import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/domain/series';
import { alignRange, type AlignedQueryRange } from '../../src/domain/step';
import { compareLabelSets, mergeTail, planRefresh } from '../../src/domain/tail-refresh';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2024, 0, 30, 0, 0, 0);

/** A series as Prometheus stores it: present in some windows, with a value at every time. */
interface StoredSeries {
  readonly labels: Record<string, string>;
  readonly present: readonly (readonly [number, number])[];
  readonly value: (timeMs: number) => number;
}

/** What a range query answers: a point per step where the series has data, in label order. */
function answer(stored: readonly StoredSeries[], range: AlignedQueryRange): TimeSeries[] {
  const stepMs = range.stepSeconds * 1000;
  const out: TimeSeries[] = [];
  for (const one of stored) {
    const times: number[] = [];
    for (let t = range.startMs; t <= range.endMs; t += stepMs) {
      if (one.present.some(([from, to]) => t >= from && t <= to)) times.push(t);
    }
    if (times.length > 0) out.push({ labels: one.labels, times, values: times.map(one.value) });
  }
  return out.sort((a, b) => compareLabelSets(a.labels, b.labels));
}

const ALWAYS = [[0, Number.MAX_SAFE_INTEGER]] as const;
const world: StoredSeries[] = [
  { labels: { service: 'web', code: '500' }, present: ALWAYS, value: (t) => Math.sin(t / 1e6) },
  { labels: { service: 'api', code: '500' }, present: ALWAYS, value: (t) => (t / 1e5) % 7 },
  // Scraped until 00:40, then gone: it vanishes from the answers once it scrolls out.
  { labels: { service: 'batch' }, present: [[0, T0 + 40 * MINUTE]], value: () => 3 },
  // Appears at 01:05.
  { labels: { service: 'new' }, present: [[T0 + 65 * MINUTE, Infinity]], value: (t) => t % 11 },
  // A blind spot from 00:50 to 01:10.
  {
    labels: { service: 'queue' },
    present: [
      [0, T0 + 50 * MINUTE],
      [T0 + 70 * MINUTE, Infinity],
    ],
    value: (t) => (t / MINUTE) % 5,
  },
];

/** Slides a one-hour live range from `fromMs` by `everyMs`, merging tails, checking each step. */
function slide(fromMs: number, toMs: number, everyMs: number, stepSeconds: number) {
  const span = HOUR;
  let range = alignRange({ startMs: fromMs - span, endMs: fromMs }, stepSeconds);
  let cached = answer(world, range);
  let refreshes = 0;
  for (let now = fromMs + everyMs; now <= toMs; now += everyMs) {
    const next = alignRange({ startMs: now - span, endMs: now }, stepSeconds);
    const plan = planRefresh(range, next);
    if (plan.kind === 'tail') {
      cached = mergeTail(cached, answer(world, plan.tail), next, plan.tail.startMs);
      refreshes++;
    } else if (plan.kind === 'full') {
      cached = answer(world, next);
    }
    expect(cached).toEqual(answer(world, next));
    range = next;
  }
  return refreshes;
}

describe('planRefresh', () => {
  const previous = { startMs: T0, endMs: T0 + HOUR, stepSeconds: 15 };

  it('asks for everything when nothing is cached', () => {
    expect(planRefresh(null, previous)).toEqual({ kind: 'full' });
  });

  it('asks only for the tail, from two steps before the cached end, when the range slid', () => {
    const next = { startMs: T0 + 30_000, endMs: T0 + HOUR + 30_000, stepSeconds: 15 };
    expect(planRefresh(previous, next)).toEqual({
      kind: 'tail',
      tail: { startMs: T0 + HOUR - 30_000, endMs: T0 + HOUR + 30_000, stepSeconds: 15 },
    });
  });

  it('needs no request for the same range', () => {
    expect(planRefresh(previous, { ...previous })).toEqual({ kind: 'cached' });
  });

  it('asks for everything when the step, the length or the direction changed', () => {
    expect(planRefresh(previous, { ...previous, stepSeconds: 30 }).kind).toBe('full');
    expect(planRefresh(previous, { ...previous, endMs: T0 + 2 * HOUR }).kind).toBe('full');
    const back = { startMs: T0 - MINUTE, endMs: T0 + HOUR - MINUTE, stepSeconds: 15 };
    expect(planRefresh(previous, back).kind).toBe('full');
  });

  it('asks for everything when the range moved past all it had', () => {
    const far = { startMs: T0 + 2 * HOUR, endMs: T0 + 3 * HOUR, stepSeconds: 15 };
    expect(planRefresh(previous, far).kind).toBe('full');
  });
});

describe('mergeTail', () => {
  it('equals a full refetch over 90 minutes of 30 s refreshes, with vanished and new series and a gap', () => {
    expect(slide(T0 + HOUR, T0 + 150 * MINUTE, 30_000, 15)).toBe(180);
  });

  it('equals a full refetch when refreshes come slower than the step or at odd times', () => {
    slide(T0 + HOUR + 7_000, T0 + 150 * MINUTE, 47_000, 15);
    slide(T0 + HOUR, T0 + 150 * MINUTE, 10_000, 60);
  });

  it('equals a full refetch after the step changes mid-way (a new width)', () => {
    const before = alignRange({ startMs: T0, endMs: T0 + HOUR }, 15);
    const after = alignRange({ startMs: T0 + MINUTE, endMs: T0 + HOUR + MINUTE }, 30);
    expect(planRefresh(before, after).kind).toBe('full');
    slide(T0 + HOUR + MINUTE, T0 + 100 * MINUTE, 30_000, 30);
  });

  it('drops a series whose every cached sample scrolled out and the tail does not have', () => {
    const range = { startMs: T0 + 50 * MINUTE, endMs: T0 + 110 * MINUTE, stepSeconds: 60 };
    const cached = answer(world, {
      startMs: T0 + 30 * MINUTE,
      endMs: T0 + 90 * MINUTE,
      stepSeconds: 60,
    });
    expect(cached.some((s) => s.labels.service === 'batch')).toBe(true);
    const tailRange = { startMs: T0 + 88 * MINUTE, endMs: range.endMs, stepSeconds: 60 };
    const merged = mergeTail(cached, answer(world, tailRange), range, tailRange.startMs);
    expect(merged.map((s) => s.labels.service)).toEqual(['api', 'web', 'new', 'queue']);
  });

  it('takes the tail’s values over cached ones in the overlap (late scrapes)', () => {
    const range = { startMs: T0 + MINUTE, endMs: T0 + 3 * MINUTE, stepSeconds: 60 };
    const labels = { service: 'api' };
    const cached = [{ labels, times: [T0, T0 + MINUTE, T0 + 2 * MINUTE], values: [1, 2, 0] }];
    const tail = [{ labels, times: [T0 + 2 * MINUTE, T0 + 3 * MINUTE], values: [5, 6] }];
    expect(mergeTail(cached, tail, range, T0 + 2 * MINUTE)).toEqual([
      { labels, times: [T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE], values: [2, 5, 6] },
    ]);
  });
});
