import { useState } from 'react';
import { CHANGE_KINDS, type ChangeEvent } from '../domain/changes';
import { filterChanges, toggleKind, type ChangeFilter } from '../domain/change-filter';
import { formatInstant } from '../domain/format-time';
import { isolated } from '../domain/shown-text';
import { clipWindow, incidentRows, phaseBands, type IncidentWindow } from '../domain/incidents';
import { groupMarkers, type MarkerGroup } from '../domain/marker-groups';
import type { AbsoluteRange } from '../domain/time-range';
import { httpUrlOrNull } from '../sources/http-url';
import { groupLabel, MarkerGroupDetails } from './ChangeDetails';
import type { SourceError } from './use-change-events';
import { useElementWidth } from './use-element-width';

/** Where the charts' plot areas begin and end inside a column of the panel grid. */
export interface PlotInset {
  readonly left: number;
  readonly right: number;
}

export interface TimelineLaneProps {
  readonly range: AbsoluteRange;
  /** All changes found; the lane filters them itself. */
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly errors: readonly SourceError[];
  readonly timeZone: string;
  readonly nowMs: number;
  readonly filter: ChangeFilter;
  readonly onFilterChange: (filter: ChangeFilter) => void;
  /** Columns of the panel grid below: one track above each, on the same time axis. */
  readonly columns?: number;
  readonly plotInset?: PlotInset;
}

function incidentLabel(incident: IncidentWindow, timeZone: string, nowMs: number): string {
  const end =
    incident.endMs === null
      ? 'ongoing'
      : formatInstant(Math.max(incident.startMs, incident.endMs), timeZone);
  const phase = incident.phases.filter((p) => p.atMs <= nowMs).at(-1);
  return [
    isolated(incident.title),
    ...(incident.detail === undefined ? [] : [isolated(incident.detail)]),
    `${formatInstant(incident.startMs, timeZone)} – ${end}`,
    ...(incident.impact === null ? [] : [`impact ${incident.impact}`]),
    ...(phase === undefined ? [] : [phase.status]),
    incident.source,
  ].join(' · ');
}

interface LaneTrackProps {
  readonly range: AbsoluteRange;
  readonly groups: readonly MarkerGroup[];
  readonly incidents: readonly IncidentWindow[];
  /** The row of each incident bar, by id. */
  readonly rows: ReadonlyMap<string, number>;
  readonly timeZone: string;
  readonly nowMs: number;
  readonly width: number;
  /** The first track is the one keyboard and screen-reader users reach; the others repeat it. */
  readonly primary: boolean;
}

/** Overlapping incident bars are stacked in up to this many rows below the markers. */
const MAX_INCIDENT_ROWS = 4;
const MARKER_ROW_PX = 14;
const INCIDENT_ROW_PX = 8;

/** The track's height for this many rows of incident bars. */
export function laneTrackHeight(rows: number): number {
  return MARKER_ROW_PX + Math.max(1, rows) * INCIDENT_ROW_PX;
}

