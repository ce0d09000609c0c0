import { useState } from 'react';
import { defaultPanels } from '../dashboard/default-dashboard';
import { parseView } from '../dashboard/url-state';
import { formatInstant } from '../domain/format-time';
import { resolveRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { Panel } from './Panel';

export interface AppProps {
  readonly search: string;
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  /** A line above the panels, e.g. which built-in scenario the demo shows. */
  readonly banner?: string | null;
}

export function App({ search, endpoint, scrapeIntervalSeconds, banner = null }: AppProps) {
  const { view, problems } = parseView(search);
  // The clock is read once when the view opens, not during every render.
  const [nowMs] = useState(() => Date.now());
  const range = resolveRange(view.from, view.to, nowMs);
  return (
    <main className="app">
      <header className="app-header">
        <h1>Aftershock</h1>
        <span className="range">
          {formatInstant(range.startMs)} → {formatInstant(range.endMs)}
        </span>
      </header>
      {banner !== null && <p className="banner">{banner}</p>}
      {problems.map((problem) => (
        <p className="url-problem" role="alert" key={problem.parameter}>
          URL parameter <code>{problem.parameter}</code> = <code>{problem.value}</code>:{' '}
          {problem.message}
        </p>
      ))}
      <div className="panels">
        {defaultPanels.map((panel) => (
          <Panel
            key={panel.id}
            panel={panel}
            range={range}
            endpoint={endpoint}
            scrapeIntervalSeconds={scrapeIntervalSeconds}
          />
        ))}
      </div>
    </main>
  );
}
