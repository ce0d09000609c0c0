/**
 * The URL parameters of the impact analysis: `suspect=<change id>`, the suspect pinned on every
 * panel, and `lookback=<duration>`, how long before the onset changes are suspects.
 */

import { promDuration } from '../domain/rate-interval';
import { parseDuration } from '../domain/time-range';

export interface AnalysisParams {
  /** The id of the pinned suspect's change; null when none is pinned. */
  readonly suspect: string | null;
  /** null: the default look-back (24 h). */
  readonly lookbackMs: number | null;
}

export const ANALYSIS_PARAMS = ['suspect', 'lookback'] as const;

const MAX_ID_LENGTH = 500;
const MAX_LOOKBACK_MS = 30 * 86_400_000;

// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

type Problem = (parameter: string, value: string, message: string) => void;

export function parseAnalysisParams(params: URLSearchParams, problem: Problem): AnalysisParams {
  const suspectText = params.get('suspect');
  const badId =
    suspectText !== null &&
    (suspectText === '' || suspectText.length > MAX_ID_LENGTH || CONTROL.test(suspectText));
  if (suspectText !== null && badId) {
    problem(
      'suspect',
      suspectText,
      'expected the id of a change from the impact strip; nothing pinned',
    );
  }
  const lookbackText = params.get('lookback');
  const lookbackMs = lookbackText === null ? null : parseDuration(lookbackText);
  const goodLookback = lookbackMs !== null && lookbackMs >= 60_000 && lookbackMs <= MAX_LOOKBACK_MS;
  if (lookbackText !== null && !goodLookback) {
    problem(
      'lookback',
      lookbackText,
      'expected a duration from 1m to 30d such as 6h, 24h or 2d; using 24h',
    );
  }
  return {
    suspect: suspectText === null || badId ? null : suspectText,
    lookbackMs: goodLookback ? lookbackMs : null,
  };
}

/** The parameters to write, defaults left out. */
export function analysisParamPairs(params: AnalysisParams): [string, string][] {
  return [
    ...(params.suspect === null ? [] : [['suspect', params.suspect] as [string, string]]),
    ...(params.lookbackMs === null
      ? []
      : [['lookback', lookbackText(params.lookbackMs)] as [string, string]]),
  ];
}

/** `24h`, `90m`, `2d`: the largest unit that says the duration exactly. */
function lookbackText(ms: number): string {
  if (ms % 86_400_000 === 0) return `${String(ms / 86_400_000)}d`;
  return promDuration(ms / 1000);
}
