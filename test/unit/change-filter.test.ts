import { describe, expect, it } from 'vitest';
import {
  ALL_CHANGES,
  filterChanges,
  showsAllKinds,
  toggleKind,
} from '../../src/domain/change-filter';
import { changeEvent } from '../support/event-factories';

const T = Date.parse('2024-01-30T00:00:00Z');
const changes = [
  changeEvent({ id: 'd-api', timeMs: T, kind: 'deploy', service: 'api' }),
  changeEvent({ id: 'c-api', timeMs: T + 1, kind: 'config', service: 'api' }),
  changeEvent({ id: 's-web', timeMs: T + 2, kind: 'scale', service: 'web' }),
];
const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

describe('the change filter', () => {
  it('lets every change through by default, as the same array', () => {
    expect(filterChanges(changes, ALL_CHANGES)).toBe(changes);
    expect(showsAllKinds(ALL_CHANGES)).toBe(true);
  });

  it('keeps only the kinds turned on', () => {
    const noConfig = toggleKind(ALL_CHANGES, 'config');
    expect(noConfig.kinds).toEqual(['deploy', 'scale']);
    expect(ids(filterChanges(changes, noConfig))).toEqual(['d-api', 's-web']);
    expect(ids(filterChanges(changes, { kinds: [], service: null }))).toEqual([]);
  });

  it('turns a kind back on in its fixed place', () => {
    const only = toggleKind(toggleKind(toggleKind(ALL_CHANGES, 'deploy'), 'scale'), 'deploy');
    expect(only.kinds).toEqual(['deploy', 'config']);
  });

  it('keeps one service’s changes', () => {
    expect(ids(filterChanges(changes, { ...ALL_CHANGES, service: 'api' }))).toEqual([
      'd-api',
      'c-api',
    ]);
    expect(filterChanges(changes, { ...ALL_CHANGES, service: 'nobody' })).toEqual([]);
  });
});
