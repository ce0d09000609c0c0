import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in the test process standing where a gateway stands in production, between the
 * reverse proxy and Prometheus: it serves the API under a path prefix (as Mimir serves it under
 * `/prometheus`), answers 401 unless the request carries the headers it requires, and records
 * every request it receives, so a test can say what reached the upstream.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, prefix included. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface UpstreamProxyOptions {
  /** Where requests go, e.g. a Prometheus at `http://127.0.0.1:9090`. */
  readonly target: string;
  /** The path the API is served under; it is removed before forwarding. Default: none. */
  readonly pathPrefix?: string;
  /** Headers (lower-case names) a request must carry, else 401 with `WWW-Authenticate`. */
  readonly requireHeaders?: Readonly<Record<string, string>>;
}

export interface UpstreamProxy {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  stop(): Promise<void>;
}

/** Hop-by-hop headers, which a proxy must not pass on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    ...(status === 401 ? { 'www-authenticate': 'Basic realm="metrics"' } : {}),
    // What a careless gateway might send; the reverse proxy must not pass it to the browser.
    ...(status === 401 ? { 'set-cookie': 'gateway-session=leaked; Path=/' } : {}),
  });
  response.end(message);
}

function forward(
  target: URL,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const upstream = httpRequest(
    new URL(path, target),
    {
      method: request.method ?? 'GET',
      headers: { ...endToEnd(request.headers), host: target.host },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) refuse(response, 502, `upstream: ${error.message}`);
    else response.destroy(error);
  });
  request.pipe(upstream);
}

export async function startUpstreamProxy(options: UpstreamProxyOptions): Promise<UpstreamProxy> {
  const target = new URL(options.target);
  const prefix = options.pathPrefix ?? '';
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', url, headers: request.headers });
    if (!url.startsWith(`${prefix}/`)) {
      refuse(response, 404, `not under ${prefix}/`);
      return;
    }
    for (const [name, value] of Object.entries(options.requireHeaders ?? {})) {
      if (request.headers[name] !== value) {
        refuse(response, 401, `missing or wrong ${name}`);
        return;
      }
    }
    forward(target, url.slice(prefix.length), request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
