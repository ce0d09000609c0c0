/**
 * Incident windows from a Statuspage v2 `incidents.json` (`/api/v2/incidents.json`, also the
 * shape of `incidents/unresolved.json`). Statuspage adds fields over time, so fields this reader
 * does not use are ignored rather than rejected. Text is kept exactly as written: names may hold
 * anything (`<script>`, bidi overrides) and are shown as text, never as HTML.
 */

import type { IncidentPhase, IncidentPhaseStatus, IncidentWindow } from '../domain/incidents';
import { INCIDENT_PHASE_STATUSES } from '../domain/incidents';
import { parseRfc3339 } from '../domain/rfc3339';
import { quotedValue } from '../domain/shown-text';
import { httpUrlOrNull } from './http-url';

export interface StatuspageError {
  /** Where the problem is, e.g. `incidents[2].created_at`. */
  readonly path: string;
  /** What was expected and found, and which incident (by name) it is in. */
  readonly message: string;
}

export type StatuspageResult =
  | { readonly ok: true; readonly incidents: IncidentWindow[] }
  | { readonly ok: false; readonly errors: StatuspageError[] };

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for a message: a 10 KB string must not become a 10 KB error. */
const shown = quotedValue;

/** Collects the errors of one incident, each naming the incident. */
class IncidentReader {
  constructor(
    private readonly errors: StatuspageError[],
    private readonly path: string,
    private readonly name: string,
  ) {}

  fail(field: string, expected: string, value: unknown): null {
    const which = this.name === '' ? '' : ` (incident ${shown(this.name)})`;
    const problem =
      value === undefined
        ? `required: expected ${expected}`
        : `expected ${expected}, got ${shown(value)}`;
    this.errors.push({ path: `${this.path}${field}`, message: `${problem}${which}` });
    return null;
  }

  text(entry: Json, field: string, prefix = ''): string | null {
    const value = entry[field];
    if (typeof value === 'string' && value !== '') return value;
    return this.fail(`${prefix}.${field}`, 'a string', value);
  }

  /** A time that may be absent or null (`resolved_at` while open); null then. */
  optionalTime(entry: Json, field: string, prefix = ''): number | null {
    const value = entry[field];
    if (value === undefined || value === null) return null;
    const ms = typeof value === 'string' ? parseRfc3339(value) : null;
    return ms ?? this.fail(`${prefix}.${field}`, 'an RFC 3339 time', value);
  }

  time(entry: Json, field: string, prefix = ''): number | null {
    if (entry[field] === undefined || entry[field] === null) {
      return this.fail(`${prefix}.${field}`, 'an RFC 3339 time', entry[field]);
    }
    return this.optionalTime(entry, field, prefix);
  }
}

function isPhaseStatus(value: unknown): value is IncidentPhaseStatus {
  return (INCIDENT_PHASE_STATUSES as readonly unknown[]).includes(value);
}

/**
 * Phases from the updates, in time order, at `display_at` (the time the page shows; `created_at`
 * when absent). Statuses that are no phase of a response (`postmortem`, the `scheduled`,
 * `in_progress`, `verifying` and `completed` of maintenances) are left out, and repeats ("we are
 * continuing to investigate") fold into the phase they continue.
 */
function phasesOf(reader: IncidentReader, updates: unknown): IncidentPhase[] {
  if (updates === undefined || updates === null) return [];
  if (!Array.isArray(updates)) {
    reader.fail('.incident_updates', 'an array of updates', updates);
    return [];
  }
  const phases: IncidentPhase[] = [];
  updates.forEach((update: unknown, j) => {
    const prefix = `.incident_updates[${String(j)}]`;
    if (!isObject(update)) {
      reader.fail(prefix, 'an object', update);
      return;
    }
    const status = reader.text(update, 'status', prefix);
    const shownAt = update.display_at ?? null;
    const atMs =
      shownAt === null
        ? reader.time(update, 'created_at', prefix)
        : reader.optionalTime(update, 'display_at', prefix);
    if (isPhaseStatus(status) && atMs !== null) phases.push({ status, atMs });
  });
  phases.sort((a, b) => a.atMs - b.atMs);
  return phases.filter((phase, i) => phases[i - 1]?.status !== phase.status);
}

function incidentOf(errors: StatuspageError[], entry: unknown, i: number): IncidentWindow | null {
  const path = `incidents[${String(i)}]`;
  if (!isObject(entry)) {
    errors.push({ path, message: `expected an incident object, got ${shown(entry)}` });
    return null;
  }
  const reader = new IncidentReader(errors, path, typeof entry.name === 'string' ? entry.name : '');
  const id = reader.text(entry, 'id');
  const title = reader.text(entry, 'name');
  const createdMs = reader.time(entry, 'created_at');
  const startedMs = reader.optionalTime(entry, 'started_at');
  const resolvedMs = reader.optionalTime(entry, 'resolved_at');
  const impact = entry.impact;
  if (impact !== undefined && impact !== null && typeof impact !== 'string') {
    reader.fail('.impact', 'a string', impact);
  }
  const phases = phasesOf(reader, entry.incident_updates);
  if (id === null || title === null || createdMs === null) return null;
  // A resolved incident with no resolved_at is closed at its resolved update, not left open.
  const closed = entry.status === 'resolved' || entry.status === 'postmortem';
  const resolvedUpdate = phases.findLast((p) => p.status === 'resolved')?.atMs ?? null;
  return {
    id: `statuspage:${id}`,
    source: 'statuspage',
    title,
    startMs: startedMs ?? createdMs,
    endMs: resolvedMs ?? (closed ? resolvedUpdate : null),
    phases,
    impact: typeof impact === 'string' && impact !== '' ? impact : null,
    url: httpUrlOrNull(entry.shortlink),
    service: null,
  };
}

/**
 * The incidents of a Statuspage v2 `incidents.json`: each a window from `started_at` (or
 * `created_at`) to `resolved_at` (null: still open), with its phases, impact, and shortlink when
 * it is an http(s) URL. Any error fails the whole document, every error listed: a page that reads
 * wrongly is more likely a wrong URL than one odd incident, and half a status page would mislead.
 */
export function parseStatuspage(json: unknown): StatuspageResult {
  if (!isObject(json) || !Array.isArray(json.incidents)) {
    const got = isObject(json) ? shown(json.incidents) : shown(json);
    const message = `expected a Statuspage v2 incidents.json, an object with an incidents array, got ${got}`;
    return { ok: false, errors: [{ path: isObject(json) ? 'incidents' : '', message }] };
  }
  const errors: StatuspageError[] = [];
  const incidents = json.incidents.map((entry: unknown, i) => incidentOf(errors, entry, i));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    incidents: incidents
      .filter((incident) => incident !== null)
      .sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id)),
  };
}
