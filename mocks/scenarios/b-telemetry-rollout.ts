/**
 * Scenario B (seed 002_0cf68b3093f5dedb, Dec 2024): a new telemetry configuration rolled out to an
 * agent on every node makes resource-intensive API calls; the Kubernetes API servers climb from
 * 23:12 UTC, DNS-based service discovery fails as caches expire from 23:16, every product
 * degrades; substantial recovery at 01:36 (API) / 01:45 (ChatGPT), full at 03:01 / 03:38.
 * No application was deployed at the trigger: the fleet-wide infrastructure change is the suspect.
 *
 * Times the seed gives (UTC = PST + 8): 23:12 rollout, 23:16 degradation, 01:36 / 01:45
 * substantial recovery, 03:01 (ChatGPT) / 03:38 (API) full recovery.
 * Times chosen here: an unrelated sora deploy at 20:05; the API-server load ramps from 23:12:30
 * as agents start; the control plane is relieved from 01:20 (telemetry removed); the API
 * server's own scrape times out 00:05–00:20 (a blind spot); status page 23:24 investigating,
 * 23:53 identified, 01:50 monitoring, 03:45 resolved; the control-plane alert fires at 23:14:30,
 * before any user-facing one (the postmortem says it was detected minutes before customers).
 * The "new telemetry service" is modelled as a new revision of the existing node-telemetry
 * DaemonSet, so the rollout is a generation step (a brand-new object has no "before" value).
 */

import { defineScenario } from '../scenario/define-scenario';
import { addMinutes } from '../scenario/time';
import {
  apiService,
  chatgptService,
  productionCluster,
  usAfternoonTraffic,
} from './common-services';

const services = ['chatgpt', 'api', 'sora'];
const controlPlane = { start: '2024-12-11T23:12:30Z', end: '2024-12-12T01:20:00Z' };
/** Share of requests failing, per service, while DNS caches run dry and refill. */
function failing(substantial: string, full: string): readonly (readonly [string, number])[] {
  return [
    ['2024-12-11T23:16:00Z', 0],
    ['2024-12-11T23:21:00Z', 0.7],
    [substantial, 0.7],
    [addMinutes(substantial, 9), 0.06],
    [full, 0.03],
    [addMinutes(full, 4), 0],
  ];
}

