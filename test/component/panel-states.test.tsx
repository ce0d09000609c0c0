import { act, screen, within } from '@testing-library/react';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPanels, type PanelDefinition } from '../../src/dashboard/default-dashboard';
import type { AbsoluteRange } from '../../src/domain/time-range';
import { createCursorStore, type CursorStore } from '../../src/ui/cursor-store';
import { Panel } from '../../src/ui/Panel';
import { server } from '../support/msw-server';
import { renderWithQueries } from '../support/render';

/**
 * Every state a panel can be in, in the order the product decides them: first-load skeleton →
 * error → empty → warnings → chart, then what a failed refresh and a panel of several units show.
 */

const RANGE_URL = 'http://prometheus.test/api/v1/query_range';
const STEP_MS = 15_000;
const firstRange: AbsoluteRange = {
  startMs: Date.UTC(2024, 0, 30, 0, 0),
  endMs: Date.UTC(2024, 0, 30, 1, 0),
};

const panel: PanelDefinition = {
  id: 'queue_depth',
  title: 'Queue depth',
  unit: 'count',
  targets: [{ name: 'depth', expr: 'max by (queue) (queue_depth)' }],
};
const SENT_EXPR = 'max by (queue) (queue_depth)';

type Sample = [seconds: number, value: string];

/** Samples one step apart from the start of `range`, as Prometheus writes their values. */
function samples(values: readonly string[], range: AbsoluteRange = firstRange): Sample[] {
  return values.map((value, i) => [(range.startMs + i * STEP_MS) / 1000, value]);
}

function matrix(
  result: readonly { metric: Record<string, string>; values: Sample[] }[],
  warnings?: readonly string[],
) {
  return {
    status: 'success',
    data: { resultType: 'matrix', result },
    ...(warnings ? { warnings } : {}),
  };
}

const twoQueues = (range: AbsoluteRange = firstRange) =>
  matrix([
    { metric: { queue: 'emails' }, values: samples(['3', '5', '8'], range) },
    { metric: { queue: 'invoices' }, values: samples(['1', '1', '2'], range) },
  ]);

interface PanelOptions {
  readonly definition?: PanelDefinition;
  readonly range?: AbsoluteRange;
  readonly cursor?: CursorStore;
}

function panelElement(options: PanelOptions = {}) {
  return (
    <Panel
      panel={options.definition ?? panel}
      range={options.range ?? firstRange}
      endpoint={{ url: 'http://prometheus.test' }}
      scrapeIntervalSeconds={15}
      variables={{}}
      variableNames={[]}
      timeZone="UTC"
      cursor={options.cursor ?? createCursorStore()}
      liveNowMs={null}
      chartHeight={220}
    />
  );
}

function renderPanel(options: PanelOptions = {}) {
  return renderWithQueries(panelElement(options));
}

function answerWith(body: JsonBodyType, init?: { status: number }) {
  server.use(http.get(RANGE_URL, () => HttpResponse.json(body, init)));
}

function lineCount(container: HTMLElement): number {
  return container.querySelectorAll('path.series-line').length;
}

/** Legend rows as `name = value`, in order. */
function legendRows(scope: HTMLElement): string[] {
  return within(scope)
    .getAllByRole('listitem')
    .map(
      (row) =>
        `${row.querySelector('.legend-name')?.textContent ?? ''} = ${row.querySelector('.legend-value')?.textContent ?? ''}`,
    );
}

