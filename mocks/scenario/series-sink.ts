/**
 * Collects series while the engine computes them on the full scrape grid, then applies the blind
 * spots and packs each series into the `RawSeries` shape (timestamps of present samples only).
 */

import type { AbsenceDefinition } from './definition';
import { type Grid, stepAtOrAfter } from './grid';
import type { FamilyType, Labels, MetricFamily, RawSeries } from './series';
import { toMs } from './time';

interface Draft {
  readonly family: string;
  readonly labels: Labels;
  readonly values: Float64Array;
  /** 1 where a sample exists; null when every step has one. */
  present: Uint8Array | null;
}

export interface SeriesSink {
  family(name: string, type: FamilyType, help: string): void;
  /** `labels` must include `__name__`; `values` has one entry per grid step. */
  add(family: string, labels: Labels, values: Float64Array, present?: Uint8Array): void;
  finish(absences: readonly AbsenceDefinition[]): {
    families: MetricFamily[];
    series: RawSeries[];
  };
}

function matches(absence: AbsenceDefinition, draft: Draft): boolean {
  if (draft.labels.job !== absence.job) return false;
  if (absence.metrics === undefined) return true;
  const name = draft.labels.__name__ ?? '';
  return absence.metrics.includes(name) || absence.metrics.includes(draft.family);
}

function applyAbsence(absence: AbsenceDefinition, draft: Draft, grid: Grid): void {
  const from = stepAtOrAfter(grid, toMs(absence.start));
  const to = stepAtOrAfter(grid, toMs(absence.end));
  if (draft.labels.__name__ === 'up') {
    // Prometheus records `up` at every scrape, failed or not: 0 when the scrape failed (the one
    // series that says why the rest is gone), 1 when only some samples were missing.
    if (absence.targetDown === true) draft.values.fill(0, from, to);
    return;
  }
  draft.present ??= new Uint8Array(grid.steps).fill(1);
  draft.present.fill(0, from, to);
}

function pack(draft: Draft, grid: Grid): RawSeries {
  const { present } = draft;
  if (present === null) {
    // Series without gaps share the grid's one timestamps array (half the memory of a long
    // scenario in the browser); consumers treat sample arrays as read-only and never transfer them.
    return {
      family: draft.family,
      labels: draft.labels,
      timestamps: grid.timestamps,
      values: draft.values,
    };
  }
  let count = 0;
  for (const flag of present) count += flag;
  const timestamps = new Float64Array(count);
  const values = new Float64Array(count);
  let j = 0;
  for (let k = 0; k < grid.steps; k++) {
    if (present[k] !== 1) continue;
    timestamps[j] = grid.timestamps[k] ?? 0;
    values[j] = draft.values[k] ?? 0;
    j++;
  }
  return { family: draft.family, labels: draft.labels, timestamps, values };
}

/** `targetLabels` go on every series, as a scrape config's relabelling adds them (`cluster`). */
export function createSeriesSink(grid: Grid, targetLabels: Labels = {}): SeriesSink {
  const families = new Map<string, MetricFamily>();
  const drafts: Draft[] = [];
  return {
    family(name, type, help) {
      if (!families.has(name)) families.set(name, { name, type, help });
    },
    add(family, labels, values, present) {
      if (!families.has(family)) throw new Error(`series of undeclared family ${family}`);
      drafts.push({
        family,
        labels: { ...labels, ...targetLabels },
        values,
        present: present ?? null,
      });
    },
    finish(absences) {
      for (const draft of drafts) {
        for (const absence of absences) {
          if (matches(absence, draft)) applyAbsence(absence, draft, grid);
        }
      }
      const series = drafts
        .map((draft) => pack(draft, grid))
        .filter((s) => s.timestamps.length > 0);
      return { families: [...families.values()], series };
    },
  };
}
