import type { AgreementCall, ScenarioWindow } from './agreement-queries';
import { apiTime, type ApiParams } from './prometheus-api';

/**
 * Calls at the edges of the Prometheus API, for the MSW-vs-Prometheus agreement test: requests
 * Prometheus refuses (bad PromQL, bad parameters, limits, evaluation errors), the largest range
 * it still answers, and numbers whose JSON text is easy to get wrong.
 *
 * Error messages must be equal to the letter, with one exception: a regular expression that
 * does not compile, where Prometheus passes on the explanation of Go's RE2 parser and the mock
 * that of JavaScript's; those must agree up to `error parsing regexp: `. The mock's own
 * "unsupported by the mock Prometheus" errors are not compared: Prometheus answers those queries.
 */

const REQUESTS = 'http_requests_total';

function call(
  name: string,
  endpoint: string,
  params: ApiParams,
  method: 'GET' | 'POST' = 'GET',
): AgreementCall {
  return { name, endpoint, params, method };
}

/** Calls that Prometheus answers with an error, each a different path of the API's code. */
export function errorCalls(window: ScenarioWindow): AgreementCall[] {
  const start = apiTime(window.range.startMs);
  const end = apiTime(window.range.endMs);
  const range = (name: string, params: ApiParams): AgreementCall =>
    call(name, 'query_range', {
      query: `sum(rate(${REQUESTS}[5m]))`,
      start,
      end,
      step: '60',
      ...params,
    });
  const instant = (name: string, query: string): AgreementCall =>
    call(name, 'query', { query, time: end }, 'POST');
  const unclosed = `sum(rate(${REQUESTS}[5m])`;
  return [
    range('a range query that does not parse', { query: unclosed }),
    instant('an instant query that does not parse', unclosed),
    range('a range vector as a range query', { query: 'up[2m]' }),
    range('an unknown function in a range query', { query: `rate_per_hour(${REQUESTS}[5m])` }),
    instant('an unknown function in an instant query', `rate_per_hour(${REQUESTS}[5m])`),
    instant('an instant vector where a range is due', `rate(${REQUESTS})`),
    {
      ...instant('a regular expression that does not compile', `${REQUESTS}{code=~"(5.."}`),
      errorsAgreeUpTo: 'error parsing regexp: ',
    },
    range('a step that is not a duration', { step: 'fast' }),
    range('a zero step', { step: '0' }),
    range('a negative step', { step: '-15' }),
    range('more than 11,000 points per series', { step: '1' }),
    range('an end before the start', { start: end, end: start }),
    range('a start that is not a time', { start: 'yesterday' }),
    range('a timeout that is not a duration', { timeout: 'soon' }),
    call('an instant query at a time that is not a time', 'query', { query: 'up', time: 'noon' }),
    range('two series left with one label set', {
      query: 'count_over_time({__name__=~"http_request_duration_seconds_(sum|count)"}[5m])',
    }),
    instant('many-to-many matching', `${REQUESTS} / on (service) ${REQUESTS}`),
    instant(
      'one-to-one matching with many matches',
      `sum by (service, code) (rate(${REQUESTS}[5m])) / on (service) sum by (service) (rate(${REQUESTS}[5m]))`,
    ),
    call('series without match[]', 'series', { start, end }),
    call('series matching only empty values', 'series', { 'match[]': '{job=""}', start, end }),
    call('series with a selector that does not parse', 'series', { 'match[]': 'up{', start, end }),
    call('labels with a selector that does not parse', 'labels', { 'match[]': 'up{', start, end }),
    call('values of an invalid label name', 'label/job-name/values', { start, end }),
    call('label values by POST', 'label/job/values', { start, end }, 'POST'),
  ];
}

/** Successful calls at the limits: the largest range query Prometheus answers. */
export function limitCalls(window: ScenarioWindow): AgreementCall[] {
  // Prometheus refuses more than 11,000 steps, counted as (end - start) / step: 11,001 points.
  const endMs = window.range.startMs + 11_000 * 1000;
  return [
    call('exactly 11,000 steps', 'query_range', {
      query: 'count(up)',
      start: apiTime(window.range.startMs),
      end: apiTime(endMs),
      step: '1',
    }),
  ];
}

/**
 * Instant queries whose values Prometheus writes in its own way (Go's shortest round-trip
 * digits; exponents from 1e21 and below 1e-6 in vectors, none in scalars; `+Inf`, `NaN`, `-0`),
 * as a scalar and as a vector: their JSON must be equal to the letter, not only numerically.
 */
export function formatCalls(window: ScenarioWindow): AgreementCall[] {
  const time = apiTime(window.range.endMs);
  const numbers = [
    '0.1 + 0.2',
    '1e-6',
    '1.5e-7',
    '123456789012345680000',
    '1e21',
    '-2.5e300',
    '-1 * 0',
    '0 / 0',
    '1 / 0',
    '-1 / 0',
    '1.1 ^ 100',
  ];
  return [
    ...numbers.map((query) => call(`the scalar ${query}`, 'query', { query, time })),
    ...numbers.map((number) => {
      const query = `vector(${number})`;
      return call(`the vector ${query}`, 'query', { query, time });
    }),
    call('a vector of many digits', 'query', {
      query: `vector(1 / 3) * count(${REQUESTS})`,
      time,
    }),
  ];
}
