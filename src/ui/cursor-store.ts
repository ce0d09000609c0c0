import { useSyncExternalStore } from 'react';

/**
 * The time under the mouse, shared by every panel so legends show values at the same instant.
 * A tiny store rather than React state: only legends re-render on mouse moves, not charts.
 */
export interface CursorStore {
  readonly get: () => number | null;
  readonly set: (timeMs: number | null) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createCursorStore(): CursorStore {
  let time: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => time,
    set(next) {
      if (next === time) return;
      time = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function useCursorTime(store: CursorStore): number | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
