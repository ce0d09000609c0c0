/**
 * Cumulative Prometheus histograms from a latency distribution. Each scrape's observations are
 * spread over the buckets by the distribution's CDF (a mix of log-normals, so a fault can slow a
 * share of requests), rounded with one shared random offset so that the buckets stay cumulative
 * and the `+Inf` bucket equals `_count` exactly.
 */

import type { Random } from './random';

/** Default `le` bounds of an HTTP latency histogram, seconds (client_golang's defaults). */
export const HTTP_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** One log-normal part of a latency mix; `weight` is its share of the observations. */
export interface LatencyPart {
  weight: number;
  median: number;
  sigma: number;
}

/** Standard normal CDF via erfc (Numerical Recipes' erfcc, |error| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Share of observations of the mix that are ≤ `le`. */
export function mixCdf(parts: readonly LatencyPart[], le: number): number {
  let total = 0;
  let below = 0;
  for (const part of parts) {
    if (part.weight <= 0) continue;
    total += part.weight;
    below += part.weight * normalCdf((Math.log(le) - Math.log(part.median)) / part.sigma);
  }
  return total > 0 ? below / total : 1;
}

/** Mean of the mix (a log-normal's mean is median · e^(σ²/2)). */
export function mixMean(parts: readonly LatencyPart[]): number {
  let total = 0;
  let sum = 0;
  for (const part of parts) {
    if (part.weight <= 0) continue;
    total += part.weight;
    sum += part.weight * part.median * Math.exp((part.sigma * part.sigma) / 2);
  }
  return total > 0 ? sum / total : 0;
}

/** Running totals of one histogram series set, written into per-step columns. */
export class HistogramCounter {
  /** One column per bound plus `+Inf` (last). */
  readonly buckets: Float64Array[];
  readonly sum: Float64Array;
  readonly count: Float64Array;
  private readonly logBounds: Float64Array;
  private readonly totals: Float64Array;
  private sumTotal = 0;
  /** Scratch space for the parts' log medians, reused to keep the hot loop allocation-free. */
  private logMedians = new Float64Array(8);

  constructor(bounds: readonly number[], steps: number) {
    this.buckets = Array.from({ length: bounds.length + 1 }, () => new Float64Array(steps));
    this.sum = new Float64Array(steps);
    this.count = new Float64Array(steps);
    this.logBounds = Float64Array.from(bounds, Math.log);
    this.totals = new Float64Array(bounds.length + 1);
  }

  /** Adds `observations` drawn from `parts` (without writing a step). */
  observe(observations: number, parts: readonly LatencyPart[], random: Random): void {
    if (observations <= 0) return;
    // One offset for every bucket keeps the rounded counts cumulative.
    const offset = random.next();
    if (this.logMedians.length < parts.length) this.logMedians = new Float64Array(parts.length);
    let weights = 0;
    parts.forEach((part, i) => {
      this.logMedians[i] = Math.log(part.median);
      if (part.weight > 0) weights += part.weight;
    });
    const bounds = this.logBounds.length;
    for (let j = 0; j < bounds; j++) {
      let below = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === undefined || part.weight <= 0) continue;
        const z = ((this.logBounds[j] ?? 0) - (this.logMedians[i] ?? 0)) / part.sigma;
        below += part.weight * normalCdf(z);
      }
      const share = weights > 0 ? below / weights : 1;
      this.totals[j] =
        (this.totals[j] ?? 0) + Math.min(observations, Math.floor(observations * share + offset));
    }
    this.totals[bounds] = (this.totals[bounds] ?? 0) + observations;
    this.sumTotal += observations * mixMean(parts);
  }

  /** Records the running totals as the sample of step k. */
  write(k: number): void {
    for (let j = 0; j < this.buckets.length; j++) {
      const column = this.buckets[j];
      if (column !== undefined) column[k] = this.totals[j] ?? 0;
    }
    this.sum[k] = this.sumTotal;
    this.count[k] = this.totals[this.logBounds.length] ?? 0;
  }
}

/** `le` label value as Prometheus client libraries print it. */
export function leLabel(bound: number): string {
  return Number.isFinite(bound) ? String(bound) : '+Inf';
}
