import { memo } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { ChangeKind } from '../domain/changes';
import { clipWindow, phaseBands, type IncidentWindow } from '../domain/incidents';
import type { MarkerGroup } from '../domain/marker-groups';

/** Dash patterns by kind, so kinds differ by more than colour. */
export const CHANGE_DASH: Readonly<Record<ChangeKind, string | undefined>> = {
  deploy: undefined,
  config: '6 3',
  scale: '2 3',
};

export interface ChartAnnotationsProps {
  readonly startMs: number;
  readonly endMs: number;
  /** Where open incident windows end. */
  readonly nowMs: number;
  readonly incidents: readonly IncidentWindow[];
  /** Changes grouped by where they fall on this chart: one marker each. */
  readonly markerGroups: readonly MarkerGroup[];
}

/**
 * Incident windows as shaded bands with a sub-band per phase, and changes as vertical markers,
 * inside a recharts chart so they share its time axis to the pixel. Markers a few pixels apart
 * are one marker (thicker, with a count): 5,000 changes never become 5,000 lines per chart.
 * Memoised: a refresh that brings new samples but the same changes re-registers nothing.
 */
export const ChartAnnotations = memo(function ChartAnnotations(props: ChartAnnotationsProps) {
  const { nowMs, incidents, markerGroups } = props;
  const range = { startMs: props.startMs, endMs: props.endMs };
  const bands = incidents.flatMap((incident) => {
    const clipped = clipWindow(incident, range, nowMs);
    return clipped === null ? [] : [{ incident, clipped }];
  });
  return (
    <>
      {bands.map(({ incident, clipped }) => (
        <ReferenceArea
          key={incident.id}
          x1={clipped.startMs}
          x2={Math.max(clipped.endMs, clipped.startMs + 1)}
          className="incident-band"
          fill="var(--incident)"
          fillOpacity={0.14}
          ifOverflow="hidden"
        />
      ))}
      {bands.flatMap(({ incident }) =>
        phaseBands(incident, range, nowMs).map((band) => (
          <ReferenceArea
            key={`${incident.id}|${band.status}|${String(band.startMs)}`}
            x1={band.startMs}
            x2={band.endMs}
            className={`incident-phase phase-${band.status}`}
            fill={`var(--phase-${band.status})`}
            fillOpacity={0.1}
            ifOverflow="hidden"
          />
        )),
      )}
      {markerGroups.map((group) => {
        const kind = group.changes[0]?.kind ?? 'deploy';
        const count = group.changes.length;
        const dash = CHANGE_DASH[kind];
        // A group is drawn in its first change's style and says which kinds it holds.
        const kinds = [...new Set(group.changes.map((c) => `has-${c.kind}`))].join(' ');
        return (
          <ReferenceLine
            key={`${String(group.timeMs)}|${group.changes[0]?.id ?? ''}`}
            x={group.timeMs}
            className={`change-marker change-${kind} ${kinds}${count > 1 ? ' is-group' : ''}`}
            stroke={`var(--change-${kind})`}
            strokeWidth={count > 1 ? 3 : 1.5}
            {...(dash ? { strokeDasharray: dash } : {})}
            {...(count > 1
              ? {
                  label: {
                    value: String(count),
                    position: 'insideTopRight',
                    className: 'change-count',
                    fill: `var(--change-${kind})`,
                    fontSize: 10,
                  },
                }
              : {})}
          />
        );
      })}
    </>
  );
});
