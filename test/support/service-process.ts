import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';

/**
 * Starting and stopping the real servers the tests use (vite preview, Prometheus,
 * VictoriaMetrics, nginx): by PID, waiting for readiness over HTTP, and killed when the test
 * process exits even if a test failed half-way.
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

/**
 * A shell that outlives a killed test process (it ignores the Ctrl-C sent to the terminal's
 * process group) and, once that process is gone, kills the daemon and removes its data. It does
 * nothing when the daemon exits first, so it never signals a PID that may have been reused.
 */
function startWatchdog(daemonPid: number, dataDir: string): { kill(): void } {
  const script =
    'trap "" INT HUP TERM; ' +
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'if ! kill -0 "$1" 2>/dev/null; then kill -KILL "$2" 2>/dev/null; sleep 1; rm -rf "$3"; fi';
  const watchdog = spawn(
    'sh',
    ['-c', script, 'watchdog', String(process.pid), String(daemonPid), dataDir],
    { stdio: 'ignore' },
  );
  watchdog.unref();
  return { kill: () => watchdog.kill('SIGKILL') };
}

const PORT_ATTEMPTS = 3;
const STOP_TIMEOUT_MS = 10_000;

export interface DaemonOptions {
  readonly command: string;
  /** The arguments that make it listen on 127.0.0.1 at `port`. */
  readonly args: (port: number) => readonly string[];
  readonly readyPath: string;
  /** The daemon's own directory (data, config, logs): removed when it stops, or by the watchdog. */
  readonly dataDir: string;
  /** A port to listen on, e.g. the one of a server just stopped; default: a free one. */
  readonly port?: number;
  readonly timeoutMs?: number;
  /** Runs before each start, for a daemon whose config file names its port. */
  readonly prepare?: (port: number) => Promise<void>;
}

/**
 * A server that keeps state on disk (Prometheus, VictoriaMetrics, nginx) on a free port of
 * 127.0.0.1. `stop` sends SIGTERM so it can close its files, SIGKILL if it hangs doing so,
 * then removes `dataDir`. When the test process dies without stopping it, a watchdog does.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningService> {
  try {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      await options.prepare?.(port);
      try {
        const service = await startService({
          command: options.command,
          args: options.args(port),
          url: `http://127.0.0.1:${String(port)}`,
          readyPath: options.readyPath,
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        });
        const watchdog = startWatchdog(service.pid, options.dataDir);
        return {
          url: service.url,
          pid: service.pid,
          stop: async () => {
            watchdog.kill();
            const kill = setTimeout(() => process.kill(service.pid, 'SIGKILL'), STOP_TIMEOUT_MS);
            await service.stop();
            clearTimeout(kill);
            await rm(options.dataDir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // Between probing a free port and the daemon binding it, something else may take it.
        const portTaken = error instanceof Error && /address already in use/i.test(error.message);
        if (!portTaken || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await rm(options.dataDir, { recursive: true, force: true });
    throw error;
  }
}
