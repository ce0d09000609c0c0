import { useCallback, useSyncExternalStore } from 'react';

/**
 * The URL is the one source of truth for the view. Components read the query string through
 * this hook and change the view only by navigating; back and forward just work.
 */

const NAVIGATE_EVENT = 'aftershock:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentSearch(): string {
  return window.location.search;
}

export interface NavigateOptions {
  /** Replace the history entry instead of adding one (e.g. while typing). */
  readonly replace?: boolean;
}

export type Navigate = (search: string, options?: NavigateOptions) => void;

export function useLocationSearch(): [string, Navigate] {
  const search = useSyncExternalStore(subscribe, currentSearch);
  const navigate = useCallback<Navigate>((next, options) => {
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    if (options?.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  }, []);
  return [search, navigate];
}
