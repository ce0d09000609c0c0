/**
 * Scenario C (seed 003_f9d88eb420c27b28, Mar 2023): on Friday afternoon the DALL·E job timeout is
 * cut from 5 to 1 minute (a config change) and the worker fleet is halved (a scale change).
 * Saturday's growing traffic fills the queue until waiting jobs reach the new timeout: from 13:20
 * UTC only 10% of requests succeed, 25% from 18:20 to 21:40, and after a night of partial
 * recovery 50% at 06:00 Sunday and 0% at 14:00; service returns at 18:00. A connection-pooling
 * change deployed Saturday evening stops the health monitor from observing the queue, so the
 * queue metrics are missing for most of the second half — a blind spot that is itself evidence.
 *
 * Times the seed gives (UTC = PDT + 7): 13:20 10%, 18:20–21:40 25%, 06:00 50%, 14:00 0%, 18:00
 * back; the status page's one update, "resolved", posted 2023-03-19 15:00 (before the service
 * returned: the seed's status page and postmortem disagree, and this scenario keeps both).
 * Times chosen here: config change 21:00 and scale change 21:05 on the 17th ("afternoon" PDT);
 * the queue starts to grow at 11:30 on the 18th, before errors; capacity is reallocated at
 * 18:15; connection pooling ships at 21:30 and the monitor goes blind from 21:35 until the fix
 * at 17:30 on the 19th; the monitor's scrape fails 16:40–17:00 while it is being debugged;
 * unrelated deploys of api (16:30 on the 17th) and chatgpt (02:10 on the 18th).
 * Live placement puts "now" at 18:50 on the 18th, 5½ hours into the backlog: a now-6h view
 * shows the queue filling and the errors, a now-2d view also shows the config and scale change.
 */

import { defineScenario } from '../scenario/define-scenario';
import {
  apiService,
  chatgptService,
  productionCluster,
  usAfternoonTraffic,
} from './common-services';

const labs = 'labs';

