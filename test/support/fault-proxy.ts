import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy between the app and real Prometheus that misbehaves on demand, so end-to-end tests
 * can see what the page does when the path to Prometheus fails. Faults are switched at runtime
 * and apply to requests whose path and query contain `match` (every request when absent).
 */

export type Fault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'latency'; readonly delayMs: number }
  | { readonly kind: 'unavailable'; readonly body: string }
  | { readonly kind: 'too_many'; readonly retryAfterSeconds: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'huge'; readonly seriesCount: number };

export interface FaultRule {
  readonly fault: Fault;
  /** A substring of the decoded path and query; absent matches every request. */
  readonly match?: string;
}

export interface FaultProxy {
  readonly url: string;
  /** Decoded path and query of every request received, in order. */
  readonly requests: readonly string[];
  /** Replaces the active rules; the first rule that matches a request decides. */
  setFaults(rules: readonly FaultRule[]): void;
  stop(): Promise<void>;
}

/** A matrix of `count` series over the asked range, each with its own peak. */
export function hugeMatrix(url: URL, count: number): string {
  const start = Number(url.searchParams.get('start') ?? '0');
  const end = Number(url.searchParams.get('end') ?? String(start));
  const step = Math.max(1, Number(url.searchParams.get('step') ?? '60'));
  const points = Math.max(1, Math.min(20, Math.floor((end - start) / step) + 1));
  const result = Array.from({ length: count }, (_, index) => ({
    metric: { __name__: 'huge_series', instance: `node-${String(index)}` },
    values: Array.from({ length: points }, (_, i) => [start + i * step, String(index + i)]),
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path.replace(/\+/g, ' '));
  } catch {
    return path;
  }
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let rules: readonly FaultRule[] = [];
  const requests: string[] = [];

  function answer(response: ServerResponse, status: number, headers: object, body: string) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  }

  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const seen = decoded(path);
    requests.push(seen);
    const rule = rules.find((one) => one.match === undefined || seen.includes(one.match));
    const fault = rule?.fault ?? { kind: 'pass' };
    const forward = (rewrite?: (body: string) => string) => {
      const outbound = httpRequest(
        new URL(path, upstream),
        { method: request.method ?? 'GET', headers: { ...request.headers, host: upstream.host } },
        (upstreamResponse) => {
          if (rewrite === undefined) {
            response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
            upstreamResponse.pipe(response);
            return;
          }
          const chunks: Buffer[] = [];
          upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
          upstreamResponse.on('end', () => {
            answer(response, 200, {}, rewrite(Buffer.concat(chunks).toString('utf8')));
          });
        },
      );
      outbound.on('error', (error) => {
        if (!response.headersSent) {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(`upstream: ${error.message}`);
        } else response.destroy(error);
      });
      request.pipe(outbound);
    };
    switch (fault.kind) {
      case 'pass':
        forward();
        return;
      case 'latency':
        setTimeout(() => {
          forward();
        }, fault.delayMs);
        return;
      case 'unavailable':
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(fault.body);
        return;
      case 'too_many':
        response.writeHead(429, {
          'content-type': 'text/plain; charset=utf-8',
          'retry-after': String(fault.retryAfterSeconds),
        });
        response.end('too many outstanding requests');
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'truncated':
        forward((body) => body.slice(0, Math.floor(body.length / 2)));
        return;
      case 'malformed':
        forward((body) => body.replace('"status"', 'status'));
        return;
      case 'huge':
        answer(response, 200, {}, hugeMatrix(new URL(path, 'http://x'), fault.seriesCount));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    setFaults: (next) => {
      rules = next;
    },
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
