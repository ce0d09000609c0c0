import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SchedulerProvider } from './prometheus/scheduler-context';
import { App } from './ui/App';
import './ui/app.css';

async function start(): Promise<void> {
  // Demo mode only: the build for production drops this branch, and the mock code with it.
  let banner: string | null = null;
  if (import.meta.env.MODE === 'demo') {
    const { startDemo } = await import('../mocks/demo/start-demo');
    const demo = await startDemo(window.location, window.history);
    banner = `Demo on built-in data: ${demo.title}${demo.placement === 'now' ? ', shifted to now' : ''}${demo.problem ? ` (${demo.problem})` : ''}`;
  }
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  const queryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
  });
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SchedulerProvider>
          <App banner={banner} endpoint={{ url: window.location.origin }} />
        </SchedulerProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