async function shownState(state: string): Promise<HTMLElement> {
  const section = await screen.findByRole('region', { name: panel.title });
  await vi.waitFor(() => {
    expect(section.dataset.state).toBe(state);
  });
  return section;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Panel states, in the product’s order', () => {
  it('shows a skeleton until the first answer arrives, then the chart', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.get(RANGE_URL, async () => {
        await answered;
        return HttpResponse.json(twoQueues());
      }),
    );
    const { container } = renderPanel();
    const section = screen.getByRole('region', { name: panel.title });
    expect(section.dataset.state).toBe('loading');
    expect(within(section).getByText('Loading…').getAttribute('aria-busy')).toBe('true');
    expect(lineCount(container)).toBe(0);

    answer();
    await shownState('chart');
    expect(within(section).queryByText('Loading…')).toBeNull();
    expect(lineCount(container)).toBe(2);
  });

  it('shows a 400 bad_data error with its kind, Prometheus’s message and the PromQL sent', async () => {
    answerWith(
      {
        status: 'error',
        errorType: 'bad_data',
        error: "1:23: parse error: unexpected right parenthesis ')'",
      },
      { status: 400 },
    );
    const { container } = renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('bad_data');
    expect(alert.querySelector('span')?.textContent).toBe(
      "1:23: parse error: unexpected right parenthesis ')'",
    );
    expect(alert.querySelector('code')?.textContent).toBe(SENT_EXPR);
    expect((await shownState('error')).contains(alert)).toBe(true);
    expect(lineCount(container)).toBe(0);
  });

  it('shows a 422 execution error with its kind, Prometheus’s message and the PromQL sent', async () => {
    const message = 'query processing would load too many samples into memory in query execution';
    answerWith({ status: 'error', errorType: 'execution', error: message }, { status: 422 });
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('execution');
    expect(alert.querySelector('span')?.textContent).toBe(message);
    expect(alert.querySelector('code')?.textContent).toBe(SENT_EXPR);
  });

  it('shows a 503 with a plain-text body as unavailable, with the status and the text', async () => {
    server.use(
      http.get(
        RANGE_URL,
        () =>
          new HttpResponse('upstream connect error or disconnect/reset before headers\n', {
            status: 503,
            headers: { 'Content-Type': 'text/plain' },
          }),
      ),
    );
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('unavailable');
    expect(alert.querySelector('span')?.textContent).toBe(
      'HTTP 503: upstream connect error or disconnect/reset before headers',
    );
    expect(alert.querySelector('code')?.textContent).toBe(SENT_EXPR);
  });

  it('shows a network failure as a network error that says Prometheus cannot be reached', async () => {
    server.use(http.get(RANGE_URL, () => HttpResponse.error()));
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('network');
    expect(alert.querySelector('span')?.textContent).toMatch(/^Cannot reach Prometheus \(.+\)$/);
    expect(alert.querySelector('code')?.textContent).toBe(SENT_EXPR);
  });

  it('shows the error of a failing target even when another target of the panel answered', async () => {
    const twoTargets: PanelDefinition = {
      ...panel,
      targets: [
        { name: 'depth', expr: 'max by (queue) (queue_depth)' },
        { name: 'age', expr: 'max by (queue) (queue_oldest_job_age_seconds)' },
      ],
    };
    server.use(
      http.get(RANGE_URL, ({ request }) => {
        const query = new URL(request.url).searchParams.get('query') ?? '';
        return query.includes('oldest')
          ? HttpResponse.json(
              { status: 'error', errorType: 'execution', error: 'out of memory' },
              { status: 422 },
            )
          : HttpResponse.json(twoQueues());
      }),
    );
    const { container } = renderPanel({ definition: twoTargets });
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('code')?.textContent).toBe(
      'max by (queue) (queue_oldest_job_age_seconds)',
    );
    expect(lineCount(container)).toBe(0);
  });

  it('draws only the top 50 of 2,000 series by peak, and says so above the chart', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({
      metric: { queue: `q-${String(i)}` },
      // Peaks 0 … 1,999 in a shuffled order: the top 50 are 1,950 and up.
      values: samples(['0', String((i * 7) % 2_000), '0']),
    }));
    answerWith(matrix(many));
    const { container } = renderPanel();
    const section = await shownState('chart');

    expect(within(section).getByRole('note').textContent).toBe(
      'showing top 50 of 2,000 series by peak',
    );
    expect(lineCount(container)).toBe(50);
    const names = [...section.querySelectorAll('.legend-name')].map((node) => node.textContent);
    const kept = many.filter(({ values }) => Number(values[1]?.[1]) >= 1_950);
    expect(names).toEqual(kept.map(({ metric }) => `depth ${metric.queue}`));
  });

  it('has no cap notice when every series is drawn', async () => {
    answerWith(twoQueues());
    renderPanel();
    const section = await shownState('chart');
    expect(within(section).queryByRole('note')).toBeNull();
  });

  it('says "No data in this range" for an empty result, and draws no chart', async () => {
    answerWith(matrix([]));
    const { container } = renderPanel();
    const section = await shownState('empty');
    expect(within(section).getByText('No data in this range')).toBeTruthy();
    expect(within(section).queryByRole('alert')).toBeNull();
    expect(container.querySelector('.chart')).toBeNull();
  });

  it('shows warnings with an empty result too', async () => {
    answerWith(matrix([], ['PromQL info: metric might not be a counter']));
    renderPanel();
    const section = await shownState('empty');
    expect(within(section).getByText('No data in this range')).toBeTruthy();
    expect(within(section).getByText(/metric might not be a counter/)).toBeTruthy();
  });

  it('shows Prometheus’s warnings above a chart that is still drawn', async () => {
    const warning = 'partial response: store eu-west-1 unavailable';
    answerWith(
      matrix(
        [{ metric: { queue: 'emails' }, values: samples(['3', '5', '8']) }],
        [warning, warning],
      ),
    );
    const { container } = renderPanel();
    const section = await shownState('chart');
    const shown = within(section).getAllByText(new RegExp(warning));
    // Said once, however many times it came.
    expect(shown).toHaveLength(1);
    const chart = section.querySelector('.chart');
    if (chart === null || shown[0] === undefined) throw new Error('expected a chart and a warning');
    const position = shown[0].compareDocumentPosition(chart);
    expect(position & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(lineCount(container)).toBe(1);
  });

  it('draws a chart through NaN, +Inf and -Inf without a crash, the legend showing a value or –', async () => {
    const errors = vi.spyOn(console, 'error');
    answerWith(
      matrix([
        { metric: { queue: 'emails' }, values: samples(['1', 'NaN', '+Inf', '2', '-Inf']) },
        { metric: { queue: 'invoices' }, values: samples(['NaN', 'NaN', '+Inf', '-Inf', 'NaN']) },
      ]),
    );
    const cursor = createCursorStore();
    const { container } = renderPanel({ cursor });
    const section = await shownState('chart');
    expect(lineCount(container)).toBe(2);
    // Away from the chart: the latest finite value, or – when a series has none.
    expect(legendRows(section)).toEqual(['depth emails = 2', 'depth invoices = –']);

    act(() => {
      cursor.set(firstRange.startMs + 2 * STEP_MS);
    });
    expect(legendRows(section)).toEqual(['depth emails = +Inf', 'depth invoices = +Inf']);
    act(() => {
      cursor.set(firstRange.startMs + 4 * STEP_MS);
    });
    expect(legendRows(section)).toEqual(['depth emails = -Inf', 'depth invoices = NaN']);
    // More than a step after the last sample: nothing to show, not a stale value.
    act(() => {
      cursor.set(firstRange.startMs + 30 * STEP_MS);
    });
    expect(legendRows(section)).toEqual(['depth emails = –', 'depth invoices = –']);

    // No NaN reached an SVG attribute (React reports those on the console).
    expect(errors).not.toHaveBeenCalled();
    for (const path of container.querySelectorAll('path')) {
      expect(path.getAttribute('d') ?? '').not.toMatch(/NaN|Infinity/);
    }
  });
});

