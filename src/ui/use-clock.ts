import { useCallback, useEffect, useState } from 'react';
import { firstRefreshDelayMs, nextRefreshDelayMs } from '../domain/refresh-schedule';
import type { VisibilitySource } from '../prometheus/scheduler';

export interface Clock {
  /** The "now" that relative ranges resolve against; moves only on refresh. */
  readonly nowMs: number;
  readonly refresh: () => void;
}

/**
 * Live mode's heartbeat. "now" advances about every `refreshSeconds` while the page is visible,
 * at a random phase and with a little jitter (see refresh-schedule), so many screens spread their
 * queries out; a hidden page sends nothing, and gets exactly one refresh when it is shown again.
 */
export function useClock(
  refreshSeconds: number | null,
  visibility: VisibilitySource,
  random: () => number = Math.random,
): Clock {
  const [nowMs, setNowMs] = useState(() => Date.now());
  const refresh = useCallback(() => {
    setNowMs(Date.now());
  }, []);

  useEffect(() => {
    if (refreshSeconds === null) return;
    const intervalMs = refreshSeconds * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (delayMs: number) => {
      timer = setTimeout(() => {
        refresh();
        schedule(nextRefreshDelayMs(intervalMs, random));
      }, delayMs);
    };
    const stop = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    if (!visibility.isHidden()) schedule(firstRefreshDelayMs(intervalMs, random));
    const unsubscribe = visibility.onChange(() => {
      if (visibility.isHidden()) {
        stop();
      } else if (timer === undefined) {
        refresh();
        schedule(nextRefreshDelayMs(intervalMs, random));
      }
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [refreshSeconds, visibility, refresh, random]);

  return { nowMs, refresh };
}
