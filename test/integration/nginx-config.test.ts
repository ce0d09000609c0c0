import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallScenario } from '../support/hand-made-scenarios';
import { renderNginxConfig, startNginx, type NginxSettings } from '../support/nginx';
import { backfill, startPrometheus } from '../support/prometheus';
import { freePort, type RunningService } from '../support/service-process';
import { startUpstreamProxy, type UpstreamProxy } from '../support/upstream-proxy';

/**
 * The shipped nginx config, rendered by its script for each way a platform team runs it and
 * served by real nginx in front of a gateway (which records what reaches it) and a real
 * Prometheus: path prefixes, credentials from the environment and from files, the tenant
 * header, what is not forwarded, what the browser never sees, and the checks the script makes.
 * The whole app through nginx in Chromium is `test/e2e/production-nginx.test.ts`.
 */

let prometheus: RunningService | undefined;
let work = '';
let root = '';
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  prometheus = await startPrometheus(await backfill(smallScenario()));
  work = await mkdtemp(join(tmpdir(), 'aftershock-nginx-config-'));
  root = join(work, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Aftershock</title>');
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await prometheus?.stop();
  await rm(work, { recursive: true, force: true });
});

async function gateway(
  pathPrefix: string,
  requireHeaders: Record<string, string> = {},
): Promise<UpstreamProxy> {
  if (!prometheus) throw new Error('setup did not complete');
  const proxy = await startUpstreamProxy({ target: prometheus.url, pathPrefix, requireHeaders });
  running.push(proxy);
  return proxy;
}

async function nginx(
  settings: NginxSettings,
  extraConfigs: Record<string, string> = {},
): Promise<RunningService> {
  const service = await startNginx({ AFTERSHOCK_ROOT: root, ...settings }, { extraConfigs });
  running.push(service);
  return service;
}

async function query(
  server: RunningService,
  init: RequestInit = {},
  path = '/api/v1/query?query=vector(1)',
): Promise<Response> {
  return fetch(`${server.url}${path}`, init);
}

describe('the API path of other engines', () => {
  it.each([
    ['Prometheus and Thanos Query', ''],
    ['Grafana Mimir', '/prometheus'],
    ['Cortex', '/api/prom'],
    ['VictoriaMetrics cluster', '/select/0/prometheus'],
    ['VictoriaMetrics cluster, tenant with a project', '/select/42:7/prometheus'],
  ])('forwards /api/v1 to %s under "%s/api/v1"', async (_engine, prefix) => {
    const upstream = await gateway(prefix);
    const server = await nginx({ AFTERSHOCK_UPSTREAM_URL: `${upstream.url}${prefix}` });
    const response = await query(server, {}, '/api/v1/label/__name__/values?start=0');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: string[] }).data).toContain('http_requests_total');
    expect(upstream.requests.map((r) => r.url)).toEqual([
      `${prefix}/api/v1/label/__name__/values?start=0`,
    ]);
  });

  it('passes a long query in a POST body through', async () => {
    const upstream = await gateway('/prometheus');
    const server = await nginx({ AFTERSHOCK_UPSTREAM_URL: `${upstream.url}/prometheus` });
    const long = `sum(${'vector(1) + '.repeat(300)}vector(1))`;
    const response = await query(
      server,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: long, time: '1700000000' }),
      },
      '/api/v1/query',
    );
    const body = (await response.json()) as { data: { result: { value: [number, string] }[] } };
    expect(body.data.result[0]?.value[1]).toBe('301');
  });
});

describe('the page’s own URL', () => {
  it('serves the app for a shared link of 40 KB, where nginx’s default stops at 8 KB', async () => {
    const upstream = await gateway('');
    const server = await nginx({ AFTERSHOCK_UPSTREAM_URL: upstream.url });
    const expr = `sum(${'rate(http_requests_total{service="checkout"}[5m]) + '.repeat(700)}vector(0))`;
    const path = `/?q=${encodeURIComponent(expr)}`;
    expect(path.length).toBeGreaterThan(40_000);
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Aftershock</title>');
  });
});