describe('A refresh that fails after a success', () => {
  const laterRange: AbsoluteRange = {
    startMs: firstRange.startMs + 5 * 60_000,
    endMs: firstRange.endMs + 5 * 60_000,
  };
  const unavailable = () => {
    server.use(
      http.get(
        RANGE_URL,
        () =>
          new HttpResponse('no healthy upstream', {
            status: 503,
            headers: { 'Content-Type': 'text/plain' },
          }),
      ),
    );
  };

  /** Answers at 09:41:30 UTC, so the stale badge has a known time to show. */
  async function chartAnsweredAt0941() {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2024, 0, 30, 9, 41, 30));
    answerWith(twoQueues());
    const rendered = renderPanel();
    await shownState('chart');
    expect(lineCount(rendered.container)).toBe(2);
    vi.setSystemTime(Date.UTC(2024, 0, 30, 9, 47, 0));
    unavailable();
    return rendered;
  }

  it('keeps the chart with a "stale since HH:MM" badge when a later range fails', async () => {
    const { container, rerender } = await chartAnsweredAt0941();
    rerender(panelElement({ range: laterRange }));

    const badge = await screen.findByText('stale since 09:41');
    expect(badge.getAttribute('title')).toBe('unavailable: HTTP 503: no healthy upstream');
    const section = screen.getByRole('region', { name: panel.title });
    expect(section.dataset.state).toBe('chart');
    // The charts are drawn as deferred work, so they may be greyed a moment after the badge.
    await vi.waitFor(() => {
      expect(section.querySelector('.panel-charts')?.classList.contains('is-stale')).toBe(true);
    });
    expect(within(section).queryByRole('alert')).toBeNull();
    expect(lineCount(container)).toBe(2);
    expect(legendRows(section)).toEqual(['depth emails = 8', 'depth invoices = 2']);
  });

  it('keeps the chart with a "stale since HH:MM" badge when the same range is queried again and fails', async () => {
    const { container, queryClient } = await chartAnsweredAt0941();
    await act(() => queryClient.invalidateQueries({ queryKey: ['query_range'] }));

    expect(await screen.findByText('stale since 09:41')).toBeTruthy();
    const section = screen.getByRole('region', { name: panel.title });
    expect(section.dataset.state).toBe('chart');
    expect(lineCount(container)).toBe(2);
    expect(legendRows(section)).toEqual(['depth emails = 8', 'depth invoices = 2']);
  });

  it('drops the stale badge once a refresh succeeds again', async () => {
    const { rerender } = await chartAnsweredAt0941();
    rerender(panelElement({ range: laterRange }));
    await screen.findByText('stale since 09:41');

    answerWith(
      matrix([{ metric: { queue: 'emails' }, values: samples(['13', '21'], laterRange) }]),
    );
    // One minute longer, so it is asked whole: this mock answers the same whatever range is
    // asked, which a tail merged into the first answer would not agree with.
    const laterStill = { startMs: laterRange.startMs, endMs: laterRange.endMs + 60_000 };
    // The next refresh, half a minute later.
    vi.setSystemTime(Date.UTC(2024, 0, 30, 9, 47, 30));
    rerender(panelElement({ range: laterStill }));
    const section = screen.getByRole('region', { name: panel.title });
    await vi.waitFor(() => {
      expect(legendRows(section)).toEqual(['depth emails = 21']);
    });
    expect(screen.queryByText(/stale since/)).toBeNull();
  });
});

