import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SECRET_HEADER = 'x-kiosk-secret';
export const SECRET_COOKIE = 'kiosk_secret';
/** The query parameter of the one URL the host prints; it trades the secret for a cookie. */
export const SECRET_QUERY = 'k';

function same(a: string, b: string): boolean {
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

/** True when the request carries the per-start secret in its header or cookie. */
export function hasSecret(request: FastifyRequest, secret: string): boolean {
  const header = request.headers[SECRET_HEADER];
  if (typeof header === 'string' && same(header, secret)) return true;
  const cookie = cookieValue(request.headers.cookie, SECRET_COOKIE);
  return cookie !== undefined && same(cookie, secret);
}

/**
 * onRequest hook of the browser host: every request needs the secret made at this start. The
 * printed URL `/?k=<secret>` sets it as an HttpOnly, SameSite=Strict cookie and redirects to `/`,
 * so the secret does not stay in the address bar or the history.
 */
export function secretGate(secret: string, onRefused: (url: string) => void) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const offered = url.searchParams.get(SECRET_QUERY);
    if (url.pathname === '/' && offered !== null && same(offered, secret)) {
      return reply
        .header('set-cookie', `${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect('/', 303);
    }
    if (hasSecret(request, secret)) return;
    onRefused(url.pathname);
    return reply
      .code(401)
      .type(url.pathname.startsWith('/api/') ? 'application/json' : 'text/plain; charset=utf-8')
      .send(
        url.pathname.startsWith('/api/')
          ? { ok: false, error: { code: 'unauthorized' } }
          : 'Open the URL that the kiosk host printed when it started.\n请打开自助终端启动时显示的网址。\n',
      );
  };
}
