import Fastify, { type FastifyInstance } from 'fastify';
import { installStrictJsonParser } from '../../../central/http/strict-json';

/**
 * How long a client may take over one request to the kiosk's own /api (the browser host's TCP port
 * and the Electron backend's socket alike). Fastify's defaults switch Node's request deadline off,
 * so a client that sends its headers or its body a byte at a time, or stops halfway, would hold a
 * socket and its buffers for as long as it liked; a handful of them would starve the page.
 */
export interface ServerDeadlines {
  /** The renderer's headers are a few hundred bytes written at once on the same machine. */
  headersMs: number;
  /**
   * The whole request with its body. Bodies are JSON under Fastify's 1 MiB limit, over loopback or
   * a local socket: far below a second even on a loaded terminal.
   */
  requestMs: number;
  /**
   * A socket with no traffic at all is closed after this. Longer than two heartbeats of the event
   * stream (25 s) so a quiet stream is never cut, and longer than the shell's 30 s wait for an
   * answer so a slow print job is refused by the shell's clock first, with its own message.
   */
  idleMs: number;
  /** How often Node checks the header and request deadlines (its default, 30 s, would let them overrun). */
  checkIntervalMs: number;
}

export const SERVER_DEADLINES: ServerDeadlines = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  checkIntervalMs: 1_000,
};

/**
 * The Fastify instance every kiosk host serves /api from: the deadlines above, and JSON parsed
 * strictly (bytes that are not UTF-8 and nesting deeper than the bound are a 400, never a 500 or a
 * body silently altered). Routes and authentication are added by the host.
 */
export function createApiServer(deadlines: ServerDeadlines = SERVER_DEADLINES): FastifyInstance {
  const app = Fastify({
    logger: false,
    requestTimeout: deadlines.requestMs,
    connectionTimeout: deadlines.idleMs,
    http: {
      headersTimeout: deadlines.headersMs,
      requestTimeout: deadlines.requestMs,
      connectionsCheckingInterval: deadlines.checkIntervalMs,
    },
  });
  installStrictJsonParser(app);
  return app;
}
