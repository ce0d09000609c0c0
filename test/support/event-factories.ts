import type { ChangeEvent } from '../../src/domain/changes';

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
