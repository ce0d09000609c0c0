import { PrometheusError, isTransient } from './errors';

/**
 * The page's request scheduler, so that a dashboard of many panels stays gentle with
 * Prometheus: a few requests at a time, each distinct request once, nothing for a hidden page,
 * nothing for a range nobody looks at any more, and patience when the server says it is busy.
 */

/** Whether the page is hidden; the scheduler asks instead of reading `document` itself. */
export interface VisibilitySource {
  isHidden(): boolean;
  /** Calls `listener` when visibility changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export function documentVisibility(doc: Document): VisibilitySource {
  return {
    isHidden: () => doc.visibilityState === 'hidden',
    onChange: (listener) => {
      doc.addEventListener('visibilitychange', listener);
      return () => {
        doc.removeEventListener('visibilitychange', listener);
      };
    },
  };
}

/**
 * What a request is for, most urgent first: the series a panel draws, then what is drawn on
 * top of them or around them (change markers, variable values), then the analysis that
 * ranks changes against the impact. A free slot goes to the most urgent request waiting,
 * so a dashboard's charts do not queue behind the dozens of queries its analysis sends.
 */
export type RequestPriority = 'panel' | 'context' | 'analysis';

const RANK: Readonly<Record<RequestPriority, number>> = { panel: 0, context: 1, analysis: 2 };

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** `panel` when absent. */
  readonly priority?: RequestPriority;
  /**
   * Runs of one group (default: the key) ask the same thing over ranges that move, such as a
   * panel's query on each live refresh: while the group's last run failed, a new one is not
   * retried.
   */
  readonly group?: string;
}

export interface RequestScheduler {
  /**
   * Runs `task` when a slot is free, the page is visible and nothing more urgent waits;
   * callers with the same `key` share one run, as urgent as its most urgent caller. `task`
   * gets a signal that aborts once every caller's `signal` has aborted.
   */
  run<T>(key: string, task: (signal: AbortSignal) => Promise<T>, options?: RunOptions): Promise<T>;
  /**
   * Someone asked for fresh data by hand (`r`): during an outage the next request probes now
   * instead of being answered with the outage until the next probe is due.
   */
  probeNow(): void;
  /** Tasks running now. */
  readonly inFlight: number;
  /** Tasks waiting: for a slot, for the page to be shown, or for a backoff to end. */
  readonly queued: number;
}

export interface RequestSchedulerOptions {
  /** Requests running at once; browsers allow 6 per host, leave some for everything else. */
  readonly maxInFlight?: number;
  readonly visibility?: VisibilitySource;
  /** In [0, 1): the jitter source. */
  readonly random?: () => number;
  /** Tries per task, the first one included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** The clock behind Retry-After deadlines; must agree with `setTimeout`. */
  readonly now?: () => number;
}

const ALWAYS_VISIBLE: VisibilitySource = { isHidden: () => false, onChange: () => () => undefined };

