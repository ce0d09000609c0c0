import { useMemo } from 'react';
import { formatDuration, formatInstant } from '../domain/format-time';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import { incidentMarkdown } from '../domain/incident-markdown';
import { incidentReport, type ReportError } from '../domain/incident-report';
import { formatRfc3339Utc } from '../domain/rfc3339';
import { reviewTimeline } from '../domain/review-timeline';
import { isolated } from '../domain/shown-text';

export interface IncidentReviewProps {
  /** null while the analysis is still asking Prometheus. */
  readonly analysis: IncidentAnalysis | null;
  readonly errors: readonly ReportError[];
  readonly timeZone: string;
}

/** A download link's target: the text itself, so nothing is sent anywhere. */
function dataUrl(type: string, text: string): string {
  return `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
}

/** `aftershock-2024-01-29T18-00-00Z`: a file name that sorts by the range's start. */
function fileStem(analysis: IncidentAnalysis): string {
  return `aftershock-${formatRfc3339Utc(analysis.range.startMs).replace(/:/g, '-')}`;
}

/**
 * Review mode, for an absolute range: the durations a postmortem states and the timeline of
 * every change, alert, status phase, onset, recovery and blind spot in the chosen zone, with
 * exports as Markdown (ready to paste) and JSON (the same document as `npm run report`).
 */
export function IncidentReview({ analysis, errors, timeZone }: IncidentReviewProps) {
  const exports = useMemo(
    () =>
      analysis === null
        ? null
        : {
            markdown: incidentMarkdown(analysis, { timeZone, errors }),
            json: `${JSON.stringify(incidentReport(analysis, errors), null, 2)}\n`,
            rows: reviewTimeline(analysis),
          },
    [analysis, errors, timeZone],
  );
  if (analysis === null || exports === null) {
    return (
      <section className="incident-review" aria-label="Incident review" aria-busy="true">
        <h2>Incident review</h2>
        <p className="impact-note">Building the timeline…</p>
      </section>
    );
  }
  const at = (ms: number | null) => (ms === null ? '—' : formatInstant(ms, timeZone, 'seconds'));
  const d = analysis.durations;
  const since = (ms: number | null | undefined) =>
    d === null || ms === null || ms === undefined ? '—' : formatDuration(ms - d.onsetMs);
  const durations =
    d === null
      ? []
      : ([
          ['Time to detect (first alert)', since(d.firstAlert?.atMs), d.firstAlert],
          [
            'Time to detect (first status update)',
            since(d.firstStatusUpdate?.atMs),
            d.firstStatusUpdate,
          ],
          [
            'Time to mitigate (first change after the onset)',
            since(d.firstMitigation?.atMs),
            d.firstMitigation,
          ],
          [
            'Time to recover',
            since(d.recoveryMs),
            d.recoveryMs === null
              ? null
              : { atMs: d.recoveryMs, title: 'every signal back at its baseline' },
          ],
        ] as const);
  const stem = fileStem(analysis);
  return (
    <section className="incident-review" aria-label="Incident review">
      <header className="review-header">
        <h2>Incident review</h2>
        <span className="review-range">
          {at(analysis.range.startMs)} – {at(analysis.range.endMs)}
        </span>
        <a
          className="button"
          href={dataUrl('text/markdown', exports.markdown)}
          download={`${stem}.md`}
        >
          Export Markdown
        </a>
        <a
          className="button"
          href={dataUrl('application/json', exports.json)}
          download={`${stem}.json`}
        >
          Export JSON
        </a>
      </header>
      {d === null ? (
        <p className="impact-note">No onset in this range, so no durations.</p>
      ) : (
        <table className="review-durations">
          <tbody>
            {durations.map(([label, took, milestone]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{took}</td>
                <td>
                  {milestone === null
                    ? 'none in this range'
                    : `${at(milestone.atMs)} · ${isolated(milestone.title)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="review-timeline">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">What</th>
            <th scope="col">Event</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {exports.rows.map((row, i) => (
            <tr
              key={`${String(row.atMs)}|${String(i)}`}
              className={`row-${row.kind.replace(' ', '-')}`}
            >
              <td>
                <time dateTime={new Date(row.atMs).toISOString()}>{at(row.atMs)}</time>
              </td>
              <td>{row.kind}</td>
              <td>{row.event}</td>
              <td>
                {row.detail}
                {row.suspectRank !== null && (
                  <span className="suspect-rank">
                    {row.detail === '' ? '' : ' · '}suspect #{row.suspectRank}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
