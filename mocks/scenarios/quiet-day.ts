/**
 * The quiet scenario: an ordinary Tuesday with deploys (one of them a rollout of the monitoring
 * StatefulSet), a config change and a scale change, and nothing wrong — no faults, no alerts,
 * no status-page incident. It keeps the product honest: changes alone must not look like
 * suspects, and noise must not look like an onset.
 * All times are chosen (no seed). Live placement puts the end of the window at "now".
 */

import { defineScenario } from '../scenario/define-scenario';
import {
  apiService,
  chatgptService,
  productionCluster,
  usAfternoonTraffic,
} from './common-services';

export const scenarioQuiet = defineScenario({
  id: 'quiet',
  title: 'Quiet · Ordinary deploys, no incident (Jun 2024)',
  summary:
    'Four deploys, a Prometheus StatefulSet rollout, a config change and a scale change during ' +
    'a normal working day; error ratio, latency and the API server stay at their baselines.',
  seed: 2024_06_04,
  window: { start: '2024-06-04T08:00:00Z', end: '2024-06-04T16:00:00Z' },
  impactStart: null,
  scrapeIntervalSeconds: 15,
  traffic: usAfternoonTraffic('PDT'),
  cluster: productionCluster('prod-us-west-2'),
  services: [
    chatgptService({ replicas: 64, version: 'v2024.06.03-1', http: { requestsPerSecond: 1500 } }),
    apiService({
      replicas: 40,
      version: 'v2.8.0',
      configmaps: ['api-rate-limits'],
      http: { requestsPerSecond: 900 },
    }),
    {
      name: 'billing',
      namespace: 'billing',
      workload: 'Deployment',
      instances: 1,
      replicas: 6,
      version: 'v5.2.1',
      http: {
        requestsPerSecond: 80,
        latencyMedianSeconds: 0.05,
        latencySigma: 0.5,
        errorRatio: 0.001,
        notFoundRatio: 0.005,
      },
    },
    {
      name: 'prometheus',
      namespace: 'monitoring',
      workload: 'StatefulSet',
      instances: 2,
      version: 'v2.52.0',
    },
  ],
  changes: [
    {
      time: '2024-06-04T09:40:00Z',
      kind: 'deploy',
      service: 'api',
      version: 'v2.8.1',
      title: 'api v2.8.1: batch endpoint pagination',
      author: 'deploy-bot',
    },
    {
      time: '2024-06-04T10:20:00Z',
      kind: 'deploy',
      service: 'prometheus',
      version: 'v2.52.1',
      title: 'prometheus v2.52.1: monitoring StatefulSet, one pod at a time',
      author: 'observability-team',
      rolloutSeconds: 600,
    },
    {
      time: '2024-06-04T11:15:00Z',
      kind: 'deploy',
      service: 'chatgpt',
      version: 'v2024.06.04-1',
      title: 'chatgpt v2024.06.04-1',
      author: 'deploy-bot',
    },
    {
      time: '2024-06-04T12:00:00Z',
      kind: 'config',
      service: 'api',
      configmap: 'api-rate-limits',
      from: 'tier-3 limit 5000 rpm',
      to: 'tier-3 limit 6000 rpm',
      title: 'Raise tier-3 rate limit',
      author: 'api-team',
    },
    {
      time: '2024-06-04T12:30:00Z',
      kind: 'scale',
      service: 'api',
      from: 40,
      to: 48,
      title: 'Scale api ahead of the afternoon peak',
      author: 'api-team',
    },
    {
      time: '2024-06-04T13:05:00Z',
      kind: 'deploy',
      service: 'billing',
      version: 'v5.3.0',
      title: 'billing v5.3.0: invoice PDF layout',
      author: 'deploy-bot',
    },
    {
      time: '2024-06-04T14:30:00Z',
      kind: 'deploy',
      service: 'chatgpt',
      version: 'v2024.06.04-2',
      title: 'chatgpt v2024.06.04-2',
      author: 'deploy-bot',
    },
  ],
  faults: [],
  absences: [],
  alerts: [],
  statuspage: [],
  reviewIncidents: [],
});