describe('credentials and the tenant', () => {
  it('adds a bearer token read from a file and the tenant header, whatever the browser sent', async () => {
    const upstream = await gateway('', {
      authorization: 'Bearer s3cr3t.t0ken',
      'x-scope-orgid': 'team-checkout',
    });
    const tokenFile = join(work, 'token');
    await writeFile(tokenFile, 's3cr3t.t0ken\n');
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: upstream.url,
      AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE: tokenFile,
      AFTERSHOCK_UPSTREAM_TENANT: 'team-checkout',
    });
    const response = await query(server, {
      headers: { authorization: 'Bearer forged', 'x-scope-orgid': 'someone-else' },
    });
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer s3cr3t.t0ken',
      'x-scope-orgid': 'team-checkout',
    });
  });

  it('adds basic auth from a user and a password file', async () => {
    const passwordFile = join(work, 'password');
    await writeFile(passwordFile, 'p@ss word:with colon\n');
    const expected = `Basic ${Buffer.from('reader:p@ss word:with colon').toString('base64')}`;
    const upstream = await gateway('/prometheus', { authorization: expected });
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: `${upstream.url}/prometheus`,
      AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER: 'reader',
      AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD_FILE: passwordFile,
    });
    expect((await query(server)).status).toBe(200);
    expect(upstream.requests[0]?.headers.authorization).toBe(expected);
  });

  it('passes no credentials of the browser on when none are configured', async () => {
    const upstream = await gateway('');
    const server = await nginx({ AFTERSHOCK_UPSTREAM_URL: upstream.url });
    await query(server, {
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'x-scope-orgid': 'x', cookie: 'a=b' },
    });
    const headers = upstream.requests[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-scope-orgid']).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
  });

  it('writes the credentials into their own file that only its owner can read', async () => {
    const out = join(work, 'rendered');
    await renderNginxConfig(
      {
        AFTERSHOCK_ROOT: root,
        AFTERSHOCK_UPSTREAM_URL: 'http://127.0.0.1:9090',
        AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'only.here',
      },
      out,
    );
    const credentials = join(out, 'aftershock-upstream-credentials.inc');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(await readFile(credentials, 'utf8')).toContain('"Bearer only.here"');
    expect(await readFile(join(out, 'aftershock.conf'), 'utf8')).not.toContain('only.here');
  });

  it('keeps the upstream’s 401 from opening a login dialog or setting its cookie', async () => {
    const upstream = await gateway('', { authorization: 'Bearer right' });
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: upstream.url,
      AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'wrong',
    });
    const response = await query(server);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('what is not forwarded', () => {
  let upstream: UpstreamProxy | undefined;
  let server: RunningService | undefined;

  beforeAll(async () => {
    upstream = await gateway('');
    server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: upstream.url,
      AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'would.be.added',
    });
  });

  /** What the request got, and whether anything of it reached the upstream. */
  async function send(
    method: string,
    path: string,
  ): Promise<{ response: Response; forwarded: number }> {
    if (!upstream || !server) throw new Error('setup did not complete');
    const before = upstream.requests.length;
    const response = await query(server, { method }, path);
    return { response, forwarded: upstream.requests.length - before };
  }

  it.each([
    ['POST', '/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['POST', '/api/v1/write'],
    ['POST', '/api/v1/import/prometheus'],
    ['GET', '/api/v1/status/config'],
    ['GET', '/api/v1/targets'],
    ['GET', '/api/v2/alerts'],
    ['GET', '/api/v1/querying'],
  ])('answers %s %s itself with a 404, in the Prometheus error format', async (method, path) => {
    const { response, forwarded } = await send(method, path);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 'error', errorType: 'not_found' });
    expect(forwarded).toBe(0);
  });

  it('refuses methods other than GET and POST', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/v1/query?query=up'],
      ['PUT', '/'],
    ] as const) {
      const { response, forwarded } = await send(method, path);
      expect(response.status, method).toBe(405);
      expect(forwarded, method).toBe(0);
    }
  });

  it.each([['/api/v1/query?query=vector(1)'], ['/api/v1/alerts']])(
    'forwards what the dashboard reads (%s), to show the refusals above are not of everything',
    async (path) => {
      const { response, forwarded } = await send('GET', path);
      expect(response.status).toBe(200);
      expect(forwarded).toBe(1);
    },
  );

  it('says in the Prometheus error format when the upstream cannot be reached', async () => {
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: `http://127.0.0.1:${String(await freePort())}`,
    });
    const response = await query(server);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'error',
      errorType: 'unavailable',
      error: 'the proxy could not reach the Prometheus upstream',
    });
  });
});

