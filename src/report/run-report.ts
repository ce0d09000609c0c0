/**
 * The report's work in Node: the analysis plan's queries sent to Prometheus through the same
 * client and scheduler as the browser's (four at a time, transient failures retried with
 * backoff), the files read, and the answers analysed by the same code as the impact strip.
 */

import { analyzeAnswers, planAnalysis, planQueries, type Answer } from '../dashboard/analysis-plan';
import type { IncidentAnalysis } from '../domain/incident-analysis';
import type { ReportError } from '../domain/incident-report';
import { instantQuery, queryRange, type QueryOutcome, type RangeQuery } from '../prometheus/client';
import { createRequestScheduler } from '../prometheus/scheduler';
import type { FoundEvents } from '../sources/change-sources';
import type { ReportOptions } from './report-args';
import { loadDashboard, loadEvents } from './report-inputs';

/** Prometheus could not be asked at all: nothing to report. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

const key = (q: RangeQuery) => JSON.stringify([q.expr, q.startMs, q.endMs, q.stepSeconds]);

async function settle<T>(promise: Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * A file on the command line stands in for the dashboard's own status page or events file; the
 * dashboard's is fetched when it is an http(s) URL, and is an error when it is a path on the
 * web server the dashboard is served from.
 */
async function locationAnswer(
  given: FoundEvents | null,
  configured: string | null,
  flag: '--events' | '--statuspage',
): Promise<Answer<FoundEvents> | undefined> {
  if (given !== null) return { ok: true, value: given };
  if (configured === null) return undefined;
  if (/^https?:\/\//i.test(configured)) return settle(loadEvents(flag, configured));
  const message = `${configured} is a path on the dashboard's web server; pass ${flag} FILE`;
  return { ok: false, error: new Error(message) };
}

export async function runReport(
  options: ReportOptions,
): Promise<{ analysis: IncidentAnalysis; errors: ReportError[] }> {
  const endpoint = { url: options.prometheus };
  const dashboard = await loadDashboard(options.dashboard);
  const events = options.events === null ? null : await loadEvents('--events', options.events);
  const statuspage =
    options.statuspage === null ? null : await loadEvents('--statuspage', options.statuspage);

  // One cheap query first, so a wrong address fails at once rather than after every retry.
  try {
    await instantQuery(endpoint, { expr: 'vector(1)', timeMs: options.toMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnreachableError(`cannot query Prometheus at ${options.prometheus}: ${message}`);
  }

  const plan = planAnalysis({
    dashboard,
    range: { startMs: options.fromMs, endMs: options.toMs },
    lookbackMs: options.lookbackMs,
  });
  const scheduler = createRequestScheduler({ maxInFlight: 4, maxAttempts: 3 });
  const answers = new Map<string, Answer<QueryOutcome>>();
  await Promise.all(
    planQueries(plan).map(async (query) => {
      const k = key(query);
      if (answers.has(k)) return;
      answers.set(
        k,
        await settle(scheduler.run(k, (signal) => queryRange(endpoint, query, signal))),
      );
    }),
  );

  const { analysis, errors } = analyzeAnswers(
    {
      ...plan,
      statuspageUrl: options.statuspage ?? plan.statuspageUrl,
      eventsFileUrl: options.events ?? plan.eventsFileUrl,
    },
    {
      query: (query) => answers.get(key(query)),
      statuspage: await locationAnswer(statuspage, plan.statuspageUrl, '--statuspage'),
      eventsFile: await locationAnswer(events, plan.eventsFileUrl, '--events'),
    },
  );
  return { analysis, errors };
}
