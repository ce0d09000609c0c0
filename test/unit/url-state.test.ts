import { describe, expect, it } from 'vitest';
import { isDashboardLocation } from '../../src/dashboard/dashboard-location';
import {
  defaultView,
  parameterProblemText,
  parseView,
  RANGE_PRESETS,
  REFRESH_CHOICES,
  serializeView,
  viewWithRange,
  zoomOutView,
  type ViewState,
} from '../../src/dashboard/url-state';
import { ALL_CHANGES } from '../../src/domain/change-filter';
import { parseTimeExpression, type TimeExpression } from '../../src/domain/time-range';

const HOUR = 3_600_000;

function time(text: string): TimeExpression {
  const parsed = parseTimeExpression(text);
  if (parsed === null) throw new Error(`not a time: ${text}`);
  return parsed;
}

const view = (patch: Partial<ViewState>): ViewState => ({ ...defaultView, ...patch });

describe('parseView', () => {
  it('defaults to the last six hours in UTC, no refresh, every variable "all"', () => {
    expect(parseView('')).toEqual({ view: defaultView, problems: [] });
    expect(defaultView.from).toEqual({ kind: 'relative', offsetMs: -6 * HOUR, text: 'now-6h' });
  });

  it('reads every parameter it owns', () => {
    const { view: read, problems } = parseView(
      '?from=1706572740000&to=2024-01-30T02:00:00Z&refresh=30s&tz=Europe/Berlin' +
        '&var-service=api&var-service=web&var-namespace=backend&viewPanel=latency' +
        '&theme=light&dashboard=/dashboards/example.json&kiosk&changes=scale,deploy&changeService=api' +
        '&suspect=events-file:id:payments-v4.2.0&lookback=2d',
    );
    expect(problems).toEqual([]);
    expect(read).toEqual({
      from: { kind: 'absolute', ms: 1706572740000 },
      to: { kind: 'absolute', ms: Date.UTC(2024, 0, 30, 2) },
      refreshSeconds: 30,
      tz: 'Europe/Berlin',
      variables: { service: ['api', 'web'], namespace: ['backend'] },
      viewPanel: 'latency',
      theme: 'light',
      dashboard: '/dashboards/example.json',
      kiosk: true,
      changeFilter: { kinds: ['deploy', 'scale'], service: 'api' },
      analysis: { suspect: 'events-file:id:payments-v4.2.0', lookbackMs: 2 * 86_400_000 },
    });
  });

  it('reads Grafana’s "All" ($__all) as a variable left out', () => {
    expect(parseView('?var-service=$__all&var-cluster=eu').view.variables).toEqual({
      cluster: ['eu'],
    });
    expect(parseView('?var-service=api&var-service=%24__all').view.variables).toEqual({});
  });

  it.each([
    ['from', 'last-tuesday', 'expected now-<n><s|m|h|d|w>, RFC 3339 or epoch ms; using now-6h'],
    ['to', 'soon', 'expected now-<n><s|m|h|d|w>, RFC 3339 or epoch ms; using now'],
    ['refresh', 'often', 'expected an interval such as 30s, 5m or 1h, or off; using off'],
    ['refresh', '', 'expected an interval such as 30s, 5m or 1h, or off; using off'],
    [
      'tz',
      'Mars/Olympus_Mons',
      'not a time zone: expected UTC, browser or an IANA name such as Europe/Berlin; using UTC',
    ],
    ['theme', 'blue', 'expected dark or light; following the system'],
    ['viewPanel', '', 'expected a panel id; showing all panels'],
    [
      'dashboard',
      'javascript:alert(1)',
      'expected an http(s) URL or a path such as /dashboards/example.json; using the standard dashboard',
    ],
    [
      'dashboard',
      '//evil.example/d.json',
      'expected an http(s) URL or a path such as /dashboards/example.json; using the standard dashboard',
    ],
    ['kiosk', 'maybe', 'expected kiosk, kiosk=1 or kiosk=0; kiosk mode is off'],
    ['var-bad name', 'x', 'not a variable name (letters, digits and _); ignored'],
    [
      'changes',
      'deploy,rollout',
      'expected kinds from deploy, config, scale separated by commas, or none; showing every kind',
    ],
    [
      'changes',
      '',
      'expected kinds from deploy, config, scale separated by commas, or none; showing every kind',
    ],
    ['changeService', '', 'expected a service name; showing all'],
  ])('names a bad %s (%j) with its value and uses the default', (parameter, value, message) => {
    const { view: read, problems } = parseView(
      `?${new URLSearchParams([[parameter, value]]).toString()}`,
    );
    expect(problems).toEqual([{ parameter, value, message }]);
    expect(read).toEqual(defaultView);
  });

  it('names a bad suspect or look-back with its value and uses the default', () => {
    const { view: parsed, problems } = parseView('?suspect=&lookback=forever&tz=UTC');
    expect(parsed.analysis).toEqual({ suspect: null, lookbackMs: null });
    expect(problems).toEqual([
      {
        parameter: 'suspect',
        value: '',
        message: 'expected the id of a change from the impact strip; nothing pinned',
      },
      {
        parameter: 'lookback',
        value: 'forever',
        message: 'expected a duration from 1m to 30d such as 6h, 24h or 2d; using 24h',
      },
    ]);
    expect(parseView('?lookback=31d').problems.map((p) => p.parameter)).toEqual(['lookback']);
  });

  it('keeps the good parameters next to a bad one', () => {
    const { view: read, problems } = parseView('?from=last-tuesday&to=1706572740000');
    expect(problems).toEqual([
      expect.objectContaining({ parameter: 'from', value: 'last-tuesday' }),
    ]);
    expect(read.from).toEqual(defaultView.from);
    expect(read.to).toEqual({ kind: 'absolute', ms: 1706572740000 });
  });

  it('reports a range whose start is not before its end, and shows the last six hours', () => {
    const { view: read, problems } = parseView('?from=1706572740000&to=1706572740000');
    expect(problems).toEqual([
      {
        parameter: 'from',
        value: '1706572740000',
        message: 'must be before to (1706572740000); using now-6h to now',
      },
    ]);
    expect([read.from, read.to]).toEqual([defaultView.from, defaultView.to]);
    expect(parseView('?from=now&to=now-1h').problems).toHaveLength(1);
    expect(parseView('?from=soon&to=now-7d').problems).toEqual([
      expect.objectContaining({ parameter: 'from', value: 'soon' }),
      {
        parameter: 'to',
        value: 'now-7d',
        message: 'must be after from (now-6h); using now-6h to now',
      },
    ]);
  });

  it('holds refresh to the minimum of 10 s and the maximum of 1 h', () => {
    expect(parseView('?refresh=5s')).toEqual({
      view: view({ refreshSeconds: 10 }),
      problems: [
        { parameter: 'refresh', value: '5s', message: 'below the minimum of 10s; using 10s' },
      ],
    });
    expect(parseView('?refresh=2h')).toEqual({
      view: view({ refreshSeconds: 3600 }),
      problems: [
        { parameter: 'refresh', value: '2h', message: 'above the maximum of 1h; using 1h' },
      ],
    });
    expect(parseView('?refresh=off').view.refreshSeconds).toBeNull();
    expect(parseView('?refresh=1m').view.refreshSeconds).toBe(60);
  });

  it('reads kiosk as Grafana writes it', () => {
    for (const search of ['?kiosk', '?kiosk=1', '?kiosk=true', '?kiosk=tv']) {
      expect(parseView(search).view.kiosk).toBe(true);
    }
    expect(parseView('?kiosk=0').view.kiosk).toBe(false);
  });
});

