import { ReferenceArea, ReferenceLine } from 'recharts';
import type { ChangeEvent } from '../domain/changes';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import type { AbsoluteRange } from '../domain/time-range';

/** A suspect shown on a chart: its change, and the lead from it to the onset. */
export interface SuspectMark {
  readonly change: ChangeEvent;
  readonly onsetMs: number;
}

export interface SuspectHighlightProps extends SuspectMark {
  readonly range: AbsoluteRange;
}

/**
 * Inside a recharts chart: the lead interval (change → onset) shaded and the change's marker
 * drawn over the others, clipped to the range so a suspect from before it still shows its lead.
 */
export function SuspectHighlight({ change, onsetMs, range }: SuspectHighlightProps) {
  const startMs = Math.max(range.startMs, change.timeMs);
  const endMs = Math.min(range.endMs, onsetMs);
  return (
    <>
      {endMs > startMs && (
        <ReferenceArea
          x1={startMs}
          x2={endMs}
          className="suspect-lead"
          fill="var(--suspect)"
          fillOpacity={0.16}
          ifOverflow="hidden"
        />
      )}
      {change.timeMs >= range.startMs && change.timeMs <= range.endMs && (
        <ReferenceLine
          x={change.timeMs}
          className="suspect-marker"
          stroke="var(--suspect)"
          strokeWidth={3}
        />
      )}
    </>
  );
}

/** The suspect with this change id, as a chart draws it; null when it is none of them. */
export function suspectMark(
  analysis: IncidentAnalysis | null,
  changeId: string | null,
): SuspectMark | null {
  if (analysis === null || changeId === null || analysis.onsetMs === null) return null;
  const suspect = analysis.suspects.find((s) => s.change.id === changeId);
  return suspect === undefined ? null : { change: suspect.change, onsetMs: analysis.onsetMs };
}
