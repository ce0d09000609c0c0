import { describe, expect, it } from 'vitest';
import { readDemoChoice } from '../../mocks/demo/start-demo';

const choice = (search: string) => readDemoChoice(new URLSearchParams(search));

describe('the demo’s URL parameters', () => {
  it('shows scenario A shifted to now by default', () => {
    expect(choice('')).toEqual({ scenarioId: 'a', placement: 'now', problem: null });
  });

  it('takes a scenario and a placement from the URL', () => {
    expect(choice('?scenario=c&placement=real')).toEqual({
      scenarioId: 'c',
      placement: 'real',
      problem: null,
    });
    expect(choice('?scenario=quiet&placement=now')).toEqual({
      scenarioId: 'quiet',
      placement: 'now',
      problem: null,
    });
  });

  it('says which value it could not use, and what it shows instead', () => {
    expect(choice('?scenario=d')).toEqual({
      scenarioId: 'a',
      placement: 'now',
      problem: 'scenario=d is not one of a, b, c, quiet; showing scenario a',
    });
    expect(choice('?scenario=b&placement=past')).toEqual({
      scenarioId: 'b',
      placement: 'now',
      problem: 'placement=past is not one of now, real; showing it shifted to now',
    });
    expect(choice('?scenario=x&placement=Real').problem).toBe(
      'scenario=x is not one of a, b, c, quiet; showing scenario a; ' +
        'placement=Real is not one of now, real; showing it shifted to now',
    );
  });
});
