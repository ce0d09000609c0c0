import { useEffect, useState } from 'react';

/** The wall-clock time, updated every `intervalMs`, for what must show the real time (a clock). */
export function useTick(intervalMs: number): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNowMs(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return nowMs;
}
