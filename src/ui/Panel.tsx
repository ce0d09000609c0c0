import { useQueries } from '@tanstack/react-query';
import type { PanelDefinition } from '../dashboard/default-dashboard';
import { expandQuery } from '../dashboard/query-template';
import { seriesName } from '../domain/series';
import { alignRange, chooseStepSeconds } from '../domain/step';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { TimeSeriesChart, type NamedSeries } from './TimeSeriesChart';
import { useElementWidth } from './use-element-width';

export interface PanelProps {
  readonly panel: PanelDefinition;
  readonly range: AbsoluteRange;
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
}

const CHART_HEIGHT = 220;
/** Y axis and margins: the part of the width that is not plot area. */
const CHART_CHROME_PX = 96;

export function Panel({ panel, range, endpoint, scrapeIntervalSeconds }: PanelProps) {
  const [ref, width] = useElementWidth<HTMLElement>();
  const plotWidth = Math.max(100, width - CHART_CHROME_PX);
  const stepSeconds = chooseStepSeconds({ range, widthPx: plotWidth, scrapeIntervalSeconds });
  const aligned = alignRange(range, stepSeconds);
  const targets = panel.targets.map((target) => ({
    name: target.name,
    expr: expandQuery(target.expr, { stepSeconds, scrapeIntervalSeconds, variables: {} }),
  }));
  const results = useQueries({
    queries: targets.map((target) => ({
      ...rangeQueryOptions(endpoint, { expr: target.expr, ...aligned }),
      enabled: width > 0,
    })),
  });

  const failed = results.findIndex((result) => result.error !== null);
  const failure = results[failed]?.error;
  const loading = results.some((result) => result.data === undefined && result.error === null);
  const named: NamedSeries[] = results.flatMap((result, index) =>
    (result.data?.series ?? []).map((series) => ({
      name: seriesName(series.labels, targets[index]?.name ?? ''),
      series,
    })),
  );
  const warnings = results.flatMap((result) => result.data?.warnings ?? []);

  return (
    <section className="panel" ref={ref} data-panel={panel.id} aria-label={panel.title}>
      <header className="panel-header">
        <h2>{panel.title}</h2>
        <span className="panel-meta">step {stepSeconds}s</span>
      </header>
      {loading && named.length === 0 ? (
        <div className="panel-state" style={{ height: CHART_HEIGHT }} aria-busy="true">
          Loading…
        </div>
      ) : failure ? (
        <div className="panel-state panel-error" role="alert" style={{ height: CHART_HEIGHT }}>
          <strong>{failure instanceof PrometheusError ? failure.kind : 'error'}</strong>
          <span>{failure.message}</span>
          <code>{targets[failed]?.expr}</code>
        </div>
      ) : named.length === 0 ? (
        <div className="panel-state" style={{ height: CHART_HEIGHT }}>
          No data in this range
        </div>
      ) : (
        <>
          {warnings.map((warning) => (
            <p className="panel-warning" key={warning}>
              {warning}
            </p>
          ))}
          <TimeSeriesChart
            series={named}
            unit={panel.unit}
            startMs={aligned.startMs}
            endMs={aligned.endMs}
            width={width}
            height={CHART_HEIGHT}
          />
        </>
      )}
    </section>
  );
}
