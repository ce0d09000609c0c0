import { useState } from 'react';
import type { ChangeEvent, ChangeKind } from '../domain/changes';
import { formatInstant } from '../domain/format-time';
import { clipWindow, type IncidentWindow } from '../domain/incidents';
import { groupMarkers, type MarkerGroup } from '../domain/marker-groups';
import type { AbsoluteRange } from '../domain/time-range';
import type { SourceError } from './use-change-events';
import { useElementWidth } from './use-element-width';

export const CHANGE_KINDS: readonly ChangeKind[] = ['deploy', 'config', 'scale'];

export interface LaneFilter {
  readonly kinds: readonly ChangeKind[];
  /** '' for every service. */
  readonly service: string;
}

export const ALL_CHANGES: LaneFilter = { kinds: CHANGE_KINDS, service: '' };

/** The changes the filter lets through; the charts draw the same ones. */
export function filterChanges(
  changes: readonly ChangeEvent[],
  filter: LaneFilter,
): readonly ChangeEvent[] {
  if (filter.kinds.length === CHANGE_KINDS.length && filter.service === '') return changes;
  return changes.filter(
    (c) => filter.kinds.includes(c.kind) && (filter.service === '' || c.service === filter.service),
  );
}

export interface TimelineLaneProps {
  readonly range: AbsoluteRange;
  /** All changes found; the lane filters them itself. */
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  readonly errors: readonly SourceError[];
  readonly timeZone: string;
  readonly nowMs: number;
  readonly filter: LaneFilter;
  readonly onFilterChange: (filter: LaneFilter) => void;
}

/** What a change changed: its version, or from → to. */
function changeDetail(change: ChangeEvent): string | null {
  if (change.from !== null || change.to !== null) {
    return `${change.from ?? '?'} → ${change.to ?? '?'}`;
  }
  return change.version;
}

/** One line naming a change, for a title and an accessible name. */
export function changeSummary(change: ChangeEvent, timeZone: string): string {
  const where =
    change.namespace === null ? change.service : `${change.namespace}/${change.service}`;
  const detail = changeDetail(change);
  return [
    `${change.kind} ${where}`,
    ...(detail === null ? [] : [detail]),
    change.title,
    formatInstant(change.timeMs, timeZone),
  ].join(' · ');
}

function groupLabel(group: MarkerGroup, timeZone: string): string {
  const [first] = group.changes;
  if (group.changes.length === 1 && first !== undefined) return changeSummary(first, timeZone);
  return `${String(group.changes.length)} changes from ${formatInstant(group.timeMs, timeZone)}`;
}

function ChangeDetails({ change, timeZone }: { change: ChangeEvent; timeZone: string }) {
  const detail = changeDetail(change);
  return (
    <li className="lane-change">
      <span className={`lane-kind change-${change.kind}`}>{change.kind}</span>{' '}
      <strong>{change.service}</strong>
      {change.namespace !== null && <span className="lane-namespace"> ({change.namespace})</span>}
      {detail !== null && <span className="lane-detail"> {detail}</span>}
      <div className="lane-title">{change.title}</div>
      <div className="lane-time">{formatInstant(change.timeMs, timeZone)}</div>
      {change.url !== null && /^https?:\/\//i.test(change.url) && (
        <a href={change.url} target="_blank" rel="noopener noreferrer">
          Open link
        </a>
      )}
    </li>
  );
}

function incidentLabel(incident: IncidentWindow, timeZone: string, nowMs: number): string {
  const end =
    incident.endMs === null
      ? 'ongoing'
      : formatInstant(Math.max(incident.startMs, incident.endMs), timeZone);
  const phase = incident.phases.filter((p) => p.atMs <= nowMs).at(-1);
  return [
    incident.title,
    `${formatInstant(incident.startMs, timeZone)} – ${end}`,
    ...(incident.impact === null ? [] : [`impact ${incident.impact}`]),
    ...(phase === undefined ? [] : [phase.status]),
    incident.source,
  ].join(' · ');
}

/**
 * One row above the panels: the range's changes as markers (close ones grouped, with a count)
 * and incident windows as bars, with filters by kind and service and the sources that failed.
 * Everything from a source is rendered as text; only http(s) links are links.
 */
export function TimelineLane(props: TimelineLaneProps) {
  const { range, incidents, errors, timeZone, nowMs, filter, onFilterChange } = props;
  const [trackRef, width] = useElementWidth<HTMLDivElement>();
  const [open, setOpen] = useState<number | null>(null);
  const span = Math.max(1, range.endMs - range.startMs);
  const xOf = (ms: number) => ((ms - range.startMs) / span) * width;
  const changes = filterChanges(props.changes, filter);
  const groups = groupMarkers(changes, range, width);
  const services = [...new Set(props.changes.map((c) => c.service))].sort();
  const bars = incidents.flatMap((incident) => {
    const clipped = clipWindow(incident, range, nowMs);
    return clipped === null ? [] : [{ incident, clipped }];
  });

  const toggleKind = (kind: ChangeKind) => {
    const kinds = filter.kinds.includes(kind)
      ? filter.kinds.filter((k) => k !== kind)
      : CHANGE_KINDS.filter((k) => k === kind || filter.kinds.includes(k));
    onFilterChange({ ...filter, kinds });
  };

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
                toggleKind(kind);
              }}
            >
              {kind}
            </button>
          ))}
        </span>
        <label className="lane-service">
          Service{' '}
          <select
            value={filter.service}
            onChange={(event) => {
              onFilterChange({ ...filter, service: event.target.value });
            }}
          >
            <option value="">all</option>
            {services.map((service) => (
              <option key={service} value={service}>
                {service}
              </option>
            ))}
          </select>
        </label>
        <span className="lane-count">
          {changes.length} changes · {bars.length} incidents
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
      <div className="lane-track" ref={trackRef}>
        {bars.map(({ incident, clipped }) => {
          const label = incidentLabel(incident, timeZone, nowMs);
          return (
            <span
              key={incident.id}
              className={`lane-incident${clipped.open ? ' is-open' : ''}`}
              data-start={clipped.startMs}
              data-end={clipped.endMs}
              title={label}
              aria-label={label}
              role="img"
              style={{
                left: xOf(clipped.startMs),
                width: Math.max(2, xOf(clipped.endMs) - xOf(clipped.startMs)),
              }}
            />
          );
        })}
        {groups.map((group, index) => {
          const label = groupLabel(group, timeZone);
          const count = group.changes.length;
          const kind = group.changes[0]?.kind ?? 'deploy';
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
                className={`lane-marker change-${kind}${count > 1 ? ' is-group' : ''}`}
                data-time={group.timeMs}
                data-count={count}
                title={label}
                aria-label={label}
                aria-expanded={open === index}
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
                <div className="lane-popover" role="tooltip">
                  <ul>
                    {group.changes.map((change) => (
                      <ChangeDetails key={change.id} change={change} timeZone={timeZone} />
                    ))}
                  </ul>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
