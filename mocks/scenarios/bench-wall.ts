/**
 * For `npm run bench:wall`: two ordinary days back to back, the quiet scenario's day and the day
 * before it with the same changes at the same hours. A wall screen that runs from the afternoon
 * of the first day to the same hour of the second sees the same kind of picture at the start
 * and at the end of its 24 hours, so anything it holds on to shows as growth, not as a
 * different page.
 *
 * The data begin a day earlier still, on the morning of 2 June, with the same changes again: the
 * incident analysis reads the change sources over its look-back (24 h) before the wall's 6 hours,
 * so from the first refresh it asks for 30 hours. Had the data begun inside that range, every
 * answer would hold a few more samples than the one before until the range was full of data,
 * and the wall would seem to grow by about 1.5 KB of heap a refresh for most of the run; had
 * that day no changes, the look-back would hold fewer changes' series at the start than at the
 * end.
 */

import type { ChangeDefinition } from '../scenario/definition';
import { defineScenario } from '../scenario/define-scenario';
import { scenarioQuiet } from './quiet-day';

const DAY_MS = 86_400_000;

function daysBefore(change: ChangeDefinition, days: number, tag: string): ChangeDefinition {
  const time = new Date(Date.parse(change.time) - days * DAY_MS)
    .toISOString()
    .replace('.000Z', 'Z');
  if (change.kind === 'deploy') {
    return {
      ...change,
      time,
      version: `${change.version}-${tag}`,
      title: `${change.title} (${tag})`,
    };
  }
  return { ...change, time };
}

/** The first day's scale-up is undone overnight, so the next day starts where that one did. */
function scaleBackAt(time: string): ChangeDefinition {
  return {
    time,
    kind: 'scale',
    service: 'api',
    from: 48,
    to: 40,
    title: 'Scale api back for the night',
    author: 'api-team',
  };
}

const dayBeforeFirst = scenarioQuiet.changes.map((change) => daysBefore(change, 2, 'beta'));
const firstDay = scenarioQuiet.changes.map((change) => daysBefore(change, 1, 'rc'));

export const scenarioBenchWall = defineScenario({
  ...scenarioQuiet,
  id: 'bench-wall',
  title: 'Bench · Quiet days for a wall screen',
  summary: 'The quiet day three times: the same changes at the same hours on 2, 3 and 4 June 2024.',
  window: { start: '2024-06-02T07:00:00Z', end: '2024-06-04T16:00:00Z' },
  scrapeIntervalSeconds: 30,
  changes: [
    ...dayBeforeFirst,
    scaleBackAt('2024-06-02T22:00:00Z'),
    ...firstDay,
    scaleBackAt('2024-06-03T22:00:00Z'),
    ...scenarioQuiet.changes,
  ],
});
