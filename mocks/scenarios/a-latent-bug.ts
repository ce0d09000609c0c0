/**
 * Scenario A (seed 000_3082ce6765819b71, Jan 2024): a latent bug shipped in a backend deploy at
 * 22:33 UTC stays invisible until a ChatGPT deploy at 00:17 triggers it; two minutes later a large
 * share of requests fail or slow down; both services are rolled back from 00:28 and traffic has
 * recovered at 00:34. The nearest deploy is not the only suspect.
 *
 * Times the seed gives (UTC = PST + 8): 22:33 backend deploy, 00:17 ChatGPT deploy, 00:19 impact
 * and alerts, 00:22 root cause, 00:28 rollback starts, 00:34 recovered; status page 00:26, 00:29,
 * 00:30 investigating, 00:37 monitoring, 00:49 resolved.
 * Times chosen here: the api deploy at 19:42 (an unrelated third suspect); the ChatGPT rollback
 * starts at 00:30, two minutes after the backend's; alerts pend from 00:19:15 and fire at
 * 00:19:45 (`for: 30s`), and stop once the 2-minute rate windows are clean again.
 */

import { defineScenario } from '../scenario/define-scenario';
import {
  apiService,
  chatgptService,
  productionCluster,
  usAfternoonTraffic,
} from './common-services';

const impact = { start: '2024-01-30T00:19:00Z', end: '2024-01-30T00:30:00Z' };

export const scenarioA = defineScenario({
  id: 'a',
  title: 'A · Latent bug triggered by a second deploy (Jan 2024)',
  summary:
    'A backend deploy at 22:33 carries a latent routing bug; the ChatGPT deploy at 00:17 ' +
    'triggers it. From 00:19 about half the requests of chatgpt, api and backend fail and many ' +
    'are slow; both services are rolled back from 00:28 and traffic recovers at 00:34.',
  seed: 3082,
  window: { start: '2024-01-29T18:00:00Z', end: '2024-01-30T04:00:00Z' },
  impactStart: impact.start,
  scrapeIntervalSeconds: 15,
  traffic: usAfternoonTraffic('PST'),
  cluster: productionCluster('prod-us-east-1'),
  services: [
    chatgptService({ replicas: 48, version: 'v2024.01.26-3', http: { requestsPerSecond: 900 } }),
    {
      name: 'backend',
      namespace: 'backend',
      workload: 'Deployment',
      instances: 2,
      replicas: 32,
      version: 'v3.118.2',
      configmaps: ['backend-routing'],
      http: {
        requestsPerSecond: 1400,
        latencyMedianSeconds: 0.06,
        latencySigma: 0.6,
        errorRatio: 0.001,
        notFoundRatio: 0.005,
      },
    },
    apiService({ replicas: 40, version: 'v1.92.0', http: { requestsPerSecond: 700 } }),
  ],
  changes: [
    {
      time: '2024-01-29T19:42:00Z',
      kind: 'deploy',
      service: 'api',
      version: 'v1.93.0',
      title: 'api v1.93.0: usage export fields',
      author: 'deploy-bot',
    },
    {
      time: '2024-01-29T22:33:00Z',
      kind: 'deploy',
      service: 'backend',
      version: 'v3.119.0',
      title: 'backend v3.119.0: routing table refactor',
      author: 'deploy-bot',
    },
    {
      time: '2024-01-30T00:17:00Z',
      kind: 'deploy',
      service: 'chatgpt',
      version: 'v2024.01.29-1',
      title: 'chatgpt v2024.01.29-1',
      author: 'deploy-bot',
    },
    {
      time: '2024-01-30T00:28:00Z',
      kind: 'deploy',
      service: 'backend',
      version: 'v3.118.2',
      title: 'Rollback backend to v3.118.2',
      author: 'oncall',
      rolloutSeconds: 300,
    },
    {
      time: '2024-01-30T00:30:00Z',
      kind: 'deploy',
      service: 'chatgpt',
      version: 'v2024.01.26-3',
      title: 'Rollback chatgpt to v2024.01.26-3',
      author: 'oncall',
      rolloutSeconds: 240,
    },
  ],
  faults: [
    {
      signal: 'error_ratio',
      note: 'routing errors in the backend once the new ChatGPT release calls it',
      services: ['backend'],
      code: '500',
      profile: { ...impact, rampSeconds: 45, peak: 0.6, recoverySeconds: 240 },
    },
    {
      signal: 'error_ratio',
      note: 'user-facing failures of chatgpt and api',
      services: ['chatgpt', 'api'],
      code: '503',
      profile: { ...impact, rampSeconds: 60, peak: 0.5, recoverySeconds: 240 },
    },
    {
      signal: 'latency',
      note: 'retries make a large share of the remaining requests slow',
      services: ['chatgpt', 'api', 'backend'],
      share: 0.6,
      profile: { ...impact, rampSeconds: 60, peak: 8, recoverySeconds: 240 },
    },
  ],
  absences: [],
  alerts: [
    ...['chatgpt', 'api', 'backend'].map((service) => ({
      alertname: 'HTTPErrorRateHigh',
      annotations: {
        summary: 'More than 5% of requests fail',
        runbook_url: 'https://runbooks.example.com/alerts/HTTPErrorRateHigh',
      },
      severity: 'critical' as const,
      namespace: service,
      service,
      forSeconds: 30,
      firing: [{ start: '2024-01-30T00:19:45Z', end: '2024-01-30T00:35:30Z' }],
    })),
    {
      alertname: 'HTTPLatencyHigh',
      annotations: {
        summary: 'p99 latency is above 2 s',
        runbook_url: 'https://runbooks.example.com/alerts/HTTPLatencyHigh',
      },
      severity: 'warning',
      namespace: 'chatgpt',
      service: 'chatgpt',
      forSeconds: 60,
      firing: [{ start: '2024-01-30T00:20:30Z', end: '2024-01-30T00:35:00Z' }],
    },
  ],
  statuspage: [
    {
      name: 'Elevated errors affecting API and ChatGPT',
      impact: 'major',
      updates: [
        {
          at: '2024-01-30T00:26:00Z',
          status: 'investigating',
          body: 'We are currently investigating this issue.',
        },
        {
          at: '2024-01-30T00:29:00Z',
          status: 'investigating',
          body: 'We are continuing to investigate this issue.',
        },
        {
          at: '2024-01-30T00:30:00Z',
          status: 'investigating',
          body: 'We are continuing to investigate this issue.',
        },
        {
          at: '2024-01-30T00:37:00Z',
          status: 'monitoring',
          body: 'A fix has been implemented and we are monitoring the results.',
        },
        {
          at: '2024-01-30T00:49:00Z',
          status: 'resolved',
          body: 'This incident has been resolved.',
        },
      ],
    },
  ],
  reviewIncidents: [
    {
      title: 'Routing errors on API and ChatGPT after the chatgpt release',
      start: '2024-01-30T00:19:00Z',
      end: '2024-01-30T00:34:00Z',
      severity: 'major',
      phases: [
        { status: 'investigating', time: '2024-01-30T00:19:00Z' },
        { status: 'identified', time: '2024-01-30T00:22:00Z' },
        { status: 'monitoring', time: '2024-01-30T00:34:00Z' },
        { status: 'resolved', time: '2024-01-30T00:49:00Z' },
      ],
    },
  ],
});
