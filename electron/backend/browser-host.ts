import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../drivers/clock';
import { ConfigError, configPathFrom, loadConfig } from '../../kiosk-config/load-config';
import type { KioskConfig } from '../../kiosk-config/schema';
import { registerApiRoutes } from './api/routes';
import { secretGate, SECRET_QUERY } from './api/secret-auth';
import { startKiosk, type Kiosk } from './kiosk';
import { createLogger, type KioskLogger } from './logging/logger';

/** Where `npm run build:renderer` puts the renderer. */
export const RENDERER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

export interface BrowserHost {
  /** The one URL to open: it carries this start's secret. */
  url: string;
  port: number;
  secret: string;
  kiosk: Kiosk;
  close(): Promise<void>;
}

/**
 * The browser host: the same backend and renderer, served by Node on loopback only, for
 * development, demos and end-to-end tests in Chromium.
 */
export async function startBrowserHost(
  config: KioskConfig,
  options: { port?: number; clock?: Clock; logger?: KioskLogger; rendererDir?: string } = {},
): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new ConfigError(
      `The renderer is not built (${rendererDir}/index.html is missing): run "npm run build:renderer" first.`,
      rendererDir,
    );
  }
  const logger = options.logger ?? createLogger();
  const kiosk = await startKiosk(config, { clock: options.clock, logger });
  const secret = randomBytes(24).toString('hex');
  const app = Fastify({ logger: false });
  app.addHook(
    'onRequest',
    secretGate(secret, (path) => logger.warn('api.unauthorized', { path })),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    // The same policy the Electron shell sets on app://; img-src data: is for QR images.
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:");
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: 'index.html' });
  registerApiRoutes(app, kiosk);
  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? config.browserHost.port });
  } catch (err) {
    await kiosk.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/?${SECRET_QUERY}=${secret}`;
  logger.info('host.listening', { port });
  return {
    url,
    port,
    secret,
    kiosk,
    close: async () => {
      await app.close();
      await kiosk.close();
    },
  };
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function openInChromium(url: string): void {
  const binary = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!binary) return;
  const child = spawn(
    binary,
    [
      `--app=${url}`,
      '--kiosk',
      '--no-first-run',
      '--disable-background-networking',
      `--user-data-dir=${join(resolve('.kiosk-data'), 'chromium-profile')}`,
    ],
    { stdio: 'ignore', detached: true },
  );
  child.on('error', () => undefined);
  child.unref();
}

function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const flag = argv.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  const value = flag ?? env.KIOSK_PORT;
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      `--port / KIOSK_PORT: got "${value}", expected a port number 0-65535.`,
      'command line',
    );
  }
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let host: BrowserHost;
  try {
    const config = loadConfig(configPathFrom(argv, process.env));
    host = await startBrowserHost(config, { port: portFrom(argv, process.env) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error('The browser host port is in use: set another with --port=<n> or KIOSK_PORT.');
      process.exit(2);
    }
    throw err;
  }
  process.stdout.write(`Kiosk browser host: ${host.url}\n`);
  if (!argv.includes('--no-open') && !process.env.CI) openInChromium(host.url);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
