import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../domain/clock';
import { errorBody } from '../http/errors';
import { FLEET_PAGE_HEADERS, FLEET_PATHS, renderLoginPage } from '../kiosks/fleet-page';
import type { StaffRole } from './contract';
import type { StaffSessions } from './sessions';
import type { StaffMember, StaffStore } from './store';

/** The browser session's cookie; its path covers the fleet page, its stream and its files only. */
export const STAFF_SESSION_COOKIE = 'fleet_session';
const COOKIE_PATH = '/v1/kiosks';
/**
 * Login attempts per client address and minute. A staff token is 24+ random characters, so this
 * is not what keeps it from being guessed; it keeps a script from hammering the token lookup, and
 * it is far below the per-device limit every route has.
 */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindowMs: 60_000 };
/** A form with one token field; anything longer is not a login. */
const LOGIN_BODY_LIMIT_BYTES = 2_048;

/** Messages of the login page: Chinese for hall staff, English beside it. */
export const LOGIN_MESSAGES = {
  missing: '请输入工作人员令牌。Type your staff token.',
  invalid: '令牌无效或已被撤销。The staff token is not valid or has been revoked.',
  role: '只有管理员可以查看终端状态。Only managers may view the kiosk fleet.',
  origin: '请从本中心的登录页登录。Log in from this central’s own login page.',
  tooMany: '尝试次数过多，请一分钟后再试。Too many attempts; try again in a minute.',
} as const;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A state-changing form post must come from a page of this central: browsers send Origin with
 * every POST, and another site's page cannot forge it. The host is compared (not the scheme), so a
 * TLS-terminating proxy in front of the central does not break logins.
 */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return (
    `${STAFF_SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}` +
    (secure ? '; Secure' : '')
  );
}

/** What a request's browser session stands for, for the page (who is logged in) and the stream (until when). */
const sessionOfRequest = new WeakMap<FastifyRequest, { member: StaffMember; expiresAt: number }>();
export function browserSessionOf(request: FastifyRequest) {
  return sessionOfRequest.get(request);
}

export type RequestGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * A guard for routes a browser opens: a bearer staff token goes to `bearerGuard` as before (tools,
 * tests); without one, the session cookie must be of a staff member with one of `roles`. Sets the
 * caller as a bearer token would, so hall reach applies the same way. Without a session the
 * answer is 401, except that the page (`onMissing: 'login'`) sends a browser to the login page.
 */
export function browserSessionGuard(deps: {
  sessions: StaffSessions;
  clock: Clock;
  bearerGuard: RequestGuard;
  roles: StaffRole[];
  onMissing: 'login' | 'unauthorized';
}): RequestGuard {
  return async (request, reply) => {
    if (request.headers.authorization !== undefined) return deps.bearerGuard(request, reply);
    const id = cookieValue(request.headers.cookie, STAFF_SESSION_COOKIE);
    const session = id === undefined ? undefined : deps.sessions.resolve(id, deps.clock.now());
    if (!session) {
      // A browser navigating (it asks for HTML) goes to the login page; a tool gets the API's 401.
      if (deps.onMissing === 'login' && (request.headers.accept ?? '').includes('text/html')) {
        return reply.redirect(FLEET_PATHS.login, 303);
      }
      return reply.code(401).send(errorBody('unauthorized', 'Log in on the fleet page first'));
    }
    if (!deps.roles.includes(session.member.role)) {
      return reply
        .code(403)
        .send(errorBody('forbidden', `This page needs the role ${deps.roles.join(' or ')}`));
    }
    request.principal = { kind: 'staff', ...session.member };
    sessionOfRequest.set(request, session);
  };
}

/** Login and logout of the fleet page: a manager types their staff token once, the browser keeps a cookie. */
export const browserLoginRoutes: FastifyPluginAsyncZod<{
  sessions: StaffSessions;
  staff: StaffStore;
  clock: Clock;
}> = async (app, { sessions, staff, clock }) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: LOGIN_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const page = (reply: FastifyReply, status: number, message?: string) =>
    reply
      .code(status)
      .headers(FLEET_PAGE_HEADERS)
      .type('text/html; charset=utf-8')
      .send(renderLoginPage(message));
  // Counted apart from the per-device limit (which has already counted this request under the
  // address). The central may run with rate limiting off (tests, benchmarks): then so do logins.
  const loginAttempt = app.hasDecorator('createRateLimit')
    ? app.createRateLimit({
        max: LOGIN_RATE_LIMIT.max,
        timeWindow: LOGIN_RATE_LIMIT.timeWindowMs,
        keyGenerator: (request) => `login:${request.ip}`,
      })
    : undefined;

  app.get(FLEET_PATHS.login, { schema: { hide: true } }, async (_request, reply) => page(reply, 200));

  app.post(FLEET_PATHS.login, { schema: { hide: true } }, async (request, reply) => {
    const attempt = await loginAttempt?.(request);
    if (attempt && !attempt.isAllowed && attempt.isExceeded) {
      return page(reply.header('retry-after', attempt.ttlInSeconds), 429, LOGIN_MESSAGES.tooMany);
    }
    if (!sameOrigin(request)) return page(reply, 403, LOGIN_MESSAGES.origin);
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof body?.token === 'string' ? body.token.trim() : '';
    if (token === '') return page(reply, 400, LOGIN_MESSAGES.missing);
    const member = staff.byToken(token);
    if (!member) return page(reply, 401, LOGIN_MESSAGES.invalid);
    if (member.role !== 'manager') return page(reply, 403, LOGIN_MESSAGES.role);
    const now = clock.now();
    const session = sessions.open(member.staffId, now);
    return reply
      .code(303)
      .header(
        'set-cookie',
        sessionCookie(session.id, Math.floor((session.expiresAt - now) / 1000), request.protocol === 'https'),
      )
      .header('cache-control', 'no-store')
      .redirect(FLEET_PATHS.page, 303);
  });

  app.post(FLEET_PATHS.logout, { schema: { hide: true } }, async (request, reply) => {
    if (!sameOrigin(request)) return page(reply, 403, LOGIN_MESSAGES.origin);
    const id = cookieValue(request.headers.cookie, STAFF_SESSION_COOKIE);
    if (id !== undefined) sessions.close(id);
    return reply
      .header('set-cookie', sessionCookie('', 0, request.protocol === 'https'))
      .redirect(FLEET_PATHS.login, 303);
  });
};
