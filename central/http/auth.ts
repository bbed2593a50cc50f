import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';

/** Name of the OpenAPI security scheme the authenticated routes declare. */
export const DEVICE_TOKEN_SCHEME = 'deviceToken';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks `Authorization: Bearer <device token>`. Tokens are compared as SHA-256 digests so lookup
 * time reveals nothing about how much of a guessed token was right.
 */
export function deviceTokenGuard(tokens: readonly string[]) {
  const known = new Set(tokens.filter((t) => t.length > 0).map(digest));
  if (known.size === 0) throw new Error('central: at least one device token is required');

  return async function requireDeviceToken(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1] || !known.has(digest(match[1]))) {
      return reply.code(401).send(errorBody('unauthorized', 'A valid device token is required'));
    }
  };
}
