import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { PanelDefinition } from '../dashboard/default-dashboard';
import type { PanelQueryPlan } from '../dashboard/panel-query-plan';
import { formatAge } from '../domain/format-time';
import { formatValue } from '../domain/format-value';
import { seriesName } from '../domain/series';
import { MAX_SERIES_PER_TARGET } from '../domain/series-cap';
import { worstReading } from '../domain/signal-reading';
import { sparklinePath } from '../domain/sparkline';
import {
  missingDataMs,
  SIGNAL_STATE_WORDS,
  thresholdState,
  type SignalState,
} from '../domain/wall-status';
import type { PrometheusEndpoint, QueryOutcome } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import { rangeQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';

export interface StatusTileInput {
  readonly panel: PanelDefinition;
  /** The plan of the panel drawn below, so the tile shares its answer and its request. */
  readonly plan: PanelQueryPlan;
}

export interface StatusTilesProps {
  readonly tiles: readonly StatusTileInput[];
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  readonly refreshSeconds: number | null;
  /** Now in live mode; null for a fixed range, whose data cannot go stale. */
  readonly liveNowMs: number | null;
}

const SPARK_WIDTH = 300;
const SPARK_HEIGHT = 48;

interface TileProps extends StatusTileInput {
  readonly endpoint: PrometheusEndpoint;
  readonly scrapeIntervalSeconds: number;
  readonly refreshSeconds: number | null;
  readonly liveNowMs: number | null;
}

function StatusTile(props: TileProps) {
  const { panel, plan, endpoint, liveNowMs } = props;
  const scheduler = useScheduler();
  const target = plan.targets.find((t) => t.name === panel.status?.target) ?? plan.targets[0];
  const unit = target?.unit ?? panel.unit;
  const result = useQuery({
    // The panel's cap, so tile and panel share one request; past it, the tile reads only the
    // series that peaked highest.
    ...rangeQueryOptions(
      endpoint,
      { expr: target?.expr ?? '', ...plan.aligned },
      scheduler,
      'panel',
      {
        maxSeries: MAX_SERIES_PER_TARGET,
      },
    ),
    enabled: target !== undefined,
    placeholderData: keepPreviousData,
  });
  // The last answer that arrived, kept through failed refreshes so the tile can say "stale"
  // over the old value rather than "no data".
  const [lastGood, setLastGood] = useState<QueryOutcome | null>(null);
  if (result.data !== undefined && !result.isPlaceholderData && result.data !== lastGood) {
    setLastGood(result.data);
  }
  const series = (result.isPlaceholderData ? undefined : result.data)?.series ?? lastGood?.series;
  const reading = useMemo(() => worstReading(series ?? []), [series]);
  const missingMs =
    liveNowMs === null
      ? null
      : missingDataMs(reading.atMs, liveNowMs, {
          stepMs: plan.aligned.stepSeconds * 1000,
          scrapeMs: props.scrapeIntervalSeconds * 1000,
          refreshMs: (props.refreshSeconds ?? 0) * 1000,
        });
  // A failed refresh keeps the last answer on the tile, marked stale like data that stopped.
  let state: SignalState;
  if (reading.value === null) state = 'no-data';
  else if (missingMs !== null || result.error !== null) state = 'stale';
  else state = thresholdState(reading.value, panel.status);

  const why =
    result.error instanceof PrometheusError
      ? `${result.error.kind}: ${result.error.message}`
      : result.error?.message;
  const age = liveNowMs !== null && reading.atMs !== null ? liveNowMs - reading.atMs : null;
  return (
    <li className={`status-tile state-${state}`} data-signal={panel.id} data-state={state}>
      <div className="tile-title">{panel.title}</div>
      <div className="tile-value">
        {reading.value === null ? '–' : formatValue(reading.value, unit)}
      </div>
      <div className="tile-state">
        <span className="tile-word">{SIGNAL_STATE_WORDS[state]}</span>
        {reading.labels !== null && (
          <span className="tile-series">{seriesName(reading.labels, '').trim()}</span>
        )}
      </div>
      <svg
        className="tile-spark"
        viewBox={`0 0 ${String(SPARK_WIDTH)} ${String(SPARK_HEIGHT)}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <path
          d={sparklinePath(
            reading.trend,
            plan.aligned.startMs,
            plan.aligned.endMs,
            SPARK_WIDTH,
            SPARK_HEIGHT,
          )}
        />
      </svg>
      <div className="tile-age" title={why}>
        {missingMs !== null
          ? `no data for ${formatAge(missingMs)}`
          : result.error !== null
            ? `refresh failed: ${why ?? ''}`
            : age !== null
              ? `data ${formatAge(age)} old`
              : target?.name}
      </div>
    </li>
  );
}

/**
 * One big tile per signal: its worst series now, in words as well as colour (OK, WARNING,
 * CRITICAL, NO DATA, STALE), a sparkline of the range and how old the data is. Readable across
 * a room, with nothing that needs a mouse.
 */
export function StatusTiles(props: StatusTilesProps) {
  return (
    <ul className="status-tiles" aria-label="Status">
      {props.tiles.map((tile) => (
        <StatusTile
          key={tile.panel.id}
          {...tile}
          endpoint={props.endpoint}
          scrapeIntervalSeconds={props.scrapeIntervalSeconds}
          refreshSeconds={props.refreshSeconds}
          liveNowMs={props.liveNowMs}
        />
      ))}
    </ul>
  );
}