export const scenarioB = defineScenario({
  id: 'b',
  title: 'B · Telemetry rollout overwhelms the Kubernetes API servers (Dec 2024)',
  summary:
    'A telemetry DaemonSet rollout at 23:12 floods the API servers with LIST calls: request ' +
    'rate, in-flight requests, latency and 429s climb first; from 23:16 DNS lookups fail as ' +
    'caches expire and chatgpt, api and sora answer 503. Substantial recovery 01:36–01:45, full ' +
    'recovery 03:01–03:38.',
  seed: 2024_12_11,
  window: { start: '2024-12-11T18:00:00Z', end: '2024-12-12T06:00:00Z' },
  impactStart: '2024-12-11T23:16:00Z',
  scrapeIntervalSeconds: 15,
  traffic: usAfternoonTraffic('PST'),
  cluster: productionCluster('prod-us-central-1', {
    apiserverRequestsPerSecond: 600,
    dnsResponsesPerSecond: 2500,
  }),
  services: [
    chatgptService({
      replicas: 120,
      version: 'v2024.12.10-2',
      http: { requestsPerSecond: 2500, latencyMedianSeconds: 0.2 },
    }),
    apiService({
      replicas: 90,
      version: 'v2.41.3',
      http: { requestsPerSecond: 1800, latencyMedianSeconds: 0.3 },
    }),
    {
      name: 'sora',
      namespace: 'sora',
      workload: 'Deployment',
      instances: 2,
      replicas: 30,
      version: 'v0.9.4',
      http: {
        requestsPerSecond: 300,
        latencyMedianSeconds: 0.4,
        latencySigma: 0.8,
        errorRatio: 0.004,
        notFoundRatio: 0.01,
      },
    },
    {
      name: 'node-telemetry',
      namespace: 'monitoring',
      workload: 'DaemonSet',
      instances: 2,
      version: 'v1.14.0',
      configmaps: ['node-telemetry-config'],
    },
  ],
  changes: [
    {
      time: '2024-12-11T20:05:00Z',
      kind: 'deploy',
      service: 'sora',
      version: 'v0.9.5',
      title: 'sora v0.9.5: storyboard fixes',
      author: 'deploy-bot',
    },
    {
      time: '2024-12-11T23:12:00Z',
      kind: 'deploy',
      service: 'node-telemetry',
      version: 'v1.15.0',
      title: 'node-telemetry v1.15.0: collect Kubernetes object metrics (fleet-wide)',
      author: 'observability-team',
      rolloutSeconds: 600,
    },
  ],
  faults: [
    {
      signal: 'apiserver_load',
      note: 'every node agent lists pods, nodes and endpoints over and over',
      verbs: ['LIST'],
      profile: { ...controlPlane, rampSeconds: 600, peak: 25, recoverySeconds: 900 },
    },
    {
      signal: 'apiserver_load',
      note: 'retries and re-watches of every client',
      profile: { ...controlPlane, rampSeconds: 900, peak: 2.5, recoverySeconds: 900 },
    },
    {
      signal: 'apiserver_latency',
      note: 'an overloaded control plane',
      profile: {
        start: '2024-12-11T23:13:00Z',
        end: controlPlane.end,
        rampSeconds: 600,
        peak: 40,
        recoverySeconds: 900,
      },
    },
    {
      signal: 'apiserver_throttle',
      note: 'API Priority and Fairness sheds load with 429',
      profile: {
        start: '2024-12-11T23:14:00Z',
        end: controlPlane.end,
        rampSeconds: 300,
        peak: 0.35,
        recoverySeconds: 900,
      },
    },
    {
      signal: 'apiserver_errors',
      note: 'timeouts inside the API server',
      profile: {
        start: '2024-12-11T23:15:00Z',
        end: controlPlane.end,
        rampSeconds: 300,
        peak: 0.05,
        recoverySeconds: 900,
      },
    },
    {
      signal: 'dns_servfail',
      note: 'CoreDNS cannot refresh endpoints from the API server; caches expire one by one',
      profile: {
        keyframes: [
          ['2024-12-11T23:16:00Z', 0],
          ['2024-12-11T23:20:00Z', 0.55],
          ['2024-12-12T01:36:00Z', 0.55],
          ['2024-12-12T01:45:00Z', 0.05],
          ['2024-12-12T03:38:00Z', 0.02],
          ['2024-12-12T03:42:00Z', 0],
        ],
      },
    },
    {
      signal: 'error_ratio',
      note: 'api cannot resolve its dependencies',
      services: ['api'],
      code: '503',
      profile: { keyframes: failing('2024-12-12T01:36:00Z', '2024-12-12T03:38:00Z') },
    },
    ...['chatgpt', 'sora'].map((service) => ({
      signal: 'error_ratio' as const,
      note: `${service} cannot resolve its dependencies`,
      services: [service],
      code: '503' as const,
      profile: { keyframes: failing('2024-12-12T01:45:00Z', '2024-12-12T03:01:00Z') },
    })),
    {
      signal: 'latency',
      note: 'lookups time out before failing over',
      services,
      share: 0.4,
      profile: {
        start: '2024-12-11T23:16:00Z',
        end: '2024-12-12T01:40:00Z',
        rampSeconds: 300,
        peak: 5,
        recoverySeconds: 900,
      },
    },
  ],
  absences: [
    {
      reason: 'the overloaded API server does not answer its own /metrics scrape',
      job: 'apiserver',
      start: '2024-12-12T00:05:00Z',
      end: '2024-12-12T00:20:00Z',
      targetDown: true,
    },
  ],
  alerts: [
    {
      alertname: 'KubeAPIServerOverloaded',
      annotations: {
        summary: 'The Kubernetes API server rejects and queues requests (APF)',
        runbook_url: 'https://runbooks.example.com/alerts/KubeAPIServerOverloaded',
      },
      severity: 'critical',
      forSeconds: 60,
      firing: [{ start: '2024-12-11T23:14:30Z', end: '2024-12-12T01:40:00Z' }],
    },
    {
      alertname: 'CoreDNSErrorsHigh',
      annotations: {
        summary: 'CoreDNS answers SERVFAIL for more than 1% of queries',
        runbook_url: 'https://runbooks.example.com/alerts/CoreDNSErrorsHigh',
      },
      severity: 'critical',
      namespace: 'kube-system',
      forSeconds: 60,
      firing: [{ start: '2024-12-11T23:18:00Z', end: '2024-12-12T01:48:00Z' }],
    },
    ...services.map((service) => ({
      alertname: 'HTTPErrorRateHigh',
      annotations: {
        summary: 'More than 5% of requests fail',
        runbook_url: 'https://runbooks.example.com/alerts/HTTPErrorRateHigh',
      },
      severity: 'critical' as const,
      namespace: service,
      service,
      forSeconds: 60,
      firing: [
        {
          start: '2024-12-11T23:18:30Z',
          end: service === 'api' ? '2024-12-12T01:47:00Z' : '2024-12-12T01:56:00Z',
        },
      ],
    })),
  ],
  statuspage: [
    {
      name: 'API, ChatGPT & Sora Facing Issues',
      impact: 'critical',
      updates: [
        {
          at: '2024-12-11T23:24:00Z',
          status: 'investigating',
          body: 'We are currently experiencing an issue with high error rates on API, ChatGPT and Sora. We are investigating.',
        },
        {
          at: '2024-12-11T23:53:00Z',
          status: 'identified',
          body: 'We have identified the issue and are working on a fix.',
        },
        {
          at: '2024-12-12T01:50:00Z',
          status: 'monitoring',
          body: 'Traffic is recovering; we are monitoring as services return to normal.',
        },
        {
          at: '2024-12-12T03:45:00Z',
          status: 'resolved',
          body: 'All services have fully recovered.',
        },
      ],
    },
  ],
  reviewIncidents: [
    {
      title: 'Control-plane overload from the node-telemetry rollout',
      start: '2024-12-11T23:16:00Z',
      end: '2024-12-12T03:38:00Z',
      severity: 'critical',
      phases: [
        { status: 'investigating', time: '2024-12-11T23:16:00Z' },
        { status: 'identified', time: '2024-12-11T23:53:00Z' },
        { status: 'monitoring', time: '2024-12-12T01:45:00Z' },
        { status: 'resolved', time: '2024-12-12T03:38:00Z' },
      ],
    },
  ],
});
