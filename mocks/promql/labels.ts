/**
 * Label sets as the evaluator passes them around: frozen plain objects whose keys are sorted
 * (so JSON output lists labels in Prometheus's order) and never hold empty values (Prometheus
 * treats an empty value as an absent label). Derived sets are cached per input object, so a
 * series keeps one label object across all steps of a range query and its key is computed once.
 */

export type LabelSet = Readonly<Record<string, string>>;

export const METRIC_NAME = '__name__';

export const EMPTY_LABELS: LabelSet = Object.freeze({});

const keyCache = new WeakMap<LabelSet, string>();
const withoutNameCache = new WeakMap<LabelSet, LabelSet>();

/** Builds a normalized label set: sorted keys, empty values dropped, frozen. */
export function makeLabels(source: Readonly<Record<string, string>>): LabelSet {
  const names = Object.keys(source).sort(compareStrings);
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return Object.freeze(out);
}

/** Identity of a label set: equal keys mean equal label sets. */
export function labelKey(labels: LabelSet): string {
  let key = keyCache.get(labels);
  if (key === undefined) {
    key = Object.keys(labels)
      .map((name) => `${name}\u0000${labels[name] ?? ''}`)
      .join('\u0001');
    keyCache.set(labels, key);
  }
  return key;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Go's `labels.Compare`: pairwise by name then value, the shorter set first on a tie. */
export function compareLabels(a: LabelSet, b: LabelSet): number {
  const namesA = Object.keys(a);
  const namesB = Object.keys(b);
  const common = Math.min(namesA.length, namesB.length);
  for (let i = 0; i < common; i++) {
    const nameA = namesA[i] ?? '';
    const nameB = namesB[i] ?? '';
    if (nameA !== nameB) return compareStrings(nameA, nameB);
    const byValue = compareStrings(a[nameA] ?? '', b[nameB] ?? '');
    if (byValue !== 0) return byValue;
  }
  return namesA.length - namesB.length;
}

export function dropMetricName(labels: LabelSet): LabelSet {
  if (!(METRIC_NAME in labels)) return labels;
  let out = withoutNameCache.get(labels);
  if (out === undefined) {
    out = deleteLabels(labels, [METRIC_NAME]);
    withoutNameCache.set(labels, out);
  }
  return out;
}

/** The labels of `labels` whose names are in `names` (like `labels.Builder.Keep`). */
export function keepLabels(labels: LabelSet, names: readonly string[]): LabelSet {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels)) {
    if (names.includes(name)) out[name] = labels[name] ?? '';
  }
  return Object.freeze(out);
}

/** `labels` without the names in `names` (like `labels.Builder.Del`). */
export function deleteLabels(labels: LabelSet, names: readonly string[]): LabelSet {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels)) {
    if (!names.includes(name)) out[name] = labels[name] ?? '';
  }
  return Object.freeze(out);
}

/** `labels` with `name` set to `value`, or removed when `value` is empty. */
export function setLabel(labels: LabelSet, name: string, value: string): LabelSet {
  return makeLabels({ ...labels, [name]: value });
}

/** Go's `Labels.String()`: `{a="1", b="2"}`, used in error messages. */
export function formatLabels(labels: LabelSet): string {
  const pairs = Object.keys(labels).map((name) => `${name}=${JSON.stringify(labels[name] ?? '')}`);
  return `{${pairs.join(', ')}}`;
}

/** Go's `labels.MatchLabels`: the labels that take part in vector matching. */
export function matchingLabels(labels: LabelSet, on: boolean, names: readonly string[]): LabelSet {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels)) {
    const listed = names.includes(name);
    if (on === listed && (on || name !== METRIC_NAME)) out[name] = labels[name] ?? '';
  }
  return Object.freeze(out);
}
