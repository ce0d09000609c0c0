/**
 * The report as Markdown, ready to paste into a postmortem: the same content as the JSON
 * (summary, durations, signals in order, suspects with the reasons for their score, blind
 * spots, the timeline), with times in the reader's zone. Text from the sources is escaped, so a
 * title can neither break a table nor become a link, an image or HTML.
 */

import { formatDuration, formatInstant } from './format-time';
import type { IncidentAnalysis } from './incident-analysis';
import type { ReportError } from './incident-report';
import { reviewTimeline } from './review-timeline';
import { suspectHeadline } from './suspect-text';

/** Characters Markdown (CommonMark and GitHub's tables) gives a meaning, escaped with `\`. */
export function markdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

export interface MarkdownOptions {
  readonly timeZone: string;
  readonly title?: string;
  readonly errors?: readonly ReportError[];
}

export function incidentMarkdown(analysis: IncidentAnalysis, options: MarkdownOptions): string {
  const tz = options.timeZone;
  const at = (ms: number | null) => (ms === null ? '—' : formatInstant(ms, tz, 'seconds'));
  const t = markdownText;
  const first = analysis.order[0];
  const lines: string[] = [
    `# ${t(options.title ?? 'Incident report')}`,
    '',
    `${at(analysis.range.startMs)} to ${at(analysis.range.endMs)}. Suspects: the changes made up to ${formatDuration(analysis.lookbackMs)} before the onset.`,
    '',
    '## Summary',
    '',
  ];
  if (first === undefined || analysis.onsetMs === null) {
    lines.push('No signal left its baseline in this range: no onset, no suspects.');
  } else {
    const top = analysis.suspects[0];
    lines.push(
      `- Onset: ${at(analysis.onsetMs)}, ${t(first.title)} first (${t(first.moved[0]?.name ?? '')})`,
      `- Recovery: ${analysis.recoveryMs === null ? 'not in this range' : at(analysis.recoveryMs)}`,
      `- Top suspect: ${top === undefined ? 'none (no change in the look-back window)' : `${t(suspectHeadline(top, first.title))} (score ${String(top.score)})`}`,
    );
  }
  const d = analysis.durations;
  if (d !== null) {
    const since = (ms: number | null) => (ms === null ? '—' : formatDuration(ms - d.onsetMs));
    const what = (m: { atMs: number; title: string } | null) =>
      m === null ? 'none in this range' : `${at(m.atMs)}: ${t(m.title)}`;
    lines.push(
      '',
      '## Durations',
      '',
      ...table(
        ['from the onset to', 'took', 'when and what'],
        [
          ['first alert (detect)', since(d.firstAlert?.atMs ?? null), what(d.firstAlert)],
          [
            'first status update (detect)',
            since(d.firstStatusUpdate?.atMs ?? null),
            what(d.firstStatusUpdate),
          ],
          [
            'first change after the onset (mitigate)',
            since(d.firstMitigation?.atMs ?? null),
            what(d.firstMitigation),
          ],
          ['recovery (recover)', since(d.recoveryMs), at(d.recoveryMs)],
        ],
      ),
    );
  }
  lines.push(
    '',
    '## Signals',
    '',
    ...table(
      ['order', 'signal', 'onset', 'recovery', 'moved first'],
      [...analysis.order, ...analysis.signals.filter((s) => s.onsetMs === null)].map((s) => {
        const place = analysis.order.indexOf(s);
        return [
          place < 0 ? '—' : String(place + 1),
          t(s.title),
          s.onsetMs === null ? 'no onset' : at(s.onsetMs),
          s.onsetMs === null ? '—' : at(s.recoveryMs),
          t(s.moved[0]?.name ?? '—'),
        ];
      }),
    ),
  );
  if (analysis.suspects.length > 0 && first !== undefined) {
    lines.push(
      '',
      '## Suspects',
      '',
      ...table(
        ['rank', 'change', 'made', 'lead', 'score', 'why'],
        analysis.suspects.map((s, i) => [
          String(i + 1),
          t(`${s.change.kind} ${s.change.service}: ${s.change.title}`),
          at(s.change.timeMs),
          formatDuration(s.leadMs),
          String(s.score),
          s.parts.map((p) => `${t(p.reason)} (+${String(p.points)})`).join('; '),
        ]),
      ),
    );
  }
  lines.push('', '## Blind spots', '');
  if (analysis.blindSpots.length === 0) lines.push('None: every signal was seen all along.');
  else {
    lines.push(
      ...table(
        ['signal', 'series', 'why', 'from', 'to'],
        analysis.blindSpots.map((b) => [
          t(b.signal),
          t(b.series.join(', ')),
          b.reason,
          at(b.startMs),
          b.endMs === null ? 'end of range' : at(b.endMs),
        ]),
      ),
    );
  }
  lines.push(
    '',
    '## Timeline',
    '',
    ...table(
      ['time', 'event', 'detail'],
      reviewTimeline(analysis).map((r) => [
        at(r.atMs),
        t(r.event),
        t(
          [r.detail, r.suspectRank === null ? '' : `suspect #${String(r.suspectRank)}`]
            .filter(Boolean)
            .join('; '),
        ),
      ]),
    ),
  );
  const errors = options.errors ?? [];
  if (errors.length > 0) {
    lines.push(
      '',
      '## Not included',
      '',
      ...errors.map((e) => `- ${t(e.source)}: ${t(e.message)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
