import { describe, expect, it } from 'vitest';
import {
  clipWindow,
  incidentRows,
  phaseBands,
  type IncidentWindow,
} from '../../src/domain/incidents';

const M = 60_000;
const T0 = Date.parse('2024-01-30T00:00:00Z');
const at = (minutes: number): number => T0 + minutes * M;

const window: IncidentWindow = {
  id: 'w',
  source: 'events-file',
  title: 'Routing errors',
  startMs: at(19),
  endMs: at(34),
  phases: [
    { status: 'investigating', atMs: at(19) },
    { status: 'identified', atMs: at(22) },
    { status: 'monitoring', atMs: at(30) },
    { status: 'resolved', atMs: at(49) },
  ],
  impact: 'major',
  url: null,
  service: null,
};
const open: IncidentWindow = { ...window, endMs: null };
const minutes = (r: { startMs: number; endMs: number } | null) =>
  r === null ? null : [(r.startMs - T0) / M, (r.endMs - T0) / M];
const bands = (list: ReturnType<typeof phaseBands>) =>
  list.map((b) => [b.status, (b.startMs - T0) / M, (b.endMs - T0) / M]);

describe('clipping an incident window to the range', () => {
  const now = at(60);

  it('keeps a window inside the range as it is', () => {
    const clipped = clipWindow(window, { startMs: at(0), endMs: at(60) }, now);
    expect(clipped).toEqual({
      startMs: at(19),
      endMs: at(34),
      clippedStart: false,
      clippedEnd: false,
      open: false,
    });
  });

  it('clips a window partly inside the range instead of dropping it', () => {
    const start = clipWindow(window, { startMs: at(25), endMs: at(60) }, now);
    expect([minutes(start), start?.clippedStart, start?.clippedEnd]).toEqual([
      [25, 34],
      true,
      false,
    ]);
    const end = clipWindow(window, { startMs: at(0), endMs: at(20) }, now);
    expect([minutes(end), end?.clippedStart, end?.clippedEnd]).toEqual([[19, 20], false, true]);
    const both = clipWindow(window, { startMs: at(20), endMs: at(21) }, now);
    expect([minutes(both), both?.clippedStart, both?.clippedEnd]).toEqual([[20, 21], true, true]);
  });

  it('drops a window wholly outside the range', () => {
    expect(clipWindow(window, { startMs: at(35), endMs: at(60) }, now)).toBeNull();
    expect(clipWindow(window, { startMs: at(0), endMs: at(18) }, now)).toBeNull();
  });

  it('draws an open window to now, and to the range end when now is later', () => {
    const live = clipWindow(open, { startMs: at(0), endMs: at(60) }, at(40));
    expect([minutes(live), live?.open, live?.clippedEnd]).toEqual([[19, 40], true, false]);
    const past = clipWindow(open, { startMs: at(0), endMs: at(30) }, at(40));
    expect([minutes(past), past?.open, past?.clippedEnd]).toEqual([[19, 30], true, true]);
  });

  it('draws an open window that starts after now (a clock ahead) as a moment, not backwards', () => {
    const ahead = clipWindow(
      { ...open, startMs: at(45) },
      { startMs: at(0), endMs: at(60) },
      at(40),
    );
    expect(minutes(ahead)).toEqual([45, 45]);
  });
});

describe('phase bands of a window', () => {
  const range = { startMs: at(0), endMs: at(60) };

  it('lasts each phase until the next, the last until the window’s end', () => {
    expect(bands(phaseBands(window, range, at(60)))).toEqual([
      ['investigating', 19, 22],
      ['identified', 22, 30],
      ['monitoring', 30, 34],
    ]);
  });

  it('lasts the last phase of an open window until now', () => {
    const live = { ...open, phases: window.phases.slice(0, 2) };
    expect(bands(phaseBands(live, range, at(40)))).toEqual([
      ['investigating', 19, 22],
      ['identified', 22, 40],
    ]);
  });

  it('cuts the bands to the range, and has none for a window outside it', () => {
    const part = phaseBands(window, { startMs: at(21), endMs: at(25) }, at(60));
    expect(bands(part)).toEqual([
      ['investigating', 21, 22],
      ['identified', 22, 25],
    ]);
    expect(phaseBands(window, { startMs: at(40), endMs: at(60) }, at(60))).toEqual([]);
  });

  it('orders phases given out of order, and has no bands without phases', () => {
    const shuffled = { ...window, phases: [...window.phases].reverse() };
    expect(phaseBands(shuffled, range, at(60)).map((b) => b.status)).toEqual([
      'investigating',
      'identified',
      'monitoring',
    ]);
    expect(phaseBands({ ...window, phases: [] }, range, at(60))).toEqual([]);
  });
});

describe('rows for overlapping incident windows', () => {
  const range = { startMs: at(0), endMs: at(60) };
  const w = (id: string, start: number, end: number | null): IncidentWindow => ({
    ...window,
    id,
    startMs: at(start),
    endMs: end === null ? null : at(end),
  });

  it('puts windows that do not overlap in one row', () => {
    const rows = incidentRows([w('a', 1, 5), w('b', 10, 20), w('c', 21, 30)], range, at(60), 4);
    expect([...rows]).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
  });

  it('stacks overlapping windows so none hides another, reusing a row once it is free', () => {
    const rows = incidentRows(
      [w('b', 12, 30), w('a', 10, 20), w('c', 25, 40), w('d', 31, 50)],
      range,
      at(60),
      4,
    );
    expect(Object.fromEntries(rows)).toEqual({ a: 0, b: 1, c: 0, d: 1 });
  });

  it('shares the last row past the row limit, and leaves out windows outside the range', () => {
    const rows = incidentRows(
      [w('a', 1, 50), w('b', 2, 50), w('c', 3, 50), w('out', -30, -10)],
      range,
      at(60),
      2,
    );
    expect(Object.fromEntries(rows)).toEqual({ a: 0, b: 1, c: 1 });
  });

  it('counts an open window as lasting until now', () => {
    const rows = incidentRows([w('open', 5, null), w('later', 40, 45)], range, at(60), 4);
    expect(Object.fromEntries(rows)).toEqual({ open: 0, later: 1 });
  });
});
