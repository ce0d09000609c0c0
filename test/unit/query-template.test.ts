import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../src/dashboard/query-template';
import { rateIntervalSeconds } from '../../src/domain/rate-interval';

describe('rateIntervalSeconds', () => {
  it('is four scrapes at fine steps and step plus one scrape at coarse ones', () => {
    expect(rateIntervalSeconds(15, 15)).toBe(60);
    expect(rateIntervalSeconds(60, 15)).toBe(75);
    expect(rateIntervalSeconds(30, 30)).toBe(120);
  });
});

describe('expandQuery', () => {
  const context = { stepSeconds: 60, scrapeIntervalSeconds: 15, variables: {} };

  it('replaces $__rate_interval and turns an empty selection into "all"', () => {
    expect(expandQuery('rate(x{service=~"$service"}[$__rate_interval])', context)).toBe(
      'rate(x{service=~".*"}[75s])',
    );
  });

  it('joins several values into an escaped alternation', () => {
    const expanded = expandQuery('x{service=~"$service"}', {
      ...context,
      variables: { service: ['api', 'a.b'] },
    });
    expect(expanded).toBe('x{service=~"(api|a\\\\.b)"}');
  });

  it('leaves unknown variables alone', () => {
    expect(expandQuery('x{a="$unknown"}', context)).toBe('x{a="$unknown"}');
  });
});
