/**
 * The declarative shape of an incident scenario. A definition says what the world looked like
 * (services, their normal traffic), what changed (deploys, config and scale changes), what went
 * wrong (faults on named signals), what monitoring missed (absences), which alerts fired and what
 * the status page said — all at the real UTC dates. The engine turns it into raw samples; nothing
 * here is random, the seed makes the noise repeatable.
 */

/** An RFC 3339 UTC time such as `2024-01-30T00:19:00Z`. */
export type Rfc3339 = string;

export type ChangeKind = 'deploy' | 'config' | 'scale';

export interface HttpProfile {
  /** Mean request rate of the whole service over a day (the daily cycle swings around it). */
  readonly requestsPerSecond: number;
  /** Median and log-space spread of a normal request's duration (a log-normal distribution). */
  readonly latencyMedianSeconds: number;
  readonly latencySigma: number;
  /** Share of requests answered 5xx (as `500`) on a good day. */
  readonly errorRatio: number;
  /** Share of the remaining requests answered `404`. */
  readonly notFoundRatio: number;
  /** Histogram bucket bounds (`le`) in seconds, ascending; `+Inf` is added. Default 0.005…10. */
  readonly buckets?: readonly number[];
}

export interface QueueProfile {
  readonly name: string;
  /** Typical number of jobs waiting, and typical age of the oldest, on a good day. */
  readonly depth: number;
  readonly oldestAgeSeconds: number;
  /**
   * Service whose scrape target exports the queue gauges (a separate health monitor, as in C);
   * default: the service itself.
   */
  readonly exportedBy?: string;
}

export interface ServiceDefinition {
  /** The `service` label, the workload's name and the `job`; unique in a scenario. */
  readonly name: string;
  readonly namespace: string;
  readonly workload: 'Deployment' | 'DaemonSet' | 'StatefulSet';
  /**
   * Scrape targets modelled (the `instance` label). A real fleet has more pods; a few targets keep
   * the series count small enough for the browser while rates stay per service.
   */
  readonly instances: number;
  /** `spec.replicas` of a Deployment at the start of the window (required for Deployments only). */
  readonly replicas?: number;
  /** Version running at the start of the window (`app_build_info{version}`). */
  readonly version: string;
  /** ConfigMaps the service reads; each gets a `kube_configmap_metadata_resource_version`. */
  readonly configmaps?: readonly string[];
  /** Absent for services that serve no HTTP traffic of their own (agents, workers, monitors). */
  readonly http?: HttpProfile;
  readonly queue?: QueueProfile;
}

interface ChangeCommon {
  readonly time: Rfc3339;
  /** Name of the service (see `ServiceDefinition.name`); its namespace comes from there. */
  readonly service: string;
  readonly title: string;
  readonly author?: string;
}

export interface DeployChange extends ChangeCommon {
  readonly kind: 'deploy';
  readonly version: string;
  /** Time for the new version to reach every scrape target; default 120 s. */
  readonly rolloutSeconds?: number;
}

export interface ConfigChange extends ChangeCommon {
  readonly kind: 'config';
  readonly configmap: string;
  /** The changed setting before and after, in words (`job timeout 5m`). */
  readonly from: string;
  readonly to: string;
}

export interface ScaleChange extends ChangeCommon {
  readonly kind: 'scale';
  /** `spec.replicas` before and after. */
  readonly from: number;
  readonly to: number;
}

export type ChangeDefinition = DeployChange | ConfigChange | ScaleChange;

/**
 * How a fault's strength moves over time. Values are in the unit of the fault's signal:
 * a multiplier (neutral 1) for latency, traffic, apiserver_load and apiserver_latency; a share of
 * requests (neutral 0) for error_ratio, apiserver_throttle, apiserver_errors and dns_servfail;
 * an addition (neutral 0) for queue_depth (jobs) and queue_age (seconds).
 */
export type FaultProfile =
  /** Neutral until `start`, linear ramp to `peak`, hold until `end`, linear recovery. */
  | {
      readonly start: Rfc3339;
      readonly rampSeconds: number;
      readonly peak: number;
      readonly end: Rfc3339;
      readonly recoverySeconds: number;
    }
  /** Linear between points; neutral outside them, so the first and last value must be neutral. */
  | { readonly keyframes: readonly (readonly [Rfc3339, number])[] };

export type HttpErrorCode = '500' | '503' | '504';
export type ApiVerb = 'GET' | 'LIST' | 'WATCH' | 'PATCH' | 'PUT' | 'POST';

interface FaultCommon {
  /** What this fault stands for in the story, for readers of the definition. */
  readonly note: string;
  readonly profile: FaultProfile;
}

