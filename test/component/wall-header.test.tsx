import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IncidentWindow } from '../../src/domain/incidents';
import { WallHeader } from '../../src/ui/WallHeader';

/** The wall's incident line says what is known: a failing source only hides what it gives. */

const NOW_MS = Date.parse('2024-01-30T00:40:00Z');
const open: IncidentWindow = {
  id: 'alert:HTTPErrorRateHigh',
  source: 'alerts',
  title: 'HTTPErrorRateHigh',
  startMs: Date.parse('2024-01-30T00:20:00Z'),
  endMs: null,
  phases: [],
  impact: 'critical',
  url: null,
  service: 'api',
};

function header(failedSources: readonly string[], incident: IncidentWindow = open) {
  render(
    <WallHeader
      title="Standard dashboard"
      timeZone="UTC"
      fixedNowMs={NOW_MS}
      changes={[]}
      incidents={[incident]}
      failedSources={failedSources}
    />,
  );
  return document.querySelector('.wall-incident')?.textContent ?? '';
}

describe('the wall’s incident line', () => {
  it('still shows an open incident when only a deploy source failed', () => {
    expect(header(['buildVersions'])).toMatch(/^INCIDENT HTTPErrorRateHigh\s·\sfor 20 min/);
    expect(screen.getByText(/Changes unknown|Last change/)).toBeTruthy();
  });

  it('says incidents are unknown when their source failed, naming the last one known open', () => {
    expect(header(['deploys', 'alerts'])).toBe(
      'Incidents unknown: alerts failed · last known open: HTTPErrorRateHigh',
    );
  });

  it('says what the alert is about, cut rather than how long it has lasted', () => {
    const summary = 'More than 5% of checkout requests fail <b>now</b>';
    expect(header([], { ...open, detail: summary })).toMatch(
      /^INCIDENT HTTPErrorRateHigh\s·\sMore than 5% of checkout requests fail <b>now<\/b>\s·\sfor 20 min$/,
    );
    expect(document.querySelector('.wall-incident b')).toBeNull();
  });
});
