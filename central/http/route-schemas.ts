import type { FastifyInstance, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { errorResponseSchema } from '../contract';
import type { DeviceAuth } from '../kiosks/auth';
import { DEVICE_TOKEN_SCHEME } from './auth';

/** An OpenAPI security requirement list. */
export type Security = Record<string, string[]>[];

/** OpenAPI security of the routes a device token opens. */
export const deviceSecurity: Security = [{ [DEVICE_TOKEN_SCHEME]: [] }];

/** The error answers the counter-side slices (appointments, payments, evaluations) document. */
export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
};

/** What each error status means on this API, as the document says it. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: malformed JSON, not UTF-8, nested too deep, or failing the schema',
  401: 'No valid token for this route',
  403: 'The token is valid but may not do this (another kind of token, role, hall or terminal)',
  404: 'No such resource',
  409: 'Conflicts with the current state (or an idempotency key in flight or reused)',
  413: 'The body is larger than this route accepts',
  415: 'The body is not UTF-8 application/json',
  422: 'Well-formed but refers to something that does not exist or is not allowed',
  429: 'Too many requests from this device; Retry-After says when to try again',
};

/** Methods whose requests carry a body, so the body parser's 413 and 415 apply. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface ContentResponse {
  description?: string;
  content: Record<string, { schema: z.ZodType }>;
}

const isContentResponse = (value: unknown): value is ContentResponse =>
  typeof value === 'object' && value !== null && 'content' in value;

export interface RouteDocumentationOptions {
  /** The security a request guard of a route opens, if it is one whose meaning is known. */
  securityOf(guard: unknown): Security | undefined;
  /** Whether the per-device rate limit covers every route (then each may answer 429). */
  rateLimited: boolean;
}

/**
 * Makes each route's OpenAPI entry say what the route really does, in one place instead of in
 * every slice: the security its guard (the route's onRequest) opens, overriding what the slice
 * wrote when the guard is known; and every error status the layers below the handler can answer,
 * added to the ones the slice declares for its own domain (404, 409, 422):
 * 400 (body parser, schema), 401 and 403 (guards) when the route has security, 404 when the path
 * has parameters, 413 and 415 (body parser) for methods with a body, 429 (rate limit).
 *
 * Every error answer is documented as `application/json` with the error schema, whatever the
 * route's success produces (the event stream's and the fleet page's errors are JSON too), and is
 * serialized by that schema, so nothing an error carries besides `{ error }` is ever sent.
 *
 * Install on the root instance before any route is registered.
 */
export function installRouteDocumentation(app: FastifyInstance, opts: RouteDocumentationOptions): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as NonNullable<RouteOptions['schema']> & {
      hide?: boolean;
      security?: Security;
      response?: Record<string, unknown>;
    };
    if (schema.hide) return;

    const guards = [route.onRequest ?? []].flat();
    const inferred = guards.map((g) => opts.securityOf(g)).find((s) => s !== undefined);
    const security = inferred ?? schema.security;
    const secured = (security?.length ?? 0) > 0;
    const methods = [route.method].flat().map((m) => m.toUpperCase());

    const statuses = [400];
    if (secured) statuses.push(401, 403);
    if (route.url.includes(':')) statuses.push(404);
    if (methods.some((m) => BODY_METHODS.has(m))) statuses.push(413, 415);
    if (opts.rateLimited) statuses.push(429);

    const response: Record<string, unknown> = { ...schema.response };
    for (const status of statuses) response[status] ??= errorResponseSchema;
    for (const [status, declared] of Object.entries(response)) {
      const code = Number(status);
      if (!(code >= 400)) continue;
      const errorSchema = isContentResponse(declared)
        ? (declared.content['application/json']?.schema ?? errorResponseSchema)
        : (declared as z.ZodType);
      response[status] = {
        description: ERROR_DESCRIPTIONS[code] ?? 'Error',
        content: { 'application/json': { schema: errorSchema } },
      } satisfies ContentResponse;
    }
    // A new schema object: slices share one between routes whose guards differ.
    route.schema = { ...schema, ...(security ? { security } : {}), response };
  });
}

/**
 * Which security each request guard opens, for the documentation above. The fixed guards of
 * DeviceAuth are known by identity; the staff guards it makes per route are recorded as they are
 * made, through `documenting`.
 */
export class GuardSecurity {
  private readonly known = new Map<unknown, Security>();

  set(guard: unknown, security: Security): void {
    this.known.set(guard, security);
  }

  of(guard: unknown): Security | undefined {
    return this.known.get(guard);
  }

  /**
   * The same DeviceAuth, except that each guard its `staffGuard` makes is recorded as a staff
   * route. The original is untouched; the result delegates everything else to it.
   */
  documenting(auth: DeviceAuth, staffSecurity: Security): DeviceAuth {
    const makeStaffGuard = auth.staffGuard;
    const staffGuard: DeviceAuth['staffGuard'] = (...roles) => {
      const guard = makeStaffGuard(...roles);
      this.set(guard, staffSecurity);
      return guard;
    };
    return Object.create(auth, { staffGuard: { value: staffGuard } }) as DeviceAuth;
  }
}
