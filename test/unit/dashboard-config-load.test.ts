import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDashboard } from '../../src/dashboard/default-dashboard';
import { fetchJson, loadDashboardConfig } from '../../src/dashboard/load-config';

const valid = {
  title: 'Checkout',
  panels: [{ id: 'errors', title: 'Errors', unit: 'count', targets: [{ name: 'up', expr: 'up' }] }],
};

/** A fetchJson that answers from a table and records what was asked. */
function files(table: Record<string, unknown>) {
  const asked: string[] = [];
  const fetchFile = (url: string): Promise<unknown> => {
    asked.push(url);
    return url in table
      ? Promise.resolve(table[url])
      : Promise.reject(new Error('HTTP 404 Not Found'));
  };
  return { asked, fetchFile };
}

describe('loadDashboardConfig', () => {
  it('shows the standard dashboard when the URL names no config, without fetching', async () => {
    const { asked, fetchFile } = files({});
    expect(await loadDashboardConfig(null, fetchFile)).toEqual({
      config: defaultDashboard,
      problem: null,
    });
    expect(asked).toEqual([]);
  });

  it('names a 10 KB location by its start, and a refused 10 KB title by its start', async () => {
    const long = `/dashboards/${'d'.repeat(10_000)}.json`;
    const { fetchFile } = files({
      [long]: { ...valid, title: `<svg onload=alert(1)>${'T'.repeat(10_000)}` },
    });
    const { problem } = await loadDashboardConfig(long, fetchFile);
    expect(problem).toBe(
      `Dashboard config ${long.slice(0, 80)}… is not valid: title: must be at most 200 characters, got "<svg onload=alert(1)>${'T'.repeat(59)}…" (10021); showing the standard dashboard.`,
    );
  });

  it('loads a config from a path under public/ or from an http(s) URL', async () => {
    const { asked, fetchFile } = files({
      '/dashboards/x.json': valid,
      'https://c.example/d.json': valid,
    });
    const fromPath = await loadDashboardConfig('/dashboards/x.json', fetchFile);
    expect(fromPath.problem).toBeNull();
    expect(fromPath.config.title).toBe('Checkout');
    expect((await loadDashboardConfig('https://c.example/d.json', fetchFile)).problem).toBeNull();
    expect(asked).toEqual(['/dashboards/x.json', 'https://c.example/d.json']);
  });

  it('names the file and why when it cannot be fetched, and shows the standard dashboard', async () => {
    const { fetchFile } = files({});
    expect(await loadDashboardConfig('/dashboards/missing.json', fetchFile)).toEqual({
      config: defaultDashboard,
      problem:
        'Dashboard config /dashboards/missing.json could not be loaded: HTTP 404 Not Found; showing the standard dashboard.',
    });
  });

  it('names the file and the wrong field when the config is not valid', async () => {
    const broken = { ...valid, panels: [{ ...valid.panels[0], targets: [{ name: 'up' }] }] };
    const { fetchFile } = files({ '/dashboards/broken.json': broken });
    expect((await loadDashboardConfig('/dashboards/broken.json', fetchFile)).problem).toBe(
      'Dashboard config /dashboards/broken.json is not valid: panels[0].targets[0].expr: required; showing the standard dashboard.',
    );
  });

  it('shows the first five errors and counts the rest', async () => {
    const panels = Array.from({ length: 7 }, (_, i) => ({
      id: `p${String(i)}`,
      title: 'P',
      unit: 'ms',
      targets: [{ name: 'a', expr: 'up' }],
    }));
    const { fetchFile } = files({ '/d.json': { title: 'T', panels } });
    const { problem } = await loadDashboardConfig('/d.json', fetchFile);
    expect(problem).toMatch(
      /^Dashboard config \/d\.json is not valid: panels\[0\]\.unit: .*panels\[4\]\.unit: [^;]* \(and 2 more\); showing the standard dashboard\.$/,
    );
  });

  it('fetches nothing from a location that is neither http(s) nor a path', async () => {
    const { asked, fetchFile } = files({});
    const { config, problem } = await loadDashboardConfig('javascript:alert(1)', fetchFile);
    expect(config).toBe(defaultDashboard);
    expect(problem).toBe(
      'Dashboard config javascript:alert(1) is neither an http(s) URL nor a path such as /dashboards/example.json; showing the standard dashboard.',
    );
    expect(asked).toEqual([]);
  });
});

describe('fetchJson', () => {
  const server = setupServer(
    http.get('http://app.test/ok.json', () => HttpResponse.json(valid)),
    http.get(
      'http://app.test/missing.json',
      () => new HttpResponse('gone', { status: 404, statusText: 'Not Found' }),
    ),
    http.get('http://app.test/fallback.json', () =>
      HttpResponse.html('<!doctype html><html></html>'),
    ),
    http.get('http://app.test/broken.json', () => HttpResponse.text('{"title": ')),
    http.get('http://app.test/down.json', () => HttpResponse.error()),
  );
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => {
    server.close();
  });

  it('returns the parsed JSON', async () => {
    expect(await fetchJson('http://app.test/ok.json')).toEqual(valid);
  });

  it.each([
    ['missing.json', 'HTTP 404 Not Found'],
    ['fallback.json', 'the server answered with an HTML page, not JSON'],
    ['broken.json', /^not JSON: /],
    [
      'down.json',
      /^network error \(.*\); is the server reachable, and does it allow this site \(CORS\)\?$/,
    ],
  ])('says plainly why %s could not be read', async (file, message) => {
    await expect(fetchJson(`http://app.test/${file}`)).rejects.toThrow(message);
  });
});
