import { isolated } from './shown-text';

/** One series as the app sees it: label set plus columnar samples, times in epoch ms. */
export interface TimeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly times: readonly number[];
  readonly values: readonly number[];
}

/** A stable identity for a label set, independent of key order. */
export function seriesKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}

/** Legend text: the labels that tell series apart, `service="api"` → `api`. */
export function seriesName(labels: Readonly<Record<string, string>>, prefix: string): string {
  // Namespaces are often named after their service: say `api` once, not `api · api`.
  const values = [
    ...new Set(
      Object.entries(labels)
        .filter(([name]) => name !== '__name__')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, value]) => isolated(value)),
    ),
  ];
  return values.length === 0 ? prefix : `${prefix} ${values.join(' · ')}`;
}
