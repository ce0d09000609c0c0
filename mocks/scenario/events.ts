/**
 * The scenario's events file: every change of its timeline as a CI/CD pipeline would have
 * written it, plus the incident a reviewer wrote by hand — in the public format of
 * src/sources/events-file.ts, at the scenario's placement.
 */

import type { EventsFile } from '../../src/sources/events-file';
import type { ScenarioDefinition } from './definition';
import { shiftTime } from './time';

export function eventsFile(def: ScenarioDefinition, shiftMs: number): EventsFile {
  return {
    version: 1,
    changes: def.timeline.map((change) => ({
      id: change.id,
      time: shiftTime(change.time, shiftMs),
      kind: change.kind,
      service: change.service,
      namespace: change.namespace,
      title: change.title,
      ...(change.version === undefined ? {} : { version: change.version }),
      ...(change.from === undefined ? {} : { from: change.from }),
      ...(change.to === undefined ? {} : { to: change.to }),
      ...(change.author === undefined ? {} : { author: change.author }),
      url: `https://ci.example.com/${change.namespace}/${change.service}/changes/${change.id}`,
    })),
    incidents: def.reviewIncidents.map((incident, i) => ({
      id: `${def.id}-incident-${String(i + 1)}`,
      title: incident.title,
      start: shiftTime(incident.start, shiftMs),
      ...(incident.end === undefined ? {} : { end: shiftTime(incident.end, shiftMs) }),
      ...(incident.severity === undefined ? {} : { severity: incident.severity }),
      ...(incident.phases === undefined
        ? {}
        : {
            phases: incident.phases.map((p) => ({
              status: p.status,
              time: shiftTime(p.time, shiftMs),
            })),
          }),
    })),
  };
}
