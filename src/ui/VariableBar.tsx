import { useQueries } from '@tanstack/react-query';
import type { VariableDefinition } from '../dashboard/config-schema';
import { expandVariables, type VariableSelection } from '../dashboard/query-template';
import { isolated } from '../domain/shown-text';
import type { AbsoluteRange } from '../domain/time-range';
import type { PrometheusEndpoint } from '../prometheus/client';
import { labelValuesQueryOptions } from '../prometheus/range-query-options';
import { useScheduler } from '../prometheus/scheduler-context';

export interface VariableBarProps {
  readonly variables: readonly VariableDefinition[];
  readonly selection: VariableSelection;
  readonly endpoint: PrometheusEndpoint;
  readonly range: AbsoluteRange;
  readonly onChange: (name: string, values: readonly string[]) => void;
}

/** Hours: label values are looked up over a coarse window so the key stays put while live. */
const HOUR_MS = 3_600_000;

/** Multi-select filters (`var-<name>` in the URL); nothing ticked means all values. */
export function VariableBar({ variables, selection, endpoint, range, onChange }: VariableBarProps) {
  const scheduler = useScheduler();
  const startMs = Math.floor(range.startMs / HOUR_MS) * HOUR_MS;
  const endMs = Math.ceil(range.endMs / HOUR_MS) * HOUR_MS;
  const variableNames = variables.map((variable) => variable.name);
  const results = useQueries({
    queries: variables.map((variable) =>
      labelValuesQueryOptions(
        endpoint,
        variable.labelName,
        {
          // A variable's choices narrow with the others (services of the chosen namespace).
          ...(variable.match
            ? { match: [expandVariables(variable.match, { variables: selection, variableNames })] }
            : {}),
          startMs,
          endMs,
        },
        scheduler,
      ),
    ),
  });
  return (
    <div className="variables" role="group" aria-label="Filters">
      {variables.map((variable, index) => {
        const result = results[index];
        const chosen = selection[variable.name] ?? [];
        const values = [...new Set([...chosen, ...(result?.data ?? [])])].sort();
        return (
          <details key={variable.name} className="variable">
            <summary>
              {isolated(variable.label)}:{' '}
              <strong>{chosen.length === 0 ? 'All' : chosen.map(isolated).join(', ')}</strong>
            </summary>
            <div className="popover">
              {result?.error && <p className="input-problem">{result.error.message}</p>}
              {values.length === 0 && !result?.error && <p className="muted">no values</p>}
              {values.map((value) => (
                <label key={value} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(value)}
                    onChange={(event) => {
                      onChange(
                        variable.name,
                        event.target.checked
                          ? [...chosen, value]
                          : chosen.filter((one) => one !== value),
                      );
                    }}
                  />
                  {value}
                </label>
              ))}
              {chosen.length > 0 && (
                <button
                  type="button"
                  onClick={() => {
                    onChange(variable.name, []);
                  }}
                >
                  All
                </button>
              )}
            </div>
          </details>
        );
      })}
    </div>
  );
}
