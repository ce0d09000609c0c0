/**
 * Turns the declarative faults of a scenario into per-step levels of each signal: how much more
 * traffic, which share of requests fail, how much slower. Faults on the same signal combine the
 * way independent causes do: multipliers multiply, failure shares compound, additions add.
 */

import type {
  ApiVerb,
  FaultDefinition,
  FaultProfile,
  FaultSignal,
  HttpErrorCode,
} from './definition';
import { type Grid, realTimeAt } from './grid';
import { toMs } from './time';

export type SignalUnit = 'multiplier' | 'share' | 'addition';

export function signalUnit(signal: FaultSignal): SignalUnit {
  switch (signal) {
    case 'latency':
    case 'traffic':
    case 'apiserver_load':
    case 'apiserver_latency':
      return 'multiplier';
    case 'queue_depth':
    case 'queue_age':
      return 'addition';
    default:
      return 'share';
  }
}

/** The value a signal has when nothing is wrong. */
export function neutralValue(signal: FaultSignal): number {
  return signalUnit(signal) === 'multiplier' ? 1 : 0;
}

/** The profile as points in time (ms) with values, neutral before the first and after the last. */
export function profilePoints(
  profile: FaultProfile,
  neutral: number,
): readonly (readonly [number, number])[] {
  if ('keyframes' in profile) return profile.keyframes.map(([time, value]) => [toMs(time), value]);
  const start = toMs(profile.start);
  const end = toMs(profile.end);
  return [
    [start, neutral],
    [start + profile.rampSeconds * 1000, profile.peak],
    [end, profile.peak],
    [end + profile.recoverySeconds * 1000, neutral],
  ];
}

export function evaluateProfile(profile: FaultProfile, neutral: number, grid: Grid): Float64Array {
  const points = profilePoints(profile, neutral);
  const out = new Float64Array(grid.steps).fill(neutral);
  let segment = 0;
  for (let k = 0; k < grid.steps; k++) {
    const t = realTimeAt(grid, k);
    while (segment < points.length - 1 && (points[segment + 1]?.[0] ?? Infinity) <= t) segment++;
    const from = points[segment];
    const to = points[segment + 1];
    if (from === undefined || t < from[0]) continue;
    if (to === undefined) {
      // At or after the last point: its value holds only at that exact instant.
      if (t === from[0]) out[k] = from[1];
      continue;
    }
    out[k] = from[1] + ((to[1] - from[1]) * (t - from[0])) / (to[0] - from[0]);
  }
  return out;
}

export interface LatencyComponent {
  readonly share: number;
  readonly multiplier: Float64Array;
}

export interface ErrorComponent {
  readonly code: HttpErrorCode;
  readonly share: Float64Array;
  readonly failLatencySeconds: number | undefined;
}

export interface FaultLevels {
  /** Combined level of a signal for one service (app signals) or verb (apiserver_load). */
  level(signal: FaultSignal, target?: { service?: string; verb?: ApiVerb }): Float64Array;
  /** 5xx shares caused by faults, one entry per status code. */
  errors(service: string): readonly ErrorComponent[];
  /** Slowed shares of requests, one entry per latency fault. */
  latency(service: string): readonly LatencyComponent[];
}

function targets(fault: FaultDefinition, service?: string, verb?: ApiVerb): boolean {
  if ('services' in fault && (service === undefined || !fault.services.includes(service))) {
    return false;
  }
  if (fault.signal === 'apiserver_load' && fault.verbs !== undefined) {
    return verb !== undefined && fault.verbs.includes(verb);
  }
  return true;
}

function combine(signal: FaultSignal, parts: readonly Float64Array[], steps: number): Float64Array {
  const unit = signalUnit(signal);
  const neutral = neutralValue(signal);
  const out = new Float64Array(steps).fill(neutral);
  for (const part of parts) {
    for (let k = 0; k < steps; k++) {
      const a = out[k] ?? neutral;
      const b = part[k] ?? neutral;
      if (unit === 'multiplier') out[k] = a * b;
      // Independent failure causes: a request survives only if it survives each of them.
      else if (unit === 'share') out[k] = 1 - (1 - a) * (1 - Math.min(1, Math.max(0, b)));
      else out[k] = a + b;
    }
  }
  return out;
}

export function createFaultLevels(faults: readonly FaultDefinition[], grid: Grid): FaultLevels {
  const evaluated = new Map<FaultDefinition, Float64Array>();
  const valuesOf = (fault: FaultDefinition): Float64Array => {
    let values = evaluated.get(fault);
    if (values === undefined) {
      values = evaluateProfile(fault.profile, neutralValue(fault.signal), grid);
      evaluated.set(fault, values);
    }
    return values;
  };
  return {
    level(signal, target = {}) {
      const parts = faults
        .filter((f) => f.signal === signal && targets(f, target.service, target.verb))
        .map(valuesOf);
      return combine(signal, parts, grid.steps);
    },
    errors(service) {
      const byCode = new Map<HttpErrorCode, FaultDefinition[]>();
      for (const fault of faults) {
        if (fault.signal !== 'error_ratio' || !targets(fault, service)) continue;
        byCode.set(fault.code, [...(byCode.get(fault.code) ?? []), fault]);
      }
      return [...byCode].map(([code, list]) => ({
        code,
        share: combine('error_ratio', list.map(valuesOf), grid.steps),
        failLatencySeconds: list
          .map((f) => (f.signal === 'error_ratio' ? f.failLatencySeconds : undefined))
          .find((s) => s !== undefined),
      }));
    },
    latency(service) {
      return faults
        .filter((f) => f.signal === 'latency' && targets(f, service))
        .map((f) => ({ share: f.signal === 'latency' ? f.share : 0, multiplier: valuesOf(f) }));
    },
  };
}
