import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { CentralErrorCode, ErrorResponse, Ticket } from '../contract';

/** An expected failure with its HTTP status and contract error code. Thrown by handlers. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: CentralErrorCode,
    message: string,
    readonly ticket?: Ticket,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorResponse {
    return {
      error: { code: this.code, message: this.message, ...(this.ticket ? { ticket: this.ticket } : {}) },
    };
  }
}

export function errorBody(code: CentralErrorCode, message: string): ErrorResponse {
  return { error: { code, message } };
}

/** Fastify's own client errors mapped to contract codes; anything else below 500 is a bad request. */
const fastifyClientErrors: Record<string, { status: number; code: CentralErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad-request', message: 'Body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad-request', message: 'Body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload-too-large', message: 'Body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported-media-type',
    message: 'Send the body as application/json',
  },
};

/**
 * One error shape for every failure. Clients see a code and a short message, never a stack trace
 * or the request body (which may carry a citizen reference).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).send(err.toBody());

    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext ?? 'request';
      if (where === 'headers') {
        return reply
          .code(400)
          .send(
            errorBody('missing-idempotency-key', 'Send an Idempotency-Key header of 8–128 [A-Za-z0-9_-:]'),
          );
      }
      const detail = err.validation
        .slice(0, 5)
        .map((v) => `${where}${v.instancePath === '/' ? '' : v.instancePath}: ${v.message}`)
        .join('; ');
      return reply.code(400).send(errorBody('bad-request', detail));
    }

    const known = err.code ? fastifyClientErrors[err.code] : undefined;
    if (known) return reply.code(known.status).send(errorBody(known.code, known.message));

    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody('bad-request', err.message));
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal-error', 'Internal error'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not-found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
