import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createRequestScheduler } from '../../src/prometheus/scheduler';
import { SchedulerProvider } from '../../src/prometheus/scheduler-context';

/**
 * Renders as the app does (query cache + one request scheduler), fresh for each test. The
 * scheduler makes one attempt per request, so a test sees exactly the answer it set up.
 */
export function renderWithQueries(element: ReactElement): RenderResult {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const scheduler = createRequestScheduler({ maxAttempts: 1 });
  return render(
    <QueryClientProvider client={client}>
      <SchedulerProvider scheduler={scheduler}>{element}</SchedulerProvider>
    </QueryClientProvider>,
  );
}