describe('serializeView', () => {
  const views: [string, ViewState][] = [
    ['the default view', defaultView],
    ['a preset', view({ from: time('now-15m') })],
    ['a relative range written in minutes', view({ from: time('now-360m'), to: time('now-60m') })],
    ['an absolute range', view({ from: time('1706572740000'), to: time('1706576340000') })],
    ['a relative start and an absolute end', view({ to: time('1706576340000') })],
    ['live with refresh', view({ from: time('now-1h'), refreshSeconds: 30 })],
    ['a 90 s refresh', view({ refreshSeconds: 90 })],
    ['the browser’s zone', view({ tz: 'browser' })],
    ['a :30 zone', view({ tz: 'Asia/Kolkata' })],
    ['one variable', view({ variables: { service: ['api'] } })],
    ['several values', view({ variables: { service: ['api', 'web'], namespace: ['a b'] } })],
    [
      'values with URL and regex syntax',
      view({ variables: { service: ['a&b=c', 'x+y', '%20', '(.*)|"'] } }),
    ],
    ['an empty value', view({ variables: { service: [''] } })],
    ['a variable named like an object property', view({ variables: { constructor: ['x'] } })],
    ['a panel alone', view({ viewPanel: 'queue_depth' })],
    ['the dark theme', view({ theme: 'dark' })],
    ['the light theme', view({ theme: 'light' })],
    ['a config path', view({ dashboard: '/dashboards/example.json' })],
    ['a config URL', view({ dashboard: 'https://config.example.com/d.json?v=2&x=1#top' })],
    ['kiosk', view({ kiosk: true })],
    ['some change kinds', view({ changeFilter: { kinds: ['config', 'scale'], service: null } })],
    ['no change kinds', view({ changeFilter: { kinds: [], service: null } })],
    ['one service’s changes', view({ changeFilter: { kinds: ALL_CHANGES.kinds, service: 'a&b' } })],
    [
      'a pinned suspect',
      view({
        analysis: {
          suspect: 'kube-state-metrics:replicaset:prod/chatgpt/chatgpt-7d9f',
          lookbackMs: null,
        },
      }),
    ],
    [
      'a suspect id with URL syntax',
      view({ analysis: { suspect: 'events-file:id:a&b=c #1', lookbackMs: null } }),
    ],
    ['a look-back of 90 minutes', view({ analysis: { suspect: null, lookbackMs: 90 * 60_000 } })],
    ['a look-back of two days', view({ analysis: { suspect: null, lookbackMs: 2 * 86_400_000 } })],
    [
      'everything at once',
      {
        from: time('1706572740000'),
        to: time('1706576340000'),
        refreshSeconds: 3600,
        tz: 'America/Los_Angeles',
        variables: { cluster: ['eu-1'], service: ['api', 'web'] },
        viewPanel: 'latency',
        theme: 'dark',
        dashboard: '/dashboards/example.json',
        kiosk: true,
        changeFilter: { kinds: ['deploy'], service: 'api' },
        analysis: { suspect: 'events-file:changes[3]', lookbackMs: 6 * 3_600_000 },
      },
    ],
  ];

  it.each(views)('reads back %s as the same view, with no problems', (_, original) => {
    const search = serializeView(original, '');
    expect(parseView(search)).toEqual({ view: original, problems: [] });
  });

  it('leaves defaults out, so the default view is an empty query', () => {
    expect(serializeView(defaultView, '')).toBe('');
    expect(serializeView(view({ from: time('now-15m') }), '')).toBe('?from=now-15m');
  });

  it('writes relative times as written and absolute ones as epoch ms', () => {
    const read = parseView('?from=now-60m&to=2024-01-30T00:19:00Z').view;
    expect(serializeView(read, '')).toBe('?from=now-60m&to=1706573940000');
  });

  it('writes every owned parameter legibly', () => {
    const everything = views.at(-1)?.[1] ?? defaultView;
    expect(serializeView(everything, '')).toBe(
      '?from=1706572740000&to=1706576340000&refresh=1h&tz=America/Los_Angeles' +
        '&var-cluster=eu-1&var-service=api&var-service=web&viewPanel=latency&theme=dark' +
        '&dashboard=/dashboards/example.json&kiosk&changes=deploy&changeService=api' +
        '&suspect=events-file:changes%5B3%5D&lookback=6h',
    );
  });

  it('keeps parameters it does not own as they were written, and replaces its own', () => {
    const current = '?scenario=b&from=now-1h&placement=real&var-service=old&flag&x=%2F';
    expect(serializeView(view({ from: time('now-3h') }), current)).toBe(
      '?from=now-3h&scenario=b&placement=real&flag&x=%2F',
    );
    expect(serializeView(defaultView, '?scenario=a')).toBe('?scenario=a');
  });

  it('writes a view with a range and zooms out a live view without stopping it', () => {
    const range = { startMs: 10 * HOUR, endMs: 11 * HOUR };
    expect(serializeView(viewWithRange(defaultView, range), '')).toBe(
      `?from=${String(10 * HOUR)}&to=${String(11 * HOUR)}`,
    );
    const live = view({ from: time('now-1h'), refreshSeconds: 10 });
    expect(zoomOutView(live, range, 11 * HOUR)).toEqual(
      view({ from: time('now-2h'), refreshSeconds: 10 }),
    );
    const review = view({ from: time(String(10 * HOUR)), to: time(String(11 * HOUR)) });
    expect(zoomOutView(review, range, 20 * HOUR)).toEqual(
      viewWithRange(review, { startMs: 9.5 * HOUR, endMs: 11.5 * HOUR }),
    );
  });
});

