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

/** The key a request is counted under: the token's digest (never the token), else the address. */
export function rateLimitKey(request: FastifyRequest): string {
  const token = bearerToken(request);
  return token ? `token:${tokenDigest(token)}` : `ip:${request.ip}`;
}

/**
 * Installs per-device rate limiting on every route registered after it (call on the root instance,
 * before the routes). Over the limit: 429 `rate-limited` with Retry-After, which the kiosk's client
 * treats as "retry later".
 */
export async function installDeviceRateLimit(
  app: FastifyInstance,
  options: DeviceRateLimitOptions | false = DEFAULT_DEVICE_RATE_LIMIT,
): Promise<void> {
  if (options === false) return;
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.timeWindowMs,
    hook: 'onRequest',
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate-limited', `Too many requests from this device; retry in ${context.after}`),
  });
}
