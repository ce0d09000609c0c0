import { createContext, useContext, useState, type ReactNode } from 'react';
import { createRequestScheduler, documentVisibility, type RequestScheduler } from './scheduler';

const SchedulerContext = createContext<RequestScheduler | null>(null);

export interface SchedulerProviderProps {
  readonly children: ReactNode;
  /** For tests; by default the provider makes the page's one scheduler. */
  readonly scheduler?: RequestScheduler;
}

/** One scheduler per page: the in-flight limit and de-duplication only work if it is shared. */
export function SchedulerProvider({ children, scheduler }: SchedulerProviderProps) {
  // Made once: a new scheduler would forget what is in flight and double the concurrency.
  const [pageScheduler] = useState(
    () => scheduler ?? createRequestScheduler({ visibility: documentVisibility(document) }),
  );
  return <SchedulerContext value={pageScheduler}>{children}</SchedulerContext>;
}

export function useScheduler(): RequestScheduler {
  const scheduler = useContext(SchedulerContext);
  if (scheduler === null) throw new Error('useScheduler must be used inside a SchedulerProvider');
  return scheduler;
}
