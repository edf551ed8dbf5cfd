// A real nginx (Debian's /usr/sbin/nginx) serving dist/ as a school's web server would, for the specs that check the
// build works from any static host. It runs as this user with its own configuration, pid file, logs and temporary
// folders in a fresh temporary folder, on a free loopback port, and never touches the system's nginx service.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface NginxServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** nginx's error log so far (it says why a request failed). */
  errorLog(): string;
  /** Stops nginx and removes its temporary folder. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's choice), for nginx to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until something answers HTTP at `origin`, or fails with `why()` when `exited` settles first. */
async function waitUntilAnswering(origin: string, exited: Promise<unknown>, why: () => string): Promise<void> {
  let stopped = false;
  void exited.then(() => (stopped = true));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (stopped) throw new Error(`nginx stopped while starting:\n${why()}`);
    try {
      await fetch(origin, { method: 'HEAD' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nginx did not answer at ${origin} within 15 s:\n${why()}`);
}

/**
 * Starts nginx with `serverConfig` (directives for one `server { }` block, e.g. the README's `location`s) inside a
 * minimal `http { }` that includes Debian's mime.types, as the packaged nginx.conf does.
 */
export async function startNginx(serverConfig: string): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'image-model-nginx-'));
  const port = await freePort();
  const temp = (name: string) => {
    mkdirSync(path.join(dir, name));
    return path.join(dir, name);
  };
  const errorLog = path.join(dir, 'error.log');
  const config = [
    // Run as root (some CI machines), nginx would hand its workers to "nobody", who may not read the checkout.
    process.getuid?.() === 0 ? 'user root root;' : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${errorLog} warn;`,
    'events { worker_connections 128; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${path.join(dir, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${temp(kind)};`),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    serverConfig,
    '  }',
    '}',
  ].join('\n');
  const configFile = path.join(dir, 'nginx.conf');
  writeFileSync(configFile, config);

  // -e: the log for messages before the configuration is read (Debian's default folder may not be writable).
  const nginx = spawn(NGINX_PATH, ['-p', dir, '-e', errorLog, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    nginx.once('exit', () => resolve());
    nginx.once('error', (error) => {
      stderr += `${error.message}\n`;
      resolve();
    });
  });
  const readErrorLog = () => {
    try {
      return readFileSync(errorLog, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(origin, exited, () => `${stderr}${readErrorLog()}\nconfiguration:\n${config}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, errorLog: readErrorLog, stop };
}