function LaneTrack(props: LaneTrackProps) {
  const { range, groups, incidents, rows, timeZone, nowMs, width, primary } = props;
  const [open, setOpen] = useState<number | null>(null);
  const span = Math.max(1, range.endMs - range.startMs);
  const xOf = (ms: number) => ((ms - range.startMs) / span) * width;
  return (
    <>
      {incidents.flatMap((incident) => {
        const clipped = clipWindow(incident, range, nowMs);
        if (clipped === null) return [];
        const label = incidentLabel(incident, timeZone, nowMs);
        const left = xOf(clipped.startMs);
        // The status page's incident, the runbook of a firing alert: only an http(s) link opens.
        const href = httpUrlOrNull(incident.url);
        const Bar = href === null ? 'span' : 'a';
        return [
          <Bar
            key={incident.id}
            className={`lane-incident${clipped.open ? ' is-open' : ''}`}
            data-start={clipped.startMs}
            data-end={clipped.endMs}
            title={label}
            {...(href === null ? {} : { href, target: '_blank', rel: 'noopener noreferrer' })}
            {...(primary
              ? { 'aria-label': label, ...(href === null ? { role: 'img' } : {}) }
              : { 'aria-hidden': true, ...(href === null ? {} : { tabIndex: -1 }) })}
            style={{
              left,
              width: Math.max(2, xOf(clipped.endMs) - left),
              top: MARKER_ROW_PX + (rows.get(incident.id) ?? 0) * INCIDENT_ROW_PX,
            }}
          >
            {phaseBands(incident, range, nowMs).map((band) => (
              <span
                key={`${band.status}|${String(band.startMs)}`}
                className={`lane-phase phase-${band.status}`}
                data-status={band.status}
                style={{
                  left: xOf(band.startMs) - left,
                  width: xOf(band.endMs) - xOf(band.startMs),
                }}
              />
            ))}
          </Bar>,
        ];
      })}
      {groups.map((group, index) => {
        const label = groupLabel(group, timeZone);
        const count = group.changes.length;
        const kind = group.changes[0]?.kind ?? 'deploy';
        const kinds = [...new Set(group.changes.map((c) => `has-${c.kind}`))].join(' ');
        return (
          <div
            key={`${String(group.timeMs)}|${group.changes[0]?.id ?? ''}`}
            className="lane-marker-anchor"
            style={{ left: xOf(group.timeMs) }}
            onMouseEnter={() => {
              setOpen(index);
            }}
            onMouseLeave={() => {
              setOpen((o) => (o === index ? null : o));
            }}
          >
            <button
              type="button"
              className={`lane-marker change-${kind} ${kinds}${count > 1 ? ' is-group' : ''}`}
              data-time={group.timeMs}
              data-count={count}
              title={label}
              aria-label={label}
              aria-expanded={open === index}
              {...(primary ? {} : { tabIndex: -1, 'aria-hidden': true })}
              onFocus={() => {
                setOpen(index);
              }}
              onBlur={(event) => {
                if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) {
                  setOpen((o) => (o === index ? null : o));
                }
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setOpen(null);
              }}
            >
              {count > 1 ? count : ''}
            </button>
            {open === index && (
              <div
                className={`lane-popover${xOf(group.timeMs) > width / 2 ? ' to-left' : ''}`}
                role="tooltip"
              >
                <MarkerGroupDetails group={group} timeZone={timeZone} />
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * One row above the panels: the range's changes as markers (close ones grouped, with a count)
 * and incident windows as bars with their phases, above each column of panels so a marker here
 * stands right over the same change on the charts; filters by kind and service; and the sources
 * that failed. Everything from a source is rendered as text; only http(s) links are links.
 */
export function TimelineLane(props: TimelineLaneProps) {
  const { range, incidents, errors, timeZone, nowMs, filter, onFilterChange } = props;
  const columns = Math.max(1, props.columns ?? 1);
  const inset = props.plotInset ?? { left: 0, right: 0 };
  const [trackRef, width] = useElementWidth<HTMLDivElement>();
  const changes = filterChanges(props.changes, filter);
  const groups = groupMarkers(changes, range, width);
  const services = [...new Set(props.changes.map((c) => c.service))].sort();
  const rows = incidentRows(incidents, range, nowMs, MAX_INCIDENT_ROWS);
  const rowCount = Math.max(0, ...rows.values()) + 1;

  return (
    <section className="timeline-lane" aria-label="Changes and incidents">
      <div className="lane-legend">
        <span className="lane-filters" role="group" aria-label="Filter changes by kind">
          {CHANGE_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className={`chip change-${kind}`}
              aria-pressed={filter.kinds.includes(kind)}
              onClick={() => {
                onFilterChange(toggleKind(filter, kind));
              }}
            >
              {kind}
            </button>
          ))}
        </span>
        <label className="lane-service">
          Service{' '}
          <select
            value={filter.service ?? ''}
            onChange={(event) => {
              onFilterChange({ ...filter, service: event.target.value || null });
            }}
          >
            <option value="">all</option>
            {/* A service named in the URL stays choosable while its changes load. */}
            {[...new Set([...services, ...(filter.service === null ? [] : [filter.service])])]
              .sort()
              .map((service) => (
                <option key={service} value={service}>
                  {service}
                </option>
              ))}
          </select>
        </label>
        <span className="lane-count">
          {changes.length} changes · {rows.size} incidents
        </span>
        {errors.length > 0 && (
          <ul className="lane-errors" role="alert">
            {errors.map((error) => (
              <li key={error.source}>
                Source {error.source}: {error.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div
        className="lane-tracks"
        style={{ gridTemplateColumns: `repeat(${String(columns)}, minmax(0, 1fr))` }}
      >
        {Array.from({ length: columns }, (_, column) => (
          <div
            key={column}
            className="lane-track"
            ref={column === 0 ? trackRef : undefined}
            style={{
              marginLeft: inset.left,
              marginRight: inset.right,
              height: laneTrackHeight(rowCount),
            }}
          >
            <LaneTrack
              range={range}
              groups={groups}
              incidents={incidents}
              rows={rows}
              timeZone={timeZone}
              nowMs={nowMs}
              width={width}
              primary={column === 0}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
