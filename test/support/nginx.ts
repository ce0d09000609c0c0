import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { startDaemon, type RunningService } from './service-process';
import { requireTool } from './tools';

/**
 * Real nginx (Debian's) with the shipped config: `deploy/nginx/render-config.sh` fills the
 * template from `AFTERSHOCK_*` settings exactly as a platform engineer would, and a minimal
 * main config around it gives nginx its own pid file, temp paths and log in a temporary
 * directory. It listens on a free port of 127.0.0.1 and is stopped by PID.
 */

const RENDER_SCRIPT = resolve(import.meta.dirname, '../../deploy/nginx/render-config.sh');

/** `AFTERSHOCK_*` settings, as render-config.sh reads them from its environment. */
export type NginxSettings = Readonly<Record<string, string>>;

/**
 * Runs render-config.sh with only these settings (none from the caller's environment) and
 * resolves with what it printed; it rejects with its error message.
 */
export function renderNginxConfig(settings: NginxSettings, outDir: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'sh',
      [RENDER_SCRIPT, outDir],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...settings } },
      (error, stdout, stderr) => {
        if (error === null) resolvePromise(stdout.trim());
        else reject(new Error(stderr.trim() || error.message));
      },
    );
  });
}

function mainConfig(dir: string): string {
  // Workers run as the master's user: as root they would otherwise be `nobody`, who may not
  // read the build or write the temp paths in a private temporary directory.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/conf/aftershock.conf;
}
`;
}

export interface NginxService extends RunningService {
  /** Where render-config.sh wrote the server config and the credentials file. */
  readonly configDir: string;
}

export interface NginxOptions {
  /** Files for `aftershock.d/`, the locations a team adds: name → nginx config text. */
  readonly extraConfigs?: Readonly<Record<string, string>>;
}

/** nginx serving `AFTERSHOCK_ROOT` and proxying `/api/v1` as the settings say. */
export async function startNginx(
  settings: NginxSettings,
  options: NginxOptions = {},
): Promise<NginxService> {
  const nginx = await requireTool('nginx');
  const dir = await mkdtemp(join(tmpdir(), 'aftershock-nginx-'));
  const configDir = join(dir, 'conf');
  try {
    await writeFile(join(dir, 'nginx.conf'), mainConfig(dir));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const service = await startDaemon({
    command: nginx,
    args: () => ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'],
    readyPath: '/',
    dataDir: dir,
    prepare: async (port) => {
      await renderNginxConfig(
        { ...settings, AFTERSHOCK_LISTEN: `127.0.0.1:${String(port)}` },
        configDir,
      );
      for (const [name, text] of Object.entries(options.extraConfigs ?? {})) {
        await writeFile(join(configDir, 'aftershock.d', name), text);
      }
    },
  });
  return { ...service, configDir };
}
