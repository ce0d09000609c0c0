import { describe, expect, it } from 'vitest';
import {
  expandQuery,
  expandVariables,
  variableReferences,
} from '../../src/dashboard/query-template';
import { defaultVariables } from '../../src/dashboard/variables';
import { rateIntervalSeconds } from '../../src/domain/rate-interval';
import { parseSeriesSelector } from '../../mocks/promql/parse';

describe('rateIntervalSeconds', () => {
  it('is four scrapes at fine steps and step plus one scrape at coarse ones', () => {
    expect(rateIntervalSeconds(15, 15)).toBe(60);
    expect(rateIntervalSeconds(60, 15)).toBe(75);
    expect(rateIntervalSeconds(30, 30)).toBe(120);
  });
});

describe('expandQuery', () => {
  const context = { stepSeconds: 60, scrapeIntervalSeconds: 15, variables: {} };
  const withService = (...service: string[]) =>
    expandQuery('x{service=~"$service"}', { ...context, variables: { service } });

  it('replaces $__rate_interval and turns an empty selection into "all"', () => {
    expect(expandQuery('rate(x{service=~"$service"}[$__rate_interval])', context)).toBe(
      'rate(x{service=~".*"}[75s])',
    );
  });

  it('replaces $__interval and $__interval_ms with the step', () => {
    expect(expandQuery('avg_over_time(x[$__interval]) / $__interval_ms', context)).toBe(
      'avg_over_time(x[1m]) / 60000',
    );
  });

  it('joins several values into an escaped alternation', () => {
    expect(withService('api', 'a.b')).toBe('x{service=~"(api|a\\\\.b)"}');
  });

  it('treats $__all among the values as "all"', () => {
    expect(withService('api', '$__all')).toBe('x{service=~".*"}');
  });

  it('escapes every regex special, so a value matches only itself', () => {
    expect(withService('a+b*c?(d)[e]{f}|g^h$i\\j')).toBe(
      'x{service=~"a\\\\+b\\\\*c\\\\?\\\\(d\\\\)\\\\[e\\\\]\\\\{f\\\\}\\\\|g\\\\^h\\\\$i\\\\\\\\j"}',
    );
  });

  it('cannot be made to leave the string it stands in, whatever its quotes', () => {
    const value = 'x"} or vector(1) #\'`\n';
    // Quotes, backtick and newline become regex escapes; nothing ends the string early.
    const regex = 'x\\x22\\} or vector\\(1\\) #\\x27\\x60\\x0a';
    const variables = { service: [value] };
    expect(expandQuery('x{service=~"$service"}', { ...context, variables })).toBe(
      `x{service=~"${regex.replaceAll('\\', '\\\\')}"}`,
    );
    expect(expandQuery("x{service=~'$service'}", { ...context, variables })).toBe(
      `x{service=~'${regex.replaceAll('\\', '\\\\')}'}`,
    );
    expect(expandQuery('x{service=~`$service`}', { ...context, variables })).toBe(
      `x{service=~\`${regex}\`}`,
    );
  });

  it('never expands a variable outside a string, where a value would become PromQL', () => {
    const expr = 'sum by ($service) (x{service=~"$service"})';
    expect(expandQuery(expr, { ...context, variables: { service: ['api'] } })).toBe(
      'sum by ($service) (x{service=~"api"})',
    );
  });

  it('leaves comments, escaped characters and unknown variables alone', () => {
    expect(expandQuery('x{a="$unknown"}', context)).toBe('x{a="$unknown"}');
    expect(expandQuery('x{a="\\"$service"} # "$service"', context)).toBe(
      'x{a="\\".*"} # "$service"',
    );
  });

  it('expands ${name} too, so a variable can stand next to other text', () => {
    expect(
      expandQuery('x{pod=~"${service}-canary-.*"}', {
        ...context,
        variables: { service: ['api', 'web'] },
      }),
    ).toBe('x{pod=~"(api|web)-canary-.*"}');
  });

  it('applies only the dashboard’s own variables, and reads a standard one it lacks as "all"', () => {
    const variables = { team: ['sre'], service: ['api'], stray: ['x'] };
    expect(
      expandQuery('x{team=~"$team", service=~"$service", s=~"$stray"}', {
        ...context,
        variables,
        variableNames: ['team'],
      }),
    ).toBe('x{team=~"sre", service=~".*", s=~"$stray"}');
  });

  it('ignores names that only look like object properties', () => {
    expect(expandQuery('x{a="$constructor", b="$toString"}', context)).toBe(
      'x{a="$constructor", b="$toString"}',
    );
  });
});

describe('expanded values, read back by a PromQL parser', () => {
  const tricky = [
    'api',
    'a.b',
    'x"} or vector(1) #',
    "it's",
    'back`tick',
    'back\\slash\\',
    'line\nbreak\ttab',
    '(.*)|[a-z]+?{2}^$',
    '$service',
    'ünïcødé ✓',
  ];

  it.each(['"', "'", '`'])('match exactly the chosen values inside %s strings', (quote) => {
    const matchers = parseSeriesSelector(
      expandVariables(`x{service=~${quote}$service${quote}}`, { variables: { service: tricky } }),
    );
    expect(matchers.map((m) => m.name).sort()).toEqual(['__name__', 'service']);
    const service = matchers.find((m) => m.name === 'service');
    for (const value of tricky) {
      expect(service?.matches(value)).toBe(true);
      expect(service?.matches(`${value}x`)).toBe(false);
    }
    expect(service?.matches('ab')).toBe(false);
  });
});

describe('expandVariables', () => {
  it('narrows the standard service choices to the chosen cluster and namespace', () => {
    const service = defaultVariables.find((v) => v.name === 'service');
    expect(
      expandVariables(service?.match ?? '', { variables: { namespace: ['shop', 'pay'] } }),
    ).toBe('http_requests_total{cluster=~".*", namespace=~"(shop|pay)"}');
  });
});

describe('variableReferences', () => {
  it('lists the variables a query uses, and whether each is inside a string', () => {
    expect(variableReferences('sum by ($group) (x{a="$a", b=~"${b}"}[$__rate_interval])')).toEqual([
      { name: 'group', quoted: false },
      { name: 'a', quoted: true },
      { name: 'b', quoted: true },
    ]);
  });
});
