import { formatClockSeconds, formatInstant } from '../domain/format-time';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import type { ReportError } from '../domain/incident-report';
import { isolated } from '../domain/shown-text';
import { suspectHeadline } from '../domain/suspect-text';

export interface ImpactStripProps {
  /** null while the analysis is still asking Prometheus. */
  readonly analysis: IncidentAnalysis | null;
  readonly errors: readonly ReportError[];
  readonly timeZone: string;
  /** The suspect highlighted on the panels (selected here, or pinned in the URL). */
  readonly selectedId: string | null;
  readonly pinnedId: string | null;
  readonly onSelect: (changeId: string | null) => void;
  /** Writes the pin to the URL; null unpins. */
  readonly onPin: (changeId: string | null) => void;
}

/** How many suspects the strip names; the review lists them all. */
export const STRIP_SUSPECTS = 3;

/**
 * Above the panels: which signals left their baseline and in what order, and the top suspects
 * with their lead times. Choosing a suspect highlights it and its lead on every panel; pinning it
 * puts it in the URL, so a shared link shows the same. Text from sources is text, never HTML.
 */
export function ImpactStrip(props: ImpactStripProps) {
  const { analysis, errors, timeZone, selectedId, pinnedId } = props;
  if (analysis === null) {
    return (
      <section className="impact-strip" aria-label="Impact" aria-busy="true">
        <h2>Impact</h2>
        <p className="impact-note">Looking for onsets and suspects…</p>
      </section>
    );
  }
  const first = analysis.order[0];
  const still = analysis.signals.filter((s) => s.onsetMs === null);
  const top = analysis.suspects.slice(0, STRIP_SUSPECTS);
  return (
    <section className="impact-strip" aria-label="Impact" data-onset={analysis.onsetMs ?? ''}>
      <h2>Impact</h2>
      {first === undefined ? (
        <p className="impact-note">
          No signal left its baseline in this range: no onset, no suspects.
        </p>
      ) : (
        <>
          <ol className="impact-order" aria-label="Signals in the order they moved">
            {analysis.order.map((signal) => (
              <li key={signal.id} data-signal={signal.id} data-onset={signal.onsetMs ?? ''}>
                <strong>{signal.title}</strong>{' '}
                <time
                  dateTime={new Date(signal.onsetMs ?? 0).toISOString()}
                  title={formatInstant(signal.onsetMs ?? 0, timeZone, 'seconds')}
                >
                  {formatClockSeconds(signal.onsetMs ?? 0, timeZone)}
                </time>
                <span className="impact-first"> {signal.moved[0]?.name}</span>
              </li>
            ))}
          </ol>
          {still.length > 0 && (
            <p className="impact-still">
              No onset: {still.map((s) => isolated(s.title)).join(', ')}
            </p>
          )}
          {top.length === 0 ? (
            <p className="impact-note">No change in the look-back window before the onset.</p>
          ) : (
            <ol className="impact-suspects" aria-label="Top suspects">
              {top.map((suspect) => {
                const id = suspect.change.id;
                const pinned = pinnedId === id;
                const headline = suspectHeadline(suspect, first.title);
                return (
                  <li key={id} data-change-id={id} className={pinned ? 'is-pinned' : undefined}>
                    <button
                      type="button"
                      className="suspect"
                      aria-pressed={selectedId === id}
                      title={`${suspect.change.title} · ${formatInstant(suspect.change.timeMs, timeZone, 'seconds')} · ${suspect.parts.map((p) => `${p.reason} (+${String(p.points)})`).join('; ')}`}
                      onClick={() => {
                        props.onSelect(selectedId === id ? null : id);
                      }}
                    >
                      <span className="suspect-headline">{headline}</span>
                      {/* The title, unless the headline already says all it says. */}
                      {!headline.includes(suspect.change.title) && (
                        <span className="suspect-title">{suspect.change.title}</span>
                      )}
                    </button>
                    <span
                      className="suspect-score"
                      title="How likely, by the ranking rule (README)"
                    >
                      score {suspect.score}
                    </span>
                    <button
                      type="button"
                      className="icon-button suspect-pin"
                      aria-pressed={pinned}
                      onClick={() => {
                        props.onPin(pinned ? null : id);
                      }}
                    >
                      {pinned ? 'Unpin' : 'Pin'}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {analysis.suspects.length > STRIP_SUSPECTS && (
            <p className="impact-note">
              and {analysis.suspects.length - STRIP_SUSPECTS} more, ranked in the review and the
              report.
            </p>
          )}
        </>
      )}
      {errors.length > 0 && (
        <p className="impact-errors" role="alert">
          Not included: {errors.map((e) => `${e.source} (${e.message})`).join('; ')}
        </p>
      )}
    </section>
  );
}
