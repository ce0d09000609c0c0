import { useCallback, useEffect, useState } from 'react';
import type { VisibilitySource } from '../prometheus/scheduler';

export interface Clock {
  /** The "now" that relative ranges resolve against; moves only on refresh. */
  readonly nowMs: number;
  readonly refresh: () => void;
}

/**
 * Live mode's heartbeat. "now" advances every `refreshSeconds` while the page is visible; a
 * hidden page sends nothing, and gets exactly one refresh when it is shown again.
 */
export function useClock(refreshSeconds: number | null, visibility: VisibilitySource): Clock {
  const [nowMs, setNowMs] = useState(() => Date.now());
  const refresh = useCallback(() => {
    setNowMs(Date.now());
  }, []);

  useEffect(() => {
    if (refreshSeconds === null) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      timer = setInterval(refresh, refreshSeconds * 1000);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    if (!visibility.isHidden()) start();
    const unsubscribe = visibility.onChange(() => {
      if (visibility.isHidden()) {
        stop();
      } else if (timer === undefined) {
        refresh();
        start();
      }
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [refreshSeconds, visibility, refresh]);

  return { nowMs, refresh };
}
