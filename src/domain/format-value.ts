import type { PanelUnit } from '../dashboard/default-dashboard';

function trimmed(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** Three significant digits, so neighbouring axis ticks never print alike. */
function significant(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** Formats a value for axes and legends in the panel's unit: `12.5%`, `340 ms`, `1.2k req/s`. */
export function formatValue(value: number, unit: PanelUnit): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'percentunit':
      return `${significant(value * 100)}%`;
    case 'seconds': {
      const abs = Math.abs(value);
      if (abs === 0) return '0 s';
      if (abs < 1e-3) return `${trimmed(value * 1e6, 0)} µs`;
      if (abs < 1) return `${trimmed(value * 1e3, abs < 0.01 ? 1 : 0)} ms`;
      if (abs < 120) return `${trimmed(value, 2)} s`;
      if (abs < 7200) return `${trimmed(value / 60, abs < 600 ? 1 : 0)} min`;
      return `${trimmed(value / 3600, 1)} h`;
    }
    case 'reqps':
      return `${compact(value)} req/s`;
    case 'count':
      return compact(value);
  }
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trimmed(value / 1e9, 1)}G`;
  if (abs >= 1e6) return `${trimmed(value / 1e6, 1)}M`;
  if (abs >= 1e3) return `${trimmed(value / 1e3, 1)}k`;
  return trimmed(value, abs < 10 ? 2 : 0);
}
