import { describe, expect, it } from 'vitest';
import { parseView } from '../../src/dashboard/url-state';

describe('parseView', () => {
  it('defaults to the last six hours', () => {
    const { view, problems } = parseView('');
    expect(view.from).toEqual({ kind: 'relative', offsetMs: -6 * 3_600_000 });
    expect(view.to).toEqual({ kind: 'relative', offsetMs: 0 });
    expect(problems).toEqual([]);
  });

  it('names a bad parameter and its value, and uses the default for it', () => {
    const { view, problems } = parseView('?from=last-tuesday&to=1706572740000');
    expect(problems).toEqual([
      expect.objectContaining({ parameter: 'from', value: 'last-tuesday' }),
    ]);
    expect(view.from).toEqual({ kind: 'relative', offsetMs: -6 * 3_600_000 });
    expect(view.to).toEqual({ kind: 'absolute', ms: 1706572740000 });
  });
});
