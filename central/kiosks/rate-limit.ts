import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors';
import { bearerToken, tokenDigest } from './auth';

/**
 * Requests one device (bearer token) may make per window. A kiosk makes a few a minute, and a
 * burst of a few hundred when it delivers its outbox after a network outage; a device above this
 * is broken or abused. Requests without a token are limited per client address.
 */
export const DEFAULT_DEVICE_RATE_LIMIT = { max: 1200, timeWindowMs: 60_000 };

export interface DeviceRateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/** Whether a bearer token belongs to a device or staff member the central knows. */
export type KnownToken = (token: string) => boolean;

/**
 * The key a request is counted under: a known token's digest (never the token), else the address.
 * An unknown token counts under the address too: keyed by its own digest, every guess would open a
 * fresh bucket and a token guesser would never be limited.
 */
export function rateLimitKey(request: FastifyRequest, isKnown: KnownToken = () => true): string {
  const token = bearerToken(request);
  return token && isKnown(token) ? `token:${tokenDigest(token)}` : `ip:${request.ip}`;
}

/**
 * Installs per-device rate limiting on every route registered after it (call on the root instance,
 * before the routes). Over the limit: 429 `rate-limited` with Retry-After, which the kiosk's client
 * treats as "retry later".
 *
 * The limit is a root onRequest hook rather than the plugin's `global` mode: that mode appends its
 * hook after each route's own guard, so a request with no token or a wrong one was answered 401
 * before it was ever counted, and token guessing went unlimited.
 */
export async function installDeviceRateLimit(
  app: FastifyInstance,
  options: DeviceRateLimitOptions | false = DEFAULT_DEVICE_RATE_LIMIT,
  isKnown?: KnownToken,
): Promise<void> {
  if (options === false) return;
  await app.register(rateLimit, {
    global: false,
    max: options.max,
    timeWindow: options.timeWindowMs,
    hook: 'onRequest',
    keyGenerator: (request) => rateLimitKey(request, isKnown),
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate-limited', `Too many requests from this device; retry in ${context.after}`),
  });
  app.addHook('onRequest', app.rateLimit());
}
