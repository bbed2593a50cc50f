import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';

/**
 * Who may use a kiosk host's /api and page.
 *
 * Two credentials, neither of which is ever on a command line or in a URL (both are readable by
 * every local user: /proc/<pid>/cmdline, shell history, the browser's history):
 * - the per-start secret, sent as the `x-kiosk-secret` header by the Electron shell's forwarder
 *   and by in-process tools and tests that hold the host object;
 * - the browser host's session cookie, which a browser gets by opening a one-time address
 *   `/?code=<code>`: the code is good once, for ONE_TIME_CODE_TTL_MS, and is traded for the
 *   cookie (HttpOnly, SameSite=Strict) and a redirect to `/`.
 *
 * SameSite=Strict does not keep other local pages out: every port of 127.0.0.1 is the same site,
 * so a page served on another port gets the cookie sent with its requests. The browser host
 * therefore also checks that each request names this host (Host) and comes from the kiosk page
 * itself (Origin / Sec-Fetch-Site).
 */

export const SECRET_HEADER = 'x-kiosk-secret';
export const SESSION_COOKIE = 'kiosk_session';
/** The query parameter of a one-time address. */
export const CODE_QUERY = 'code';

/**
 * How long a one-time address opens the page. Chromium started by the host loads it within a
 * few seconds; a developer copying it from the terminal needs a little longer. Short, because the
 * code of the Chromium the host starts is on that Chromium's command line until it is used.
 */
export const ONE_TIME_CODE_TTL_MS = 60_000;

/** Unused codes kept at once; issuing more drops the oldest, so asking for codes costs no memory. */
export const MAX_PENDING_CODES = 8;

/** Methods that change nothing; every other one must come from the kiosk page itself. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** True when the request carries the per-start secret in its header. */
export function hasSecretHeader(request: FastifyRequest, secret: string): boolean {
  const header = request.headers[SECRET_HEADER];
  return typeof header === 'string' && sameSecret(header, secret);
}

function digest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Codes that open the page once. Kept as digests, so looking one up reveals nothing by its timing
 * and the memory holds no usable code.
 */
export class OneTimeCodes {
  /** Digest of each unused code → when it expires, oldest first. */
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = ONE_TIME_CODE_TTL_MS,
  ) {}

  issue(): string {
    this.dropExpired();
    while (this.pending.size >= MAX_PENDING_CODES) {
      const oldest = this.pending.keys().next().value;
      if (oldest === undefined) break;
      this.pending.delete(oldest);
    }
    const code = randomBytes(16).toString('base64url');
    this.pending.set(digest(code), this.clock.now() + this.ttlMs);
    return code;
  }

  /** True once for a code issued less than the TTL ago; a used, expired or unknown code is false. */
  redeem(code: string): boolean {
    const key = digest(code);
    const expires = this.pending.get(key);
    this.pending.delete(key);
    return expires !== undefined && this.clock.now() < expires;
  }

  private dropExpired(): void {
    const now = this.clock.now();
    for (const [key, expires] of this.pending) if (now >= expires) this.pending.delete(key);
  }
}

export interface BrowserGateOptions {
  /** The per-start secret of the x-kiosk-secret header. */
  secret: string;
  /** The value of the session cookie a one-time address hands out. */
  sessionToken: string;
  codes: OneTimeCodes;
  /** The port the host listens on (known once it listens). */
  port: () => number;
  logger: KioskLogger;
}

const NOT_OURS =
  'This kiosk host answers only at http://127.0.0.1:<port>/ or http://localhost:<port>/.\n' +
  '本自助终端主机只接受发往 127.0.0.1 或 localhost 的请求。\n';
const CROSS_ORIGIN =
  'Refused: this request did not come from the kiosk page.\n拒绝：此请求不是来自自助终端页面。\n';
const CODE_SPENT =
  'This address has been used or has expired: each one opens the kiosk once, within a minute.\n' +
  'Press Enter in the terminal where the kiosk host runs to print a new one.\n' +
  '此网址已使用或已过期：每个网址只能在一分钟内打开一次。\n请在运行自助终端主机的终端中按回车键，获取新网址。\n';
const NO_SESSION =
  'Open the one-time address that the kiosk host printed (press Enter in its terminal for a new one).\n' +
  '请打开自助终端主机显示的一次性网址（在其终端中按回车键可获取新网址）。\n';

function plain(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * Whether the request comes from the page of this very origin. Sec-Fetch-Site is sent by every
 * current browser and cannot be set by a page; Origin is sent with every state-changing request.
 * A request of another site (`same-site` is another port of 127.0.0.1, `cross-site` anything
 * else) is refused whatever its method: it is a frame, a form, an image or a script of another
 * page. A state change must name our origin, or at least be `same-origin`; with neither header it
 * is refused too, since it then cannot be told apart from a forged one.
 */
function fromOwnPage(request: FastifyRequest, host: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  if (SAFE_METHODS.has(request.method)) return true;
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === `http://${host}`;
  return site === 'same-origin';
}

/**
 * onRequest hook of the browser host, in this order: the Host must be ours (a page of another
 * name resolving to 127.0.0.1, DNS rebinding, gets 421 before anything else); a request with the
 * secret header passes (a page cannot send that header to another origin: it would need a CORS
 * preflight, which is never answered); anything else must come from the kiosk page itself (403),
 * and then either trade a one-time code for the cookie or carry the cookie (401).
 */
export function browserGate(options: BrowserGateOptions) {
  const { secret, sessionToken, codes, logger } = options;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const port = options.port();
    const host = (request.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      logger.warn('host.misdirected', { method: request.method });
      return plain(reply, 421, NOT_OURS);
    }
    if (hasSecretHeader(request, secret)) return;
    let url: URL;
    try {
      // A fixed base: a request line such as `//elsewhere/x` must not change whose path it is.
      url = new URL(request.url, 'http://127.0.0.1');
    } catch {
      return plain(reply, 400, 'Bad Request\n');
    }
    if (!fromOwnPage(request, host)) {
      logger.warn('host.cross-origin-refused', { method: request.method, path: url.pathname });
      return plain(reply, 403, CROSS_ORIGIN);
    }
    const offered = url.searchParams.get(CODE_QUERY);
    if (url.pathname === '/' && offered !== null) {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      if (!codes.redeem(offered)) {
        logger.warn('host.code-refused');
        return plain(reply, 401, CODE_SPENT);
      }
      logger.info('host.code-redeemed');
      return reply
        .header('set-cookie', `${SESSION_COOKIE}=${sessionToken}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect('/', 303);
    }
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (cookie !== undefined && sameSecret(cookie, sessionToken)) return;
    logger.warn('api.unauthorized', { path: url.pathname });
    if (url.pathname.startsWith('/api/')) {
      return reply.code(401).send({ ok: false, error: { code: 'unauthorized' } });
    }
    return plain(reply, 401, NO_SESSION);
  };
}
