/**
 * Hostile input: a short, ordinary incident in a cluster whose names are written to break a
 * dashboard that renders text as HTML or lets a long word push its layout apart. Label values
 * may hold anything in Prometheus, so services, namespaces, queues, versions, configmaps and
 * alert names carry markup that would run if it were parsed (`<script>`, `<img onerror>`,
 * `<svg onload>`), bidi overrides and zero-width characters, and one StatefulSet is named by a
 * 10 KB word. Every payload sets the canary `window.__pwned`; nothing should ever set it.
 * Metric names cannot carry any of this (Prometheus restricts them), so they are the usual ones.
 */

import { defineScenario } from '../scenario/define-scenario';
import { productionCluster, usAfternoonTraffic } from './common-services';

/** The global every payload sets; the page must never have it. */
export const CANARY = '__pwned';

export const HOSTILE = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  svg: '<svg onload="window.__pwned=1"></svg>',
  javascriptLink: 'javascript:window.__pwned=1',
  dataLink: 'data:text/html,<script>window.__pwned=1</script>',
  /** Reads as "exe.txt" in a bidi-unaware mind, "txt.exe" to the eye. */
  rtl: 'invoice\u202Etxt.exe',
  /** Zero-width space, joiner, non-joiner and byte-order mark inside one word. */
  zeroWidth: 'pay\u200Bme\u200Dn\u200Cts\uFEFF',
} as const;

/** A single 10 KB word (no break opportunity), starting with markup. */
export const TEN_KB_WORD = `${HOSTILE.img}${'W'.repeat(10_240 - HOSTILE.img.length)}`;

/** The service under attack: markup in its name, its namespace, its queue and its versions. */
export const WEB_SERVICE = `web${HOSTILE.img}`;
export const WEB_NAMESPACE = `ns${HOSTILE.svg}`;
export const WEB_QUEUE = `jobs${HOSTILE.script}`;
/** A worker whose name reverses and hides characters. */
export const WORKER_SERVICE = `${HOSTILE.rtl}${HOSTILE.zeroWidth}`;
/** A StatefulSet named by the 10 KB word, so that a rollout of it is a 10 KB change. */
export const LONG_SERVICE = TEN_KB_WORD;
export const ALERT_NAME = `HTTPErrors${HOSTILE.svg}`;

const impact = { start: '2024-03-12T10:30:00Z', end: '2024-03-12T10:50:00Z' };

export const scenarioHostile = defineScenario({
  id: 'hostile',
  title: `Hostile · markup and odd Unicode in every name ${HOSTILE.script}`,
  summary:
    'A deploy of the web service breaks it for twenty minutes; every name the dashboard shows ' +
    'is written to run script or break the layout if handled carelessly.',
  seed: 2024_03_12,
  window: { start: '2024-03-12T08:00:00Z', end: '2024-03-12T12:00:00Z' },
  impactStart: impact.start,
  scrapeIntervalSeconds: 30,
  traffic: usAfternoonTraffic('PDT'),
  cluster: productionCluster(`prod${HOSTILE.zeroWidth}`),
  services: [
    {
      name: WEB_SERVICE,
      namespace: WEB_NAMESPACE,
      workload: 'Deployment',
      instances: 1,
      replicas: 6,
      version: `v1.0.0${HOSTILE.script}`,
      configmaps: [`cfg${HOSTILE.img}`],
      http: {
        requestsPerSecond: 300,
        latencyMedianSeconds: 0.08,
        latencySigma: 0.5,
        errorRatio: 0.002,
        notFoundRatio: 0.01,
      },
      queue: { name: WEB_QUEUE, depth: 20, oldestAgeSeconds: 4 },
    },
    {
      name: WORKER_SERVICE,
      namespace: WORKER_SERVICE,
      workload: 'Deployment',
      instances: 1,
      replicas: 2,
      version: 'v2.0.0',
      http: {
        requestsPerSecond: 40,
        latencyMedianSeconds: 0.2,
        latencySigma: 0.6,
        errorRatio: 0.001,
        notFoundRatio: 0.01,
      },
    },
    {
      name: LONG_SERVICE,
      namespace: 'long',
      workload: 'StatefulSet',
      instances: 1,
      version: 'v3.0.0',
    },
  ],
  changes: [
    {
      time: '2024-03-12T09:10:00Z',
      kind: 'deploy',
      service: LONG_SERVICE,
      version: 'v3.0.1',
      title: `rollout of ${LONG_SERVICE}`,
    },
    {
      time: '2024-03-12T09:40:00Z',
      kind: 'scale',
      service: WORKER_SERVICE,
      from: 2,
      to: 3,
      title: `scale ${HOSTILE.rtl}`,
    },
    {
      time: '2024-03-12T10:05:00Z',
      kind: 'config',
      service: WEB_SERVICE,
      configmap: `cfg${HOSTILE.img}`,
      from: HOSTILE.script,
      to: HOSTILE.svg,
      title: `config ${HOSTILE.svg}`,
    },
    {
      time: '2024-03-12T10:28:00Z',
      kind: 'deploy',
      service: WEB_SERVICE,
      version: `v1.1.0${HOSTILE.img}`,
      title: `web ${HOSTILE.img}`,
    },
  ],
  faults: [
    {
      signal: 'error_ratio',
      note: 'the new web version fails half its requests',
      services: [WEB_SERVICE],
      code: '500',
      profile: { ...impact, rampSeconds: 60, peak: 0.5, recoverySeconds: 120 },
    },
  ],
  absences: [
    {
      reason: 'the worker is not scraped for a while',
      start: '2024-03-12T11:00:00Z',
      end: '2024-03-12T11:20:00Z',
      job: WORKER_SERVICE,
      targetDown: true,
    },
  ],
  alerts: [
    {
      alertname: ALERT_NAME,
      severity: 'critical',
      namespace: WEB_NAMESPACE,
      service: WEB_SERVICE,
      forSeconds: 60,
      firing: [{ start: '2024-03-12T10:32:00Z', end: '2024-03-12T10:52:00Z' }],
    },
    {
      alertname: 'LongNameDown',
      severity: 'warning',
      namespace: 'long',
      service: LONG_SERVICE,
      forSeconds: 0,
      firing: [{ start: '2024-03-12T09:12:00Z', end: '2024-03-12T09:20:00Z' }],
    },
  ],
  statuspage: [
    {
      name: TEN_KB_WORD,
      impact: 'major',
      updates: [
        { at: '2024-03-12T10:36:00Z', status: 'investigating', body: HOSTILE.script },
        { at: '2024-03-12T10:55:00Z', status: 'resolved', body: HOSTILE.img },
      ],
    },
    {
      name: `Status ${HOSTILE.svg} ${HOSTILE.rtl}`,
      impact: 'minor',
      updates: [
        { at: '2024-03-12T11:05:00Z', status: 'investigating', body: HOSTILE.svg },
        { at: '2024-03-12T11:15:00Z', status: 'resolved', body: HOSTILE.zeroWidth },
      ],
    },
  ],
  reviewIncidents: [],
});
