import { capSeries } from '../domain/series-cap';
import type { QueryOutcome } from './client';

/**
 * The answer cut to its top `maxSeries` series by peak (see `series-cap.ts`), saying how many
 * it had; unchanged when it has no more than that or no cap is asked for.
 */
export function cappedOutcome(outcome: QueryOutcome, maxSeries: number | undefined): QueryOutcome {
  if (maxSeries === undefined) return outcome;
  const { series, total } = capSeries(outcome.series, maxSeries);
  return series.length < total ? { ...outcome, series, seriesTotal: total } : outcome;
}
