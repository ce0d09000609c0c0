import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createRequestScheduler } from '../../src/prometheus/scheduler';
import { SchedulerProvider } from '../../src/prometheus/scheduler-context';

export interface RenderedWithQueries extends RenderResult {
  /** The query cache the element renders with, e.g. to invalidate what it shows. */
  readonly queryClient: QueryClient;
}

/**
 * Renders as the app does (query cache + one request scheduler), fresh for each test. The
 * scheduler makes one attempt per request, so a test sees exactly the answer it set up.
 * `rerender` keeps the same cache and scheduler, as new props would in the app.
 */
export function renderWithQueries(element: ReactElement): RenderedWithQueries {
  const { queryClient, wrapper } = queriesWrapper();
  const rendered: RenderResult = render(element, { wrapper });
  return { ...rendered, queryClient };
}

/** The query cache and scheduler of `renderWithQueries`, as a wrapper, e.g. for `renderHook`. */
export function queriesWrapper() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const scheduler = createRequestScheduler({ maxAttempts: 1 });
  const wrapper = ({ children }: { readonly children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <SchedulerProvider scheduler={scheduler}>{children}</SchedulerProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}
