import { describe, expect, it } from 'vitest';
import {
  DEMO_EVENTS_PATH,
  DEMO_STATUSPAGE_PATH,
  demoDashboardJson,
} from '../../mocks/demo/start-demo';
import { eventsFile } from '../../mocks/scenario/events';
import { statuspageIncidents } from '../../mocks/scenario/statuspage';
import { scenarios } from '../../mocks/scenarios';
import { parseDashboardConfig } from '../../src/dashboard/config-schema';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { parseEventsFile } from '../../src/sources/events-file';
import { parseStatuspage } from '../../src/sources/statuspage';

describe('the demo dashboard', () => {
  it('is a valid config: the standard dashboard plus the status page and events file', () => {
    const result = parseDashboardConfig(demoDashboardJson());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.panels).toEqual(defaultDashboard.panels);
    expect(result.value.sources.statuspage).toEqual({ enabled: true, url: DEMO_STATUSPAGE_PATH });
    expect(result.value.sources.eventsFile).toEqual({ enabled: true, url: DEMO_EVENTS_PATH });
    expect(result.value.sources.deploys).toEqual(defaultDashboard.sources.deploys);
  });

  it('serves a status page and events file that the sources read', () => {
    for (const definition of Object.values(scenarios)) {
      expect(parseStatuspage(statuspageIncidents(definition, 0)).ok).toBe(true);
      expect(parseEventsFile(eventsFile(definition, 0)).ok).toBe(true);
    }
  });
});
