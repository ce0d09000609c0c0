import type { ChangeEvent } from '../domain/changes';
import { formatAge, formatClock, formatInstant, wallClock } from '../domain/format-time';
import type { IncidentWindow } from '../domain/incidents';
import { isolated } from '../domain/shown-text';
import { activeIncidents, latestChange } from '../domain/wall-status';
import { useTick } from './use-tick';

export interface WallHeaderProps {
  readonly title: string;
  readonly timeZone: string;
  /**
   * "Now" for a fixed range (its end), so a past incident reads as it did then; null when live,
   * and the header follows the real clock.
   */
  readonly fixedNowMs: number | null;
  readonly changes: readonly ChangeEvent[];
  readonly incidents: readonly IncidentWindow[];
  /** Sources of changes and incidents that failed: what they would say is unknown. */
  readonly failedSources: readonly string[];
}

/** The sources incident windows come from; the events file gives changes too. */
const INCIDENT_SOURCES = new Set(['alerts', 'statuspage', 'eventsFile']);

/** The header's clock ticks on its own: the rest of the wall redraws only on refresh. */
const CLOCK_TICK_MS = 1000;

/** `deploy checkout-api v7.1.3`, `scale dalle-worker 12 → 6`, `config dalle-worker-config`. */
export function changeHeadline(change: ChangeEvent): string {
  const detail =
    change.version ??
    (change.from !== null || change.to !== null
      ? `${change.from ?? '?'} → ${change.to ?? '?'}`
      : null);
  return [change.kind, change.service, ...(detail === null ? [] : [detail])].join(' ');
}

/** Between the parts of the incident line; no-break, so a part's edge keeps its space. */
const SEPARATOR = '\u00a0·\u00a0';

/**
 * The top of a wall screen: what it shows, the newest change and how long ago it was, any
 * incident going on (with its phase and how long it has lasted), and the time in the zone the
 * screen is set to. All of it text, readable without a mouse.
 */
export function WallHeader(props: WallHeaderProps) {
  const { title, timeZone, fixedNowMs } = props;
  const tick = useTick(CLOCK_TICK_MS);
  const live = fixedNowMs === null;
  const nowMs = fixedNowMs ?? tick;
  const last = latestChange(props.changes, nowMs);
  const [first, ...others] = activeIncidents(props.incidents, nowMs);
  const unknown = props.failedSources.length > 0;
  const failed = `${props.failedSources.join(', ')} failed`;
  // A failing deploy source says nothing about incidents: only their own sources make them unknown.
  const incidentsFailed = props.failedSources.filter((source) => INCIDENT_SOURCES.has(source));
  return (
    <header className="wall-header">
      <div className="wall-header-row">
        <h1 title={`Aftershock · ${title}`}>{title}</h1>
        <p className="wall-last-change">
          {last === null ? (
            unknown ? (
              `Changes unknown: ${failed}`
            ) : (
              'No change in this range'
            )
          ) : (
            <>
              <span className={`lane-kind change-${last.kind}`}>Last change</span>{' '}
              <strong>
                {live
                  ? `${formatAge(nowMs - last.timeMs)} ago`
                  : formatInstant(last.timeMs, timeZone)}
              </strong>
              : {changeHeadline(last)}
            </>
          )}
        </p>
        <p className="wall-clock" aria-label="Time">
          <span className="wall-time">{formatClock(nowMs, timeZone)}</span>{' '}
          <span className="wall-zone">{wallClock(nowMs, timeZone).zoneName}</span>
        </p>
      </div>
      {/* A failed source's last answer may be hours old: say so rather than claim it is open. */}
      {incidentsFailed.length > 0 ? (
        <p className="wall-incident is-unknown" role="status">
          Incidents unknown: {incidentsFailed.join(', ')} failed
          {first !== undefined && ` · last known open: ${isolated(first.incident.title)}`}
        </p>
      ) : first === undefined ? (
        <p className="wall-incident is-clear">No incident open</p>
      ) : (
        <p className="wall-incident" role="alert">
          <span className="wall-incident-name">
            <strong>INCIDENT</strong> {isolated(first.incident.title)}
          </span>
          {/* What it is about may be long: it is what the line cuts, not how long it lasted. */}
          {first.incident.detail !== undefined && (
            <span className="wall-detail">
              {SEPARATOR}
              {isolated(first.incident.detail)}
            </span>
          )}
          <span className="wall-incident-since">
            {first.phase !== null && (
              <span className="wall-phase">
                {SEPARATOR}
                {first.phase}
              </span>
            )}
            {SEPARATOR}for {formatAge(first.durationMs)}
            {others.length > 0 && (
              <span>
                {SEPARATOR}and {others.length} more
              </span>
            )}
          </span>
        </p>
      )}
    </header>
  );
}
