import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/domain/changes';
import { groupMarkers } from '../../src/domain/marker-groups';

const T0 = Date.parse('2024-01-30T00:00:00Z');
// A 1000-second range on a 1000-pixel lane: one pixel per second.
const range = { startMs: T0, endMs: T0 + 1_000_000 };

function change(id: string, seconds: number): ChangeEvent {
  return {
    id,
    timeMs: T0 + seconds * 1000,
    kind: 'deploy',
    service: 'api',
    namespace: null,
    title: id,
    version: null,
    from: null,
    to: null,
    url: null,
    source: 'custom',
  };
}

const shape = (groups: ReturnType<typeof groupMarkers>) =>
  groups.map((g) => [(g.timeMs - T0) / 1000, g.changes.map((c) => c.id)]);

describe('grouping change markers on the timeline lane', () => {
  it('groups markers closer than 6 px and keeps those 6 px or more apart', () => {
    const changes = [change('a', 100), change('b', 105), change('c', 111), change('d', 117)];
    expect(shape(groupMarkers(changes, range, 1000))).toEqual([
      [100, ['a', 'b']],
      [111, ['c']],
      [117, ['d']],
    ]);
  });

  it('measures from a group’s first marker, so a chain of close markers is not one group', () => {
    const chain = [0, 4, 8, 12, 16].map((s, i) => change(`m${String(i)}`, 200 + s));
    expect(shape(groupMarkers(chain, range, 1000))).toEqual([
      [200, ['m0', 'm1']],
      [208, ['m2', 'm3']],
      [216, ['m4']],
    ]);
  });

  it('groups by pixels, so a narrower lane or a wider gap groups more', () => {
    const changes = [change('a', 100), change('b', 110), change('c', 120)];
    expect(shape(groupMarkers(changes, range, 1000))).toHaveLength(3);
    expect(shape(groupMarkers(changes, range, 500))).toHaveLength(2);
    expect(shape(groupMarkers(changes, range, 1000, 25))).toEqual([[100, ['a', 'b', 'c']]]);
  });

  it('shows three changes at one instant as one marker of three, in time order', () => {
    const changes = [change('c', 300), change('a', 300), change('b', 300)];
    expect(shape(groupMarkers(changes, range, 1000))).toEqual([[300, ['a', 'b', 'c']]]);
  });

  it('leaves out changes outside the range, and has nothing to draw on a lane of no width', () => {
    const changes = [
      change('before', -1),
      change('start', 0),
      change('end', 1000),
      change('after', 1001),
    ];
    expect(shape(groupMarkers(changes, range, 1000))).toEqual([
      [0, ['start']],
      [1000, ['end']],
    ]);
    expect(groupMarkers(changes, range, 0)).toEqual([]);
    expect(groupMarkers(changes, { startMs: T0, endMs: T0 }, 1000)).toEqual([]);
  });
});
