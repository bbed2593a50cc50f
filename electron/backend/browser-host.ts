import fastifyStatic from '@fastify/static';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../domain/clock';
import { ConfigError, configPathFrom } from '../../kiosk-config/load-config';
import type { KioskConfig } from '../../kiosk-config/schema';
import { createApiServer, type ServerDeadlines } from './api/api-server';
import { CONTENT_SECURITY_POLICY } from './api/content-security-policy';
import { registerApiRoutes } from './api/routes';
import { browserGate, CODE_QUERY, OneTimeCodes } from './api/secret-auth';
import { startKiosk, type Kiosk } from './kiosk';
import { startWithLastGoodConfig } from './maintenance/config-rollback';
import { createLogger, type KioskLogger } from './logging/logger';

/**
 * Where `npm run build:renderer` puts the renderer. KIOSK_RENDERER_DIR points the browser host (a
 * development and test host, never the Electron shell) at another build, so two builds made side by
 * side (e.g. `vite build --outDir`) are each served by their own host.
 */
export const RENDERER_DIR =
  process.env.KIOSK_RENDERER_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

export interface BrowserHost {
  /**
   * A new one-time address of the page each time it is read: it opens the kiosk once, within
   * ONE_TIME_CODE_TTL_MS, and leaves the browser the session cookie. It carries no secret.
   */
  readonly url: string;
  port: number;
  /** This start's secret, for the x-kiosk-secret header of in-process tools and tests. Never in a URL. */
  secret: string;
  kiosk: Kiosk;
  close(): Promise<void>;
}

/**
 * The browser host: the same backend and renderer, served by Node on loopback only, for
 * development, demos and end-to-end tests in Chromium. A browser gets in by opening a one-time
 * address (`host.url`; from the command line: the printed one, or a new one by pressing Enter in
 * the host's terminal); other local pages are kept out by the checks in api/secret-auth.ts.
 */
export async function startBrowserHost(
  config: KioskConfig,
  options: {
    port?: number;
    clock?: Clock;
    logger?: KioskLogger;
    rendererDir?: string;
    /** Shorter in tests of the deadlines themselves. */
    deadlines?: ServerDeadlines;
  } = {},
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
  const codes = new OneTimeCodes(options.clock ?? systemClock);
  const app = createApiServer(options.deadlines);
  let port = 0;
  app.addHook(
    'onRequest',
    browserGate({
      secret,
      sessionToken: randomBytes(24).toString('hex'),
      codes,
      port: () => port,
      logger,
    }),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    // frame-ancestors says it to current browsers; X-Frame-Options to any that predate it.
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // Another local page may not even embed our responses as images or scripts.
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('referrer-policy', 'no-referrer');
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
  port = typeof address === 'object' && address ? address.port : 0;
  logger.info('host.listening', { port });
  return {
    get url() {
      return `http://127.0.0.1:${port}/?${CODE_QUERY}=${codes.issue()}`;
    },
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

/**
 * The command line of the Chromium the host opens. Every local user can read it
 * (/proc/<pid>/cmdline), so `url` must be a one-time address: once Chromium has opened it, it
 * opens nothing for anyone else.
 */
export function chromiumArguments(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    '--no-first-run',
    '--disable-background-networking',
    `--user-data-dir=${profileDir}`,
  ];
}

function openInChromium(url: string): void {
  const binary = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!binary) return;
  const child = spawn(binary, chromiumArguments(url, join(resolve('.kiosk-data'), 'chromium-profile')), {
    stdio: 'ignore',
    detached: true,
  });
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
    const port = portFrom(argv, process.env);
    host = await startWithLastGoodConfig(configPathFrom(argv, process.env), (config) =>
      startBrowserHost(config, { port }),
    );
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
  // Chromium gets its own one-time address: it is on Chromium's command line, readable by every
  // local user, until Chromium has used it, and then it opens nothing.
  if (!argv.includes('--no-open') && !process.env.CI) openInChromium(host.url);
  const printUrl = () =>
    process.stdout.write(
      `Kiosk browser host: ${host.url}\n` +
        '  (opens the kiosk once, within a minute; press Enter here for a new address)\n',
    );
  printUrl();
  if (process.stdin.isTTY) {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      if (chunk.includes('\n')) printUrl();
    });
  }
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
