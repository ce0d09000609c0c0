/**
 * Changes and incident windows from an events file that `parseEventsFile` has validated: the
 * format's field names mapped onto the domain's, times read to epoch ms.
 */

import type { ChangeEvent } from '../domain/changes';
import type { IncidentPhase, IncidentWindow } from '../domain/incidents';
import { parseRfc3339 } from '../domain/rfc3339';
import type { EventsFile, EventsFileChange, EventsFileIncident } from './events-file';
import { httpUrlOrNull } from './http-url';

/**
 * Ids say where an entry came from: the file's own id when it has one, else its place in the
 * file (`changes[3]`), which cannot be mistaken for an id as ids are prefixed `id:`.
 */
function entryId(kind: 'changes' | 'incidents', id: string | undefined, index: number): string {
  return `events-file:${id === undefined ? `${kind}[${String(index)}]` : `id:${id}`}`;
}

function changeOf(change: EventsFileChange, index: number): ChangeEvent | null {
  const timeMs = parseRfc3339(change.time);
  // Validated upstream; a time that does not read is skipped rather than drawn at 1970.
  if (timeMs === null) return null;
  return {
    id: entryId('changes', change.id, index),
    timeMs,
    kind: change.kind,
    service: change.service,
    namespace: change.namespace ?? null,
    title: change.title,
    version: change.version ?? null,
    from: change.from ?? null,
    to: change.to ?? null,
    url: httpUrlOrNull(change.url),
    source: 'events-file',
  };
}

function incidentOf(incident: EventsFileIncident, index: number): IncidentWindow | null {
  const startMs = parseRfc3339(incident.start);
  const endMs = incident.end === undefined ? null : parseRfc3339(incident.end);
  if (startMs === null || (incident.end !== undefined && endMs === null)) return null;
  const phases: IncidentPhase[] = [];
  for (const phase of incident.phases ?? []) {
    const atMs = parseRfc3339(phase.time);
    if (atMs !== null) phases.push({ status: phase.status, atMs });
  }
  return {
    id: entryId('incidents', incident.id, index),
    source: 'events-file',
    title: incident.title,
    startMs,
    endMs,
    phases,
    impact: incident.severity ?? null,
    url: httpUrlOrNull(incident.url),
    // The format has no service for incidents: they are about the whole system as written.
    service: null,
  };
}

/** The file's changes and incidents as domain events, in the file's order. */
export function eventsFromFile(file: EventsFile): {
  changes: ChangeEvent[];
  incidents: IncidentWindow[];
} {
  return {
    changes: file.changes.map(changeOf).filter((c) => c !== null),
    incidents: file.incidents.map(incidentOf).filter((i) => i !== null),
  };
}