interface Caller {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

interface Job {
  readonly key: string;
  readonly group: string;
  readonly task: (signal: AbortSignal) => Promise<unknown>;
  readonly controller: AbortController;
  readonly callers: Set<Caller>;
  state: 'queued' | 'running' | 'backoff' | 'done';
  /** `RANK` of its most urgent caller. */
  rank: number;
  attempts: number;
  timer?: ReturnType<typeof setTimeout>;
  /** `answered` when this job first found the server down. */
  answeredAtDown?: number;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * A server that refuses connections or answers 503 without a Retry-After is down for every
 * query, not for one: the scheduler then sends one probe at a time instead of every panel's
 * retries, so an outage costs Prometheus (and whatever restarts it) less than normal traffic.
 * Unless another query is answered meanwhile: then the fault is that one query's (a proxy in
 * front of one shard, one slow backend) and it fails alone.
 */
function meansServerDown(error: unknown): error is PrometheusError {
  if (!(error instanceof PrometheusError)) return false;
  return error.kind === 'network' || (error.kind === 'unavailable' && !error.retryAfterSeconds);
}

interface Outage {
  readonly error: PrometheusError;
  /** Until then, queued requests fail at once with `error` and nothing is sent. */
  readonly untilMs: number;
  readonly delayMs: number;
}

function canceled(): PrometheusError {
  return new PrometheusError('canceled', 'Request canceled');
}

export function createRequestScheduler(options: RequestSchedulerOptions = {}): RequestScheduler {
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const visibility = options.visibility ?? ALWAYS_VISIBLE;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const now = options.now ?? Date.now;

  const jobs = new Map<string, Job>();
  /** Most urgent first; first come first within one priority. */
  const waiting: Job[] = [];
  let running = 0;
  // Retry-After speaks for the server, not one query: until then, nothing new is sent.
  let pausedUntilMs = 0;
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching: (() => void) | undefined;
  /** The one job whose answer decides whether the server is down; the rest wait for it. */
  let probe: Job | null = null;
  let outage: Outage | null = null;
  /** Requests answered so far: one answered after a job found the server down clears it. */
  let answered = 0;
  /**
   * Groups whose last run failed on a transient error, after its retries. A failing query is
   * then not retried, and is sent again only once its wait is over (1 s, doubling to 30 s);
   * before that, its runs are answered with its error, unsent. A panel refreshing through a long
   * fault of its own so costs less than when it is answered, and the other panels nothing.
   */
  const failingGroups = new Map<string, Outage>();

  /**
   * Behind every job as urgent as it, or, for a job back from its backoff, ahead of them: it
   * was asked for before anything queued since.
   */
  function enqueue(job: Job, place: 'last' | 'first'): void {
    const index = waiting.findIndex((other) =>
      place === 'last' ? other.rank > job.rank : other.rank >= job.rank,
    );
    waiting.splice(index === -1 ? waiting.length : index, 0, job);
  }

  /** Subscribed only while something waits for the page, so an idle scheduler holds nothing. */
  function waitUntilShown(): void {
    stopWatching ??= visibility.onChange(() => {
      if (visibility.isHidden()) return;
      stopWatching?.();
      stopWatching = undefined;
      pump();
    });
  }

  function pump(): void {
    if (waiting.length === 0 || running >= maxInFlight) return;
    if (visibility.isHidden()) {
      waitUntilShown();
      return;
    }
    const pauseLeftMs = pausedUntilMs - now();
    if (pauseLeftMs > 0) {
      resumeTimer ??= setTimeout(() => {
        resumeTimer = undefined;
        pump();
      }, pauseLeftMs);
      return;
    }
    if (probe !== null) {
      // Back from its backoff: the probe goes first and alone.
      if (probe.state === 'queued') {
        waiting.splice(waiting.indexOf(probe), 1);
        start(probe);
      }
      return;
    }
    if (outage !== null) {
      if (now() < outage.untilMs) {
        failWaiting(outage.error);
        return;
      }
      const job = waiting.shift();
      if (job === undefined) return;
      probe = job;
      start(job);
      return;
    }
    while (running < maxInFlight) {
      const job = waiting.shift();
      if (job === undefined) return;
      const failing = failingGroups.get(job.group);
      if (failing !== undefined && now() < failing.untilMs) {
        job.state = 'running';
        running += 1;
        finish(job, { ok: false, error: failing.error });
      } else start(job);
    }
  }

  /** During an outage, what waits is answered with the outage's error without being sent. */
  function failWaiting(error: PrometheusError): void {
    for (const job of waiting.splice(0)) {
      job.state = 'running';
      running += 1;
      finish(job, { ok: false, error });
    }
  }

  function start(job: Job): void {
    job.state = 'running';
    job.attempts += 1;
    running += 1;
    // The executor turns a task that throws instead of rejecting into a rejection.
    const attempt = new Promise((resolve) => {
      resolve(job.task(job.controller.signal));
    });
    attempt.then(
      (value) => {
        // Anything but 'running' means every caller left while it ran: nobody to tell.
        if (job.state === 'running') finish(job, { ok: true, value });
      },
      (error: unknown) => {
        if (job.state === 'running') retryOrFail(job, error);
      },
    );
  }

  /** Full jitter spreads retries of many panels apart; Retry-After is a floor, not a hint. */
  function retryDelayMs(job: Job, error: unknown): number | undefined {
    if (!(error instanceof PrometheusError) || !isTransient(error)) return undefined;
    // Out of the client's own time, a query would take as long again: the panel says so now,
    // and its next refresh is the retry. A gateway's 504 may come at once, and is retried.
    if (error.kind === 'timeout' && error.httpStatus === undefined) return undefined;
    if (job.attempts >= maxAttempts || failingGroups.has(job.group)) return undefined;
    const ceilingMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (job.attempts - 1));
    return Math.max(random() * ceilingMs, (error.retryAfterSeconds ?? 0) * 1000);
  }

