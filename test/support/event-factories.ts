import type { ChangeEvent } from '../../src/domain/changes';
import type { IncidentWindow } from '../../src/domain/incidents';

/** A deploy of `api` from the events file, at the given time unless overridden. */
export function changeEvent(over: Partial<ChangeEvent> & { readonly timeMs: number }): ChangeEvent {
  return {
    id: 'c1',
    kind: 'deploy',
    service: 'api',
    namespace: 'labs',
    title: 'api v2',
    version: 'v2',
    from: null,
    to: null,
    url: null,
    source: 'events-file',
    ...over,
  };
}

/** An open incident window of the given source, starting at the given time unless overridden. */
export function incidentWindow(
  over: Partial<IncidentWindow> & Pick<IncidentWindow, 'source' | 'startMs'>,
): IncidentWindow {
  return {
    id: `${over.source}:${String(over.startMs)}`,
    title: 'x',
    endMs: null,
    phases: [],
    impact: null,
    url: null,
    service: null,
    ...over,
  };
}