describe('toolbar choices', () => {
  it('offers the range presets as relative times the URL can hold', () => {
    expect(RANGE_PRESETS.map((p) => p.from)).toEqual([
      'now-5m',
      'now-15m',
      'now-1h',
      'now-3h',
      'now-6h',
      'now-12h',
      'now-24h',
      'now-2d',
      'now-7d',
      'now-30d',
    ]);
    for (const preset of RANGE_PRESETS)
      expect(parseView(`?from=${preset.from}`).problems).toEqual([]);
  });

  it('offers refresh intervals from 10 s to 1 h, each readable from the URL', () => {
    expect(REFRESH_CHOICES.map((c) => c.label)).toEqual([
      '10s',
      '30s',
      '1m',
      '5m',
      '15m',
      '30m',
      '1h',
    ]);
    for (const choice of REFRESH_CHOICES) {
      expect(
        parseView(serializeView(view({ refreshSeconds: choice.seconds }), '')).view.refreshSeconds,
      ).toBe(choice.seconds);
    }
  });
});

describe('isDashboardLocation', () => {
  it.each([
    '/dashboards/example.json',
    'dashboards/x.json',
    'https://c.example.com/d.json',
    'HTTP://c.example/d',
  ])('accepts %s', (text) => {
    expect(isDashboardLocation(text)).toBe(true);
  });

  it.each([
    '',
    '//evil.example/d.json',
    '/\\evil.example',
    'file:///etc/passwd',
    'data:,{}',
    '/dashboards/../api',
    '/a/%2e%2e/b',
    '/\t/evil.example/d.json',
    ' //evil.example',
    '/dash boards.json',
    'https://',
  ])('rejects %j', (text) => {
    expect(isDashboardLocation(text)).toBe(false);
  });
});

