import { changeDetail, type ChangeEvent } from '../domain/changes';
import { formatInstant } from '../domain/format-time';
import { isolated } from '../domain/shown-text';
import type { MarkerGroup } from '../domain/marker-groups';
import { httpUrlOrNull } from '../sources/http-url';

/** One line naming a change, for a title and an accessible name. */
export function changeSummary(change: ChangeEvent, timeZone: string): string {
  const where =
    change.namespace === null
      ? isolated(change.service)
      : `${isolated(change.namespace)}/${isolated(change.service)}`;
  const detail = changeDetail(change);
  return [
    `${change.kind} ${where}`,
    ...(detail === null ? [] : [detail]),
    isolated(change.title),
    formatInstant(change.timeMs, timeZone, 'seconds'),
  ].join(' · ');
}

/** The accessible name of a marker: its change, or how many changes it stands for. */
export function groupLabel(group: MarkerGroup, timeZone: string): string {
  const [first] = group.changes;
  if (group.changes.length === 1 && first !== undefined) return changeSummary(first, timeZone);
  return `${String(group.changes.length)} changes from ${formatInstant(group.timeMs, timeZone)}`;
}

/** Everything known about one change, as text; a link only when it is http(s). */
export function ChangeDetails({ change, timeZone }: { change: ChangeEvent; timeZone: string }) {
  const detail = changeDetail(change);
  // Sources keep only http(s) links already; checked again where it becomes a link.
  const href = httpUrlOrNull(change.url);
  return (
    <li className="lane-change">
      <span className={`lane-kind change-${change.kind}`}>{change.kind}</span>{' '}
      <strong>{change.service}</strong>
      {change.namespace !== null && <span className="lane-namespace"> ({change.namespace})</span>}
      {detail !== null && <span className="lane-detail"> {detail}</span>}
      <div className="lane-title">{change.title}</div>
      <div className="lane-time">{formatInstant(change.timeMs, timeZone, 'seconds')}</div>
      {href !== null && (
        <a href={href} target="_blank" rel="noopener noreferrer">
          Open link
        </a>
      )}
    </li>
  );
}

/** The changes of one marker, as a popover list. */
export function MarkerGroupDetails({ group, timeZone }: { group: MarkerGroup; timeZone: string }) {
  return (
    <ul>
      {group.changes.map((change) => (
        <ChangeDetails key={change.id} change={change} timeZone={timeZone} />
      ))}
    </ul>
  );
}