export type FaultDefinition = FaultCommon &
  (
    | {
        readonly signal: 'error_ratio';
        readonly services: readonly string[];
        readonly code: HttpErrorCode;
        /** How long the failing requests take (e.g. a timeout); default: as normal requests. */
        readonly failLatencySeconds?: number;
      }
    | {
        readonly signal: 'latency';
        readonly services: readonly string[];
        /** Share of requests that are slowed (by the profile's multiplier). */
        readonly share: number;
      }
    | {
        readonly signal: 'traffic' | 'queue_depth' | 'queue_age';
        readonly services: readonly string[];
      }
    | { readonly signal: 'apiserver_load'; readonly verbs?: readonly ApiVerb[] }
    | {
        readonly signal:
          'apiserver_latency' | 'apiserver_throttle' | 'apiserver_errors' | 'dns_servfail';
      }
  );

export type FaultSignal = FaultDefinition['signal'];

/** A blind spot: samples of a scrape job that are missing for a while. */
export interface AbsenceDefinition {
  readonly reason: string;
  readonly start: Rfc3339;
  readonly end: Rfc3339;
  /** The scrape job (a service name, `apiserver`, `coredns` or `kube-state-metrics`). */
  readonly job: string;
  /**
   * Only these sample names go missing (`queue_depth`); default: all of the job's samples. Never
   * `up`, which every scrape records (see `targetDown`).
   */
  readonly metrics?: readonly string[];
  /** The scrape itself failed: every sample of the job is missing and `up` reads 0. */
  readonly targetDown?: boolean;
}

export interface AlertDefinition {
  readonly alertname: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly namespace?: string;
  readonly service?: string;
  /** The rule's `for`: the alert is `pending` this long before each firing window. */
  readonly forSeconds: number;
  readonly firing: readonly { readonly start: Rfc3339; readonly end: Rfc3339 }[];
  /** The rule's annotations (`summary`, `runbook_url`…), which `/api/v1/alerts` lists. */
  readonly annotations?: Readonly<Record<string, string>>;
}

export type IncidentPhaseStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

/** One incident on the public status page (Statuspage v2). */
export interface StatusIncidentDefinition {
  readonly name: string;
  readonly impact: 'none' | 'minor' | 'major' | 'critical';
  /** When the page says the incident began; default: the first update. */
  readonly startedAt?: Rfc3339;
  /** In time order. */
  readonly updates: readonly {
    readonly at: Rfc3339;
    readonly status: IncidentPhaseStatus;
    readonly body: string;
  }[];
}

/** An incident written by hand for reviewers, published in the scenario's events file. */
export interface ReviewIncidentDefinition {
  readonly title: string;
  readonly start: Rfc3339;
  readonly end?: Rfc3339;
  readonly severity?: string;
  readonly phases?: readonly { readonly status: IncidentPhaseStatus; readonly time: Rfc3339 }[];
}

export interface ScenarioSpec {
  readonly id: string;
  readonly title: string;
  /** One paragraph: what happened and what the scenario should make obvious. */
  readonly summary: string;
  readonly seed: number;
  /** The real dates of the scenario's data. */
  readonly window: { readonly start: Rfc3339; readonly end: Rfc3339 };
  /** When users were first hurt; null when nothing happened. */
  readonly impactStart: Rfc3339 | null;
  /**
   * The real time that plays "now" when the scenario is shifted to look live; default: 20 minutes
   * after `impactStart`, or the end of the window when there is no impact.
   */
  readonly liveNow?: Rfc3339;
  readonly scrapeIntervalSeconds: number;
  /** Daily cycle of traffic: the UTC hour of the peak and the relative swing around the mean. */
  readonly traffic: { readonly peakUtcHour: number; readonly dailyAmplitude: number };
  readonly cluster: {
    /**
     * The `cluster` label of every series, as a Prometheus of many clusters gets it from its
     * scrape config's relabelling or a global view from external labels: `prod-us-east-1`.
     */
    readonly name: string;
    readonly apiserverRequestsPerSecond: number;
    readonly dnsResponsesPerSecond: number;
  };
  readonly services: readonly ServiceDefinition[];
  readonly changes: readonly ChangeDefinition[];
  readonly faults: readonly FaultDefinition[];
  readonly absences: readonly AbsenceDefinition[];
  readonly alerts: readonly AlertDefinition[];
  readonly statuspage: readonly StatusIncidentDefinition[];
  readonly reviewIncidents: readonly ReviewIncidentDefinition[];
}

/** A change as the product shows it: the flat, string-valued form of the events file. */
export interface ScenarioChange {
  readonly id: string;
  readonly time: Rfc3339;
  readonly kind: ChangeKind;
  readonly namespace: string;
  readonly service: string;
  readonly title: string;
  /** The version a deploy rolls out. */
  readonly version?: string;
  /** Before and after: previous → new version, setting, or replica count. */
  readonly from?: string;
  readonly to?: string;
  readonly author?: string;
}

export interface ScenarioDefinition extends ScenarioSpec {
  /** The changes in time order, derived from `changes` and `services`. */
  readonly timeline: readonly ScenarioChange[];
}