describe('an upstream whose addresses change', () => {
  it('starts with AFTERSHOCK_RESOLVER while the upstream’s name does not resolve', async () => {
    // Without a resolver nginx refuses to start ("host not found in upstream"); with one, the
    // name is looked up per request (here through a port where no DNS server answers).
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: 'http://prometheus.aftershock.invalid:9090/prometheus',
      AFTERSHOCK_RESOLVER: `127.0.0.1:${String(await freePort())}`,
    });
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    await expect(
      nginx({ AFTERSHOCK_UPSTREAM_URL: 'http://prometheus.aftershock.invalid:9090' }),
    ).rejects.toThrow(/host not found in upstream/);
  });

  it('reaches the upstream by address with a resolver set, under its prefix', async () => {
    const upstream = await gateway('/prometheus', { 'x-scope-orgid': 'team-a' });
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: `${upstream.url}/prometheus`,
      AFTERSHOCK_RESOLVER: '127.0.0.1',
      AFTERSHOCK_UPSTREAM_TENANT: 'team-a',
    });
    expect((await query(server)).status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/prometheus/api/v1/query?query=vector(1)',
    ]);
  });
});

describe('locations of a team’s own', () => {
  it('serves the configs in aftershock.d/ inside the server, under the same policy', async () => {
    const upstream = await gateway('');
    const dashboards = join(work, 'team-dashboards');
    await mkdir(dashboards, { recursive: true });
    await writeFile(join(dashboards, 'checkout.json'), '{"title":"Checkout"}');
    const server = await nginx(
      { AFTERSHOCK_UPSTREAM_URL: upstream.url },
      { 'team-dashboards.conf': `location /team-dashboards/ {\n  alias ${dashboards}/;\n}\n` },
    );
    const response = await fetch(`${server.url}/team-dashboards/checkout.json`);
    expect(await response.json()).toEqual({ title: 'Checkout' });
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('never adds the upstream’s credentials to a location of their own that proxies elsewhere', async () => {
    const upstream = await gateway('', { authorization: 'Bearer for.prometheus.only' });
    const statusPage = await gateway('');
    const server = await nginx(
      {
        AFTERSHOCK_UPSTREAM_URL: upstream.url,
        AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'for.prometheus.only',
        AFTERSHOCK_UPSTREAM_TENANT: 'team-a',
      },
      {
        'status.conf': `location = /status/api/v1/query {\n  proxy_pass ${statusPage.url}/api/v1/query;\n}\n`,
      },
    );
    expect((await query(server)).status).toBe(200);
    expect((await query(server, {}, '/status/api/v1/query?query=vector(1)')).status).toBe(200);
    expect(statusPage.requests).toHaveLength(1);
    expect(statusPage.requests[0]?.headers.authorization).toBeUndefined();
    expect(statusPage.requests[0]?.headers['x-scope-orgid']).toBeUndefined();
  });
});

describe('frame-ancestors for wall screens', () => {
  it.each([
    [undefined, "frame-ancestors 'none'", 'DENY'],
    ["'self'", "frame-ancestors 'self'", 'SAMEORIGIN'],
    ["'self' https://noc.example.com", "frame-ancestors 'self' https://noc.example.com", null],
  ])('with %s sends %s and X-Frame-Options %s', async (ancestors, directive, frameOptions) => {
    const upstream = await gateway('');
    const server = await nginx({
      AFTERSHOCK_UPSTREAM_URL: upstream.url,
      ...(ancestors === undefined ? {} : { AFTERSHOCK_FRAME_ANCESTORS: ancestors }),
    });
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toContain(directive);
    expect(csp).toContain("default-src 'self'; script-src 'self'; object-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe(frameOptions);
  });
});

describe('render-config.sh', () => {
  const base = { AFTERSHOCK_UPSTREAM_URL: 'http://prometheus:9090' };

  it.each([
    ['no upstream', {}, 'AFTERSHOCK_UPSTREAM_URL is required'],
    [
      'an upstream without a scheme',
      { AFTERSHOCK_UPSTREAM_URL: 'prometheus:9090' },
      "AFTERSHOCK_UPSTREAM_URL is not valid: 'prometheus:9090'",
    ],
    [
      'an upstream that would add a directive',
      { AFTERSHOCK_UPSTREAM_URL: 'http://prometheus:9090/x"; return 200 "' },
      'AFTERSHOCK_UPSTREAM_URL is not valid',
    ],
    [
      'a token that would add a directive',
      { ...base, AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'abc"; include /etc/shadow; "' },
      'AFTERSHOCK_UPSTREAM_BEARER_TOKEN is not valid',
    ],
    [
      'a token nginx would read as a variable',
      { ...base, AFTERSHOCK_UPSTREAM_BEARER_TOKEN: '$host' },
      "AFTERSHOCK_UPSTREAM_BEARER_TOKEN is not valid: '$host'",
    ],
    [
      'a token twice',
      {
        ...base,
        AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'a',
        AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE: '/x',
      },
      'set AFTERSHOCK_UPSTREAM_BEARER_TOKEN or AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE, not both',
    ],
    [
      'a token and basic auth',
      {
        ...base,
        AFTERSHOCK_UPSTREAM_BEARER_TOKEN: 'a',
        AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER: 'u',
        AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD: 'p',
      },
      'set a bearer token or basic auth, not both',
    ],
    [
      'a user without a password',
      { ...base, AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER: 'u' },
      'AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD (or _FILE) is required with a user',
    ],
    [
      'a token file that is not there',
      { ...base, AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE: '/nonexistent/token' },
      'AFTERSHOCK_UPSTREAM_BEARER_TOKEN_FILE: cannot read /nonexistent/token',
    ],
    [
      'a tenant with a space',
      { ...base, AFTERSHOCK_UPSTREAM_TENANT: 'a b' },
      "AFTERSHOCK_UPSTREAM_TENANT is not valid: 'a b'",
    ],
    [
      'frame ancestors that would add a CSP directive',
      { ...base, AFTERSHOCK_FRAME_ANCESTORS: "'self'; script-src *" },
      "AFTERSHOCK_FRAME_ANCESTORS is not valid: ''self'; script-src *'",
    ],
    [
      'an https upstream without its CA bundle',
      {
        AFTERSHOCK_UPSTREAM_URL: 'https://mimir.example.com',
        AFTERSHOCK_UPSTREAM_CA_FILE: '/nonexistent/ca.pem',
      },
      'AFTERSHOCK_UPSTREAM_CA_FILE: cannot read /nonexistent/ca.pem',
    ],
  ])('refuses %s, naming the setting and the value', async (_case, settings, message) => {
    await expect(
      renderNginxConfig({ AFTERSHOCK_ROOT: root, ...settings }, join(work, 'refused')),
    ).rejects.toThrow(message);
  });

  it('refuses a root without a built app', async () => {
    await expect(
      renderNginxConfig({ ...base, AFTERSHOCK_ROOT: work }, join(work, 'refused')),
    ).rejects.toThrow(`AFTERSHOCK_ROOT: ${work} has no index.html (run npm run build)`);
  });

  it('says what it wrote, without the secret', async () => {
    const said = await renderNginxConfig(
      {
        AFTERSHOCK_ROOT: root,
        AFTERSHOCK_UPSTREAM_URL: 'https://mimir.example.com/prometheus/',
        AFTERSHOCK_UPSTREAM_BASIC_AUTH_USER: 'reader',
        AFTERSHOCK_UPSTREAM_BASIC_AUTH_PASSWORD: 'hunter2',
        AFTERSHOCK_UPSTREAM_TENANT: 'team-a|team-b',
      },
      join(work, 'said'),
    );
    expect(said).toContain(
      `on 8080, /api/v1 to https://mimir.example.com/prometheus/api/v1 with basic auth as reader, X-Scope-OrgID team-a|team-b.`,
    );
    expect(said).not.toContain('hunter2');
    const config = await readFile(join(work, 'said', 'aftershock.conf'), 'utf8');
    expect(config).toContain('server mimir.example.com:443;');
    expect(config).toContain(
      'proxy_pass https://aftershock_prometheus/prometheus$uri$is_args$args;',
    );
  });
});
