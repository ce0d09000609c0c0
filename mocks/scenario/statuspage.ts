/**
 * The scenario's public status page as Statuspage's v2 API serves it (`/api/v2/incidents.json`):
 * newest incident first, each with its updates newest first, times in UTC. Ids are derived from
 * the seed so the document is the same on every run.
 */

import type {
  IncidentPhaseStatus,
  ScenarioDefinition,
  StatusIncidentDefinition,
} from './definition';
import { randomFor } from './random';
import { toMs } from './time';

export interface StatuspageIncidentUpdate {
  readonly id: string;
  readonly status: IncidentPhaseStatus;
  readonly body: string;
  readonly incident_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly display_at: string;
  readonly affected_components: null;
  readonly deliver_notifications: boolean;
}

export interface StatuspageIncident {
  readonly id: string;
  readonly name: string;
  readonly status: IncidentPhaseStatus;
  readonly impact: StatusIncidentDefinition['impact'];
  readonly created_at: string;
  readonly updated_at: string;
  readonly monitoring_at: string | null;
  readonly resolved_at: string | null;
  readonly started_at: string;
  readonly shortlink: string;
  readonly page_id: string;
  readonly incident_updates: readonly StatuspageIncidentUpdate[];
  readonly components: readonly {
    readonly id: string;
    readonly name: string;
    readonly status: string;
  }[];
}

export interface StatuspageDocument {
  readonly page: {
    readonly id: string;
    readonly name: string;
    readonly url: string;
    readonly time_zone: string;
    readonly updated_at: string;
  };
  readonly incidents: readonly StatuspageIncident[];
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function iso(time: string, shiftMs: number): string {
  return new Date(toMs(time) + shiftMs).toISOString();
}

function incident(
  def: ScenarioDefinition,
  spec: StatusIncidentDefinition,
  index: number,
  pageId: string,
  shiftMs: number,
): StatuspageIncident {
  const random = randomFor(def.seed, `statuspage|${String(index)}`);
  const newId = (): string =>
    Array.from(
      { length: 12 },
      () => ID_ALPHABET[Math.floor(random.next() * ID_ALPHABET.length)],
    ).join('');
  const id = newId();
  const updates = spec.updates.map((u) => ({
    id: newId(),
    status: u.status,
    body: u.body,
    incident_id: id,
    created_at: iso(u.at, shiftMs),
    updated_at: iso(u.at, shiftMs),
    display_at: iso(u.at, shiftMs),
    affected_components: null,
    deliver_notifications: true,
  }));
  const first = updates[0];
  const last = updates[updates.length - 1];
  if (first === undefined || last === undefined) throw new Error(`"${spec.name}" has no updates`);
  const firstAt = (status: IncidentPhaseStatus): string | null =>
    updates.find((u) => u.status === status)?.created_at ?? null;
  return {
    id,
    name: spec.name,
    status: last.status,
    impact: spec.impact,
    created_at: first.created_at,
    updated_at: last.created_at,
    monitoring_at: firstAt('monitoring'),
    resolved_at: last.status === 'resolved' ? last.created_at : null,
    started_at: spec.startedAt === undefined ? first.created_at : iso(spec.startedAt, shiftMs),
    shortlink: `https://stspg.example/${id.slice(0, 6)}`,
    page_id: pageId,
    incident_updates: [...updates].reverse(),
    components: [],
  };
}

export function statuspageIncidents(def: ScenarioDefinition, shiftMs: number): StatuspageDocument {
  const pageId = 'aftershock01';
  const incidents = def.statuspage
    .map((spec, i) => incident(def, spec, i, pageId, shiftMs))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const latest = incidents.reduce(
    (t, i) => Math.max(t, Date.parse(i.updated_at)),
    toMs(def.window.start) + shiftMs,
  );
  return {
    page: {
      id: pageId,
      name: 'Aftershock demo status',
      url: 'https://status.example.com',
      time_zone: 'Etc/UTC',
      updated_at: new Date(latest).toISOString(),
    },
    incidents,
  };
}
