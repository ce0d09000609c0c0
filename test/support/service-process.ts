import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starting and stopping the real servers the tests use (vite preview, vite in demo mode):
 * by PID, waiting for readiness over HTTP, and killed when the test process exits even if a
 * test failed half-way.
 */

export interface RunningService {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${child.spawnfile} exited with ${String(child.exitCode)}:\n${output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${String(timeoutMs)} ms:\n${output()}`);
}

export interface ServiceOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Base URL of the service once it listens. */
  readonly url: string;
  /** Path that answers 200 when the service is ready. */
  readonly readyPath: string;
  readonly timeoutMs?: number;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const child = spawn(options.command, [...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    child.kill('SIGTERM');
    await exited(child);
    running.delete(child);
  };
  try {
    await waitUntilReady(
      `${options.url}${options.readyPath}`,
      child,
      () => output,
      options.timeoutMs ?? 30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error(`${options.command} did not start`);
  return { url: options.url, pid: child.pid, stop };
}