describe('hostile URL parameters', () => {
  const img = '<img src=x onerror="window.__pwned=1">';

  it('names each refused parameter and its value, as given', () => {
    const params = new URLSearchParams({
      tz: img,
      theme: img,
      refresh: img,
      kiosk: img,
      changes: img,
      lookback: img,
      dashboard: 'javascript:alert(1)',
      [`var-${img}`]: 'x',
    });
    const { view, problems } = parseView(`?${params.toString()}`);
    expect(problems.map((p) => [p.parameter, p.value])).toEqual([
      ['refresh', img],
      ['tz', img],
      [`var-${img}`, 'x'],
      ['theme', img],
      ['dashboard', 'javascript:alert(1)'],
      ['kiosk', img],
      ['changes', img],
      ['lookback', img],
    ]);
    expect(view.dashboard).toBeNull();
    expect(view.variables).toEqual({});
  });

  it('keeps a chosen value with markup as a value, not as a problem', () => {
    const { view, problems } = parseView(
      `?${new URLSearchParams({ 'var-service': img }).toString()}`,
    );
    expect(problems).toEqual([]);
    expect(view.variables).toEqual({ service: [img] });
  });

  it('states a problem with a 10 KB value in one short line', () => {
    const value = `${img}${'W'.repeat(10_000)}`;
    const [problem] = parseView(`?tz=${encodeURIComponent(value)}`).problems;
    expect(problem?.value).toBe(value);
    const text = problem === undefined ? '' : parameterProblemText(problem);
    expect(text).toBe(
      `URL parameter tz=${value.slice(0, 80)}…: not a time zone: expected UTC, browser or an IANA name such as Europe/Berlin; using UTC`,
    );
  });

  it('isolates a value with a bidi override, so the message after it reads as written', () => {
    const text = parameterProblemText({
      parameter: 'suspect',
      value: 'invoice\u202etxt.exe',
      message: 'not a suspect of this range; nothing pinned',
    });
    expect(text).toBe(
      'URL parameter suspect=\u2068invoice\u202etxt.exe\u2069: not a suspect of this range; nothing pinned',
    );
  });
});
