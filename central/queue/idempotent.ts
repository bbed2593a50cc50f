import type { FastifyReply } from 'fastify';
import { REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { ApiError } from '../http/errors';
import { requestHash, type StoredResponse } from '../http/idempotency';

export interface IdempotentResult {
  response: StoredResponse;
  replayed: boolean;
}

/**
 * Applies a request carrying an Idempotency-Key exactly once. `work` runs inside one immediate
 * transaction with the stored response: it returns the response to keep (a success, or a refusal
 * decided on current state, which replays as well). A thrown ApiError (bad reference, wrong
 * terminal) is not stored: the key is released so the client can fix the request and retry.
 */
export function runIdempotent(
  ctx: Pick<CentralContext, 'db' | 'idempotency'>,
  key: string,
  scope: string,
  body: unknown,
  work: () => StoredResponse,
): IdempotentResult {
  const begun = ctx.idempotency.begin(key, scope, requestHash(scope, body));
  switch (begun.kind) {
    case 'replay':
      return { response: begun.response, replayed: true };
    case 'reused':
      throw new ApiError(
        422,
        'idempotency-key-reused',
        'This Idempotency-Key was used with a different request',
      );
    case 'in-flight':
      throw new ApiError(
        409,
        'request-in-flight',
        'A request with this Idempotency-Key is still being processed',
      );
  }
  try {
    const response = ctx.db
      .transaction((): StoredResponse => {
        const result = work();
        ctx.idempotency.complete(begun.claim, result);
        return result;
      })
      .immediate();
    return { response, replayed: false };
  } catch (err) {
    ctx.idempotency.release(begun.claim);
    throw err;
  }
}

/** Sends a stored or fresh idempotent response, marking replays. */
export function sendIdempotent(reply: FastifyReply, result: IdempotentResult): FastifyReply {
  if (result.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.code(result.response.status).send(result.response.body);
}

/** A refusal stored under an idempotency key, in the API's error shape. */
export function storedError(error: ApiError): StoredResponse {
  return { status: error.statusCode, body: error.toBody() };
}