  function retryOrFail(job: Job, error: unknown): void {
    if (error instanceof PrometheusError && isTransient(error) && error.retryAfterSeconds) {
      pausedUntilMs = Math.max(pausedUntilMs, now() + error.retryAfterSeconds * 1000);
    }
    if (meansServerDown(error)) job.answeredAtDown ??= answered;
    // A query failing since before says nothing new about the server, unless it probes an outage.
    const serverDown =
      meansServerDown(error) &&
      (failingGroups.has(job.group)
        ? probe === job && outage !== null
        : job.answeredAtDown === answered);
    // The first to find the server down probes it; the others wait for its answer.
    if (serverDown && probe === null) probe = job;
    const delayMs = retryDelayMs(job, error);
    if (delayMs === undefined) {
      if (serverDown && probe === job) {
        const nextMs = Math.min(maxDelayMs, (outage?.delayMs ?? baseDelayMs / 2) * 2);
        outage = { error, untilMs: now() + nextMs, delayMs: nextMs };
      }
      finish(job, { ok: false, error });
      return;
    }
    // A backoff holds no slot: other requests go ahead while this one waits.
    running -= 1;
    job.state = 'backoff';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      job.state = 'queued';
      enqueue(job, 'first');
      pump();
    }, delayMs);
    pump();
  }

  function finish(job: Job, outcome: Outcome): void {
    if (!outcome.ok && outcome.error instanceof PrometheusError && isTransient(outcome.error)) {
      // Answered unsent, by an outage or the group's own wait: that wait stays as it was.
      const before = failingGroups.get(job.group);
      if (job.attempts > 0 || before === undefined) {
        const delayMs = Math.min(maxDelayMs, (before?.delayMs ?? baseDelayMs / 2) * 2);
        failingGroups.set(job.group, { error: outcome.error, untilMs: now() + delayMs, delayMs });
      }
    }
    if (outcome.ok) {
      failingGroups.delete(job.group);
      answered += 1;
      if (probe === job) outage = null;
      // The server answers: a probe still retrying before any outage was declared is only
      // one query failing, and the queries held behind it go ahead.
      else if (probe !== null && outage === null) probe = null;
    }
    release(job);
    for (const caller of job.callers) {
      caller.detach();
      if (outcome.ok) caller.resolve(outcome.value);
      else caller.reject(outcome.error);
    }
    job.callers.clear();
    pump();
  }

  /** Takes the job out of every structure; its key is free for a new job at once. */
  function release(job: Job): void {
    if (jobs.get(job.key) === job) jobs.delete(job.key);
    if (probe === job) probe = null;
    if (job.state === 'running') running -= 1;
    if (job.state === 'queued') waiting.splice(waiting.indexOf(job), 1);
    clearTimeout(job.timer);
    job.state = 'done';
  }

  /** The last caller gone: a queued job never reaches the network, a running one is aborted. */
  function leave(job: Job, caller: Caller): void {
    caller.detach();
    job.callers.delete(caller);
    if (job.callers.size > 0 || job.state === 'done') return;
    release(job);
    job.controller.abort();
    pump();
  }

  return {
    run<T>(key: string, task: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}) {
      const { signal, group = key } = options;
      const rank = RANK[options.priority ?? 'panel'];
      if (signal?.aborted) return Promise.reject(canceled());
      return new Promise<T>((resolve, reject) => {
        let job = jobs.get(key);
        if (job === undefined) {
          job = {
            key,
            group,
            task,
            controller: new AbortController(),
            callers: new Set(),
            state: 'queued',
            rank,
            attempts: 0,
          };
          jobs.set(key, job);
          enqueue(job, 'last');
        } else if (rank < job.rank) {
          // A more urgent caller joins: the shared run moves up with it.
          job.rank = rank;
          if (job.state === 'queued') {
            waiting.splice(waiting.indexOf(job), 1);
            enqueue(job, 'last');
          }
        }
        const shared = job;
        const onAbort = () => {
          leave(shared, caller);
          reject(canceled());
        };
        const caller: Caller = {
          // Callers of one key ask for the same thing, so the shared result has their type.
          resolve: (value) => {
            resolve(value as T);
          },
          reject,
          detach: () => {
            signal?.removeEventListener('abort', onAbort);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        shared.callers.add(caller);
        pump();
      });
    },
    probeNow() {
      if (outage !== null) outage = { ...outage, untilMs: 0 };
      for (const [group, failing] of failingGroups) {
        failingGroups.set(group, { ...failing, untilMs: 0 });
      }
    },
    get inFlight() {
      return running;
    },
    get queued() {
      return jobs.size - running;
    },
  };
}