describe('A panel that mixes units', () => {
  const apiserver = defaultPanels.find((one) => one.id === 'apiserver');
  if (!apiserver) throw new Error('the default dashboard has an apiserver panel');

  /** One answer per target of the default `apiserver` panel, told apart by their PromQL. */
  function apiserverAnswer(query: string) {
    const values = (value: string) => samples([value, value, value]);
    if (query.includes('code="429"')) return matrix([{ metric: {}, values: values('0.5') }]);
    if (query.includes('apiserver_request_total')) {
      return matrix([
        { metric: { verb: 'GET' }, values: values('12') },
        { metric: { verb: 'LIST' }, values: values('4') },
      ]);
    }
    if (query.includes('inflight')) {
      return matrix([{ metric: { request_kind: 'mutating' }, values: values('3') }]);
    }
    if (query.includes('duration_seconds_bucket')) {
      return matrix([{ metric: { verb: 'GET' }, values: values('0.25') }]);
    }
    if (query.includes('flowcontrol')) {
      return matrix([{ metric: { priority_level: 'workload-low' }, values: values('1.5') }]);
    }
    throw new Error(`unexpected query ${query}`);
  }

  it('draws one chart per unit, each with its own series and values in its unit', async () => {
    server.use(
      http.get(RANGE_URL, ({ request }) =>
        HttpResponse.json(apiserverAnswer(new URL(request.url).searchParams.get('query') ?? '')),
      ),
    );
    const { container } = renderPanel({ definition: apiserver });
    const section = await screen.findByRole('region', { name: apiserver.title });
    await vi.waitFor(() => {
      expect(section.dataset.state).toBe('chart');
    });

    const groups = [...section.querySelectorAll<HTMLElement>('.chart-group')];
    expect(groups).toHaveLength(3);
    for (const group of groups) expect(group.querySelectorAll('.chart')).toHaveLength(1);
    expect(groups.map(legendRows)).toEqual([
      [
        'requests GET = 12 req/s',
        'requests LIST = 4 req/s',
        '429 = 0.5 req/s',
        'APF rejected workload-low = 1.5 req/s',
      ],
      ['in flight mutating = 3'],
      ['p99 GET = 250 ms'],
    ]);
    expect(lineCount(container)).toBe(6);
  });
});