export const scenarioC = defineScenario({
  id: 'c',
  title: 'C · Timeout cut and fleet downsize, queue backlog the next day (Mar 2023)',
  summary:
    'A config change (job timeout 5m → 1m) and a scale change (dalle-worker 12 → 6) on Friday ' +
    '21:00; on Saturday the image-generation queue fills from 11:30 and from 13:20 only 10% of ' +
    'requests succeed; 25% from 18:20; a night of recovery, then 50% at 06:00 and 0% at 14:00 ' +
    'on Sunday; back at 18:00. Queue metrics are missing from 21:35 on Saturday to 17:35 Sunday.',
  seed: 2023_03_17,
  window: { start: '2023-03-17T12:00:00Z', end: '2023-03-20T00:00:00Z' },
  impactStart: '2023-03-18T13:20:00Z',
  liveNow: '2023-03-18T18:50:00Z',
  scrapeIntervalSeconds: 15,
  traffic: usAfternoonTraffic('PDT', 0.35),
  cluster: productionCluster('labs-us-east-2', {
    apiserverRequestsPerSecond: 300,
    dnsResponsesPerSecond: 1200,
  }),
  services: [
    {
      name: 'dalle-api',
      namespace: labs,
      workload: 'Deployment',
      instances: 2,
      replicas: 16,
      version: 'v0.31.2',
      http: {
        requestsPerSecond: 40,
        latencyMedianSeconds: 9,
        latencySigma: 0.35,
        errorRatio: 0.005,
        notFoundRatio: 0.005,
        // Image generation takes seconds; the 60 s and 120 s buckets catch timed-out jobs.
        buckets: [0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 120],
      },
    },
    {
      name: 'dalle-worker',
      namespace: labs,
      workload: 'Deployment',
      instances: 2,
      replicas: 12,
      version: 'v0.31.2',
      configmaps: ['dalle-worker-config'],
      queue: {
        name: 'image-generation',
        depth: 25,
        oldestAgeSeconds: 4,
        exportedBy: 'dalle-queue-monitor',
      },
    },
    {
      name: 'dalle-queue-monitor',
      namespace: labs,
      workload: 'Deployment',
      instances: 1,
      replicas: 1,
      version: 'v0.8.0',
    },
    chatgptService({
      instances: 1,
      replicas: 24,
      version: 'v2023.03.15-1',
      http: { requestsPerSecond: 600, latencyMedianSeconds: 0.2 },
    }),
    apiService({
      instances: 1,
      replicas: 30,
      version: 'v1.20.4',
      http: { requestsPerSecond: 500, latencyMedianSeconds: 0.3 },
    }),
  ],
  changes: [
    {
      time: '2023-03-17T16:30:00Z',
      kind: 'deploy',
      service: 'api',
      version: 'v1.20.5',
      title: 'api v1.20.5: moderation endpoint fixes',
      author: 'deploy-bot',
    },
    {
      time: '2023-03-17T21:00:00Z',
      kind: 'config',
      service: 'dalle-worker',
      configmap: 'dalle-worker-config',
      from: 'job timeout 5m',
      to: 'job timeout 1m',
      title: 'Cancel image jobs after 1 minute instead of 5',
      author: 'labs-team',
    },
    {
      time: '2023-03-17T21:05:00Z',
      kind: 'scale',
      service: 'dalle-worker',
      from: 12,
      to: 6,
      title: 'Downsize dalle-worker to free GPUs',
      author: 'labs-team',
    },
    {
      time: '2023-03-18T02:10:00Z',
      kind: 'deploy',
      service: 'chatgpt',
      version: 'v2023.03.17-2',
      title: 'chatgpt v2023.03.17-2',
      author: 'deploy-bot',
    },
    {
      time: '2023-03-18T18:15:00Z',
      kind: 'scale',
      service: 'dalle-worker',
      from: 6,
      to: 12,
      title: 'Reallocate capacity to dalle-worker',
      author: 'oncall',
    },
    {
      time: '2023-03-18T21:30:00Z',
      kind: 'deploy',
      service: 'dalle-worker',
      version: 'v0.31.3',
      title: 'dalle-worker v0.31.3: DB connection pooling, queue and retry changes',
      author: 'oncall',
    },
    {
      time: '2023-03-19T17:30:00Z',
      kind: 'deploy',
      service: 'dalle-worker',
      version: 'v0.31.4',
      title: 'dalle-worker v0.31.4: fix pool starving the queue health monitor',
      author: 'oncall',
    },
  ],
  faults: [
    {
      signal: 'traffic',
      note: 'Saturday traffic growth',
      services: ['dalle-api'],
      profile: {
        start: '2023-03-18T08:00:00Z',
        rampSeconds: 5 * 3600,
        peak: 1.6,
        end: '2023-03-19T20:00:00Z',
        recoverySeconds: 4 * 3600,
      },
    },
    {
      signal: 'queue_depth',
      note: 'the halved fleet cannot keep up; the monitor stops enforcing timeouts on the 19th',
      services: ['dalle-worker'],
      profile: {
        keyframes: [
          ['2023-03-18T11:30:00Z', 0],
          ['2023-03-18T13:20:00Z', 1800],
          ['2023-03-18T18:15:00Z', 2600],
          ['2023-03-18T18:45:00Z', 1400],
          ['2023-03-18T21:40:00Z', 1300],
          ['2023-03-18T22:30:00Z', 150],
          ['2023-03-19T06:00:00Z', 1500],
          ['2023-03-19T14:00:00Z', 5200],
          ['2023-03-19T17:30:00Z', 5400],
          ['2023-03-19T18:30:00Z', 0],
        ],
      },
    },
    {
      signal: 'queue_age',
      note: 'jobs wait until the 1-minute timeout cancels them; unenforced once the monitor is blind',
      services: ['dalle-worker'],
      profile: {
        keyframes: [
          ['2023-03-18T11:30:00Z', 0],
          ['2023-03-18T13:15:00Z', 56],
          ['2023-03-18T21:35:00Z', 56],
          ['2023-03-19T17:30:00Z', 16000],
          ['2023-03-19T18:30:00Z', 0],
        ],
      },
    },
    {
      signal: 'error_ratio',
      note: 'requests cancelled at the 1-minute timeout (10%, 25%, 50%, 0% succeed)',
      services: ['dalle-api'],
      code: '504',
      failLatencySeconds: 60,
      profile: {
        keyframes: [
          ['2023-03-18T13:05:00Z', 0],
          ['2023-03-18T13:20:00Z', 0.9],
          ['2023-03-18T18:20:00Z', 0.9],
          ['2023-03-18T18:30:00Z', 0.75],
          ['2023-03-18T21:40:00Z', 0.75],
          ['2023-03-18T21:55:00Z', 0.02],
          ['2023-03-19T02:00:00Z', 0.02],
          ['2023-03-19T06:00:00Z', 0.5],
          ['2023-03-19T14:00:00Z', 1],
          ['2023-03-19T17:40:00Z', 1],
          ['2023-03-19T18:00:00Z', 0],
        ],
      },
    },
  ],
  absences: [
    {
      reason: 'connection-pooling bug: the health monitor cannot read the queue',
      job: 'dalle-queue-monitor',
      metrics: ['queue_depth', 'queue_oldest_job_age_seconds'],
      start: '2023-03-18T21:35:00Z',
      end: '2023-03-19T17:35:00Z',
    },
    {
      reason: 'the health monitor is restarted while being debugged',
      job: 'dalle-queue-monitor',
      start: '2023-03-19T16:40:00Z',
      end: '2023-03-19T17:00:00Z',
      targetDown: true,
    },
  ],
  alerts: [
    {
      alertname: 'QueueBacklogHigh',
      annotations: {
        summary: 'The oldest job has waited more than 15 minutes',
        runbook_url: 'https://runbooks.example.com/alerts/QueueBacklogHigh',
      },
      severity: 'warning',
      namespace: labs,
      service: 'dalle-worker',
      forSeconds: 300,
      // The alert resolves when its metric vanishes: nobody is told the queue is unobserved.
      firing: [
        { start: '2023-03-18T12:50:00Z', end: '2023-03-18T21:38:00Z' },
        { start: '2023-03-19T17:38:00Z', end: '2023-03-19T18:25:00Z' },
      ],
    },
    {
      alertname: 'HTTPErrorRateHigh',
      annotations: {
        summary: 'More than 5% of requests fail',
        runbook_url: 'https://runbooks.example.com/alerts/HTTPErrorRateHigh',
      },
      severity: 'critical',
      namespace: labs,
      service: 'dalle-api',
      forSeconds: 120,
      firing: [
        { start: '2023-03-18T13:20:00Z', end: '2023-03-18T22:00:00Z' },
        { start: '2023-03-19T03:00:00Z', end: '2023-03-19T18:05:00Z' },
      ],
    },
  ],
  statuspage: [
    {
      name: 'Many DALL·E requests are failing.',
      impact: 'major',
      // Posted after the fact, straight as resolved, with the start set back to the impact.
      startedAt: '2023-03-18T13:20:00Z',
      updates: [
        { at: '2023-03-19T15:00:00Z', status: 'resolved', body: 'Many Labs requests are failing.' },
      ],
    },
  ],
  reviewIncidents: [
    {
      title: 'DALL·E requests cancelled by the 1-minute job timeout',
      start: '2023-03-18T13:20:00Z',
      end: '2023-03-19T18:00:00Z',
      severity: 'major',
      phases: [
        { status: 'investigating', time: '2023-03-18T13:30:00Z' },
        { status: 'identified', time: '2023-03-18T16:00:00Z' },
        { status: 'monitoring', time: '2023-03-18T21:55:00Z' },
        { status: 'investigating', time: '2023-03-19T06:00:00Z' },
        { status: 'identified', time: '2023-03-19T16:30:00Z' },
        { status: 'monitoring', time: '2023-03-19T17:35:00Z' },
        { status: 'resolved', time: '2023-03-19T18:00:00Z' },
      ],
    },
  ],
});
