/**
 * What the seed scenarios share: the services that appear in several of them with the same
 * request profile (the ChatGPT web backend and the public API), the US daily cycle of their
 * users and a cluster's control-plane rates. Each scenario states its own size and versions and
 * overrides whatever else differs there.
 */

import type { HttpProfile, ScenarioSpec, ServiceDefinition } from '../scenario/definition';

/** What a scenario says about a shared service; `http` overrides parts of the shared profile. */
export interface SharedServiceOverrides extends Omit<
  ServiceDefinition,
  'name' | 'namespace' | 'workload' | 'instances' | 'http'
> {
  readonly replicas: number;
  /** Default 2. */
  readonly instances?: number;
  readonly http: Pick<HttpProfile, 'requestsPerSecond'> & Partial<HttpProfile>;
}

type SharedProfile = Omit<HttpProfile, 'requestsPerSecond'>;

function sharedService(
  name: string,
  profile: SharedProfile,
  { http, instances = 2, ...rest }: SharedServiceOverrides,
): ServiceDefinition {
  return {
    name,
    namespace: name,
    workload: 'Deployment',
    instances,
    ...rest,
    http: { ...profile, ...http },
  };
}

/** Conversational traffic: fast answers, few errors, some 404s from stale links. */
const CHATGPT_HTTP: SharedProfile = {
  latencyMedianSeconds: 0.18,
  latencySigma: 0.7,
  errorRatio: 0.002,
  notFoundRatio: 0.01,
};

/** API clients: slower, more varied requests, and more 404s from clients probing. */
const API_HTTP: SharedProfile = {
  latencyMedianSeconds: 0.25,
  latencySigma: 0.8,
  errorRatio: 0.003,
  notFoundRatio: 0.02,
};

/** The ChatGPT web backend (namespace and service `chatgpt`). */
export function chatgptService(overrides: SharedServiceOverrides): ServiceDefinition {
  return sharedService('chatgpt', CHATGPT_HTTP, overrides);
}

/** The public API (namespace and service `api`). */
export function apiService(overrides: SharedServiceOverrides): ServiceDefinition {
  return sharedService('api', API_HTTP, overrides);
}

/**
 * Traffic peaking at 14:00 US Pacific time, the users' afternoon: 22:00 UTC in winter (PST),
 * 21:00 UTC in summer (PDT).
 */
export function usAfternoonTraffic(
  pacificTime: 'PST' | 'PDT',
  dailyAmplitude = 0.3,
): ScenarioSpec['traffic'] {
  return { peakUtcHour: pacificTime === 'PST' ? 22 : 21, dailyAmplitude };
}

/** A production cluster's control plane at its usual load, unless the scenario says otherwise. */
export function productionCluster(
  name: string,
  load: Partial<Omit<ScenarioSpec['cluster'], 'name'>> = {},
): ScenarioSpec['cluster'] {
  return { name, apiserverRequestsPerSecond: 400, dnsResponsesPerSecond: 1500, ...load };
}
