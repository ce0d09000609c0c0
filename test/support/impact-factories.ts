import type { SeriesOnset } from '../../src/domain/onset';
import type { SignalImpact } from '../../src/domain/signal-impact';

/** A signal whose listed series moved at the given times (and recovered an hour later). */
export function movedSignal(
  id: string,
  moved: readonly {
    labels: Record<string, string>;
    onsetMs: number;
    detectedMs?: number;
    recoveryMs?: number | null;
  }[],
  title = id,
): SignalImpact {
  const onsets = moved.map(
    (m): { name: string; labels: Record<string, string>; onset: SeriesOnset } => ({
      name: `${id} ${Object.values(m.labels).join(' · ')}`,
      labels: m.labels,
      onset: {
        onsetMs: m.onsetMs,
        detectedMs: m.detectedMs ?? m.onsetMs,
        recoveryMs: m.recoveryMs === undefined ? m.onsetMs + 3_600_000 : m.recoveryMs,
        direction: 'up',
        baseline: 1,
        peak: 10,
      },
    }),
  );
  const first = Math.min(...moved.map((m) => m.onsetMs));
  return {
    id,
    title,
    onsetMs: moved.length === 0 ? null : first,
    recoveryMs: null,
    moved: onsets,
    seriesCount: Math.max(1, moved.length),
  };
}
