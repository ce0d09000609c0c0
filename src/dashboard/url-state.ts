import { parseTimeExpression, type TimeExpression } from '../domain/time-range';

/** The view as the URL states it. Everything shown derives from this and the clock. */
export interface ViewState {
  readonly from: TimeExpression;
  readonly to: TimeExpression;
}

/** A URL parameter that could not be used, with the value that was given. */
export interface ParameterProblem {
  readonly parameter: string;
  readonly value: string;
  readonly message: string;
}

export interface ParsedView {
  readonly view: ViewState;
  readonly problems: readonly ParameterProblem[];
}

const DEFAULT_FROM = 'now-6h';
const DEFAULT_TO = 'now';

function timeParameter(
  params: URLSearchParams,
  name: string,
  fallback: string,
  problems: ParameterProblem[],
): TimeExpression {
  const text = params.get(name);
  const parsed = text === null ? null : parseTimeExpression(text);
  if (text !== null && parsed === null) {
    problems.push({
      parameter: name,
      value: text,
      message: `expected now-<n><s|m|h|d|w>, RFC 3339 or epoch milliseconds; using ${fallback}`,
    });
  }
  return parsed ?? (parseTimeExpression(fallback) as TimeExpression);
}

/** Reads the view from a query string; a bad parameter is reported and replaced by its default. */
export function parseView(search: string): ParsedView {
  const params = new URLSearchParams(search);
  const problems: ParameterProblem[] = [];
  const from = timeParameter(params, 'from', DEFAULT_FROM, problems);
  const to = timeParameter(params, 'to', DEFAULT_TO, problems);
  return { view: { from, to }, problems };
}
