import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema, REPLAYED_HEADER } from '../contract';
import type { CentralContext } from '../context';
import { callerOf, type Caller } from '../halls/reach';
import { ApiError } from './errors';
import { requestHash, type StoredResponse } from './idempotency';

/** Request headers of every idempotent route. */
export const idempotencyHeaders = z.looseObject({ [IDEMPOTENCY_HEADER]: idempotencyKeySchema });

/** The response of an idempotent request, serialized once: stored, sent, and replayed byte for byte. */
export interface IdempotentResult {
  status: number;
  json: string;
  replayed: boolean;
}

/**
 * The key as stored: the sending device first, so the same key from two devices is two requests
 * and a replay never crosses to another device. Keys cannot contain a space, so this is one-to-one.
 */
export function ownedKey(caller: Pick<Caller, 'owner'>, key: string): string {
  return `${caller.owner} ${key}`;
}

/**
 * A key stored before keys were scoped to their device has no owner. It replays only to the
 * kiosk its request names (`terminalId` in the body, which the route has already checked against
 * the token), so an outbox retry across the upgrade is still applied once and nobody else's
 * answer is ever returned; otherwise it is ignored.
 */
function legacyReplay(
  ctx: Pick<CentralContext, 'idempotency'>,
  caller: Caller,
  key: string,
  hash: string,
  body: unknown,
): IdempotentResult | undefined {
  if (caller.kind !== 'kiosk' || typeof body !== 'object' || body === null) return undefined;
  if ((body as { terminalId?: unknown }).terminalId !== caller.terminalId) return undefined;
  const prior = ctx.idempotency.check(key, hash);
  return prior.kind === 'replay' ? { status: prior.status, json: prior.json, replayed: true } : undefined;
}

/**
 * Applies a request carrying an Idempotency-Key exactly once. One immediate write transaction
 * looks the key up, runs `work` and stores its response: one commit per request. `work` returns
 * the response to keep (a success, or a refusal decided on current state, which replays as well).
 * A thrown ApiError (bad reference, wrong terminal) rolls everything back and stores nothing, so
 * the key stays usable and the client can fix the request and retry.
 *
 * Keys belong to the device that sent them (its token says which: `callerOf`). Same device, key
 * and payload: the stored response again (Idempotency-Replayed: true). Same device and key, other
 * payload: 422 idempotency-key-reused. A key another worker holds in flight
 * (IdempotencyStore.begin in another process): 409 request-in-flight until its lease runs out.
 */
export function runIdempotent(
  ctx: Pick<CentralContext, 'db' | 'idempotency'>,
  request: FastifyRequest,
  scope: string,
  body: unknown,
  work: () => StoredResponse,
): IdempotentResult {
  const caller = callerOf(request);
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string') throw new ApiError(400, 'bad-request', `${IDEMPOTENCY_HEADER} is required`);
  const stored = ownedKey(caller, key);
  const hash = requestHash(scope, body);
  return ctx.db
    .transaction((): IdempotentResult => {
      const prior = ctx.idempotency.check(stored, hash);
      switch (prior.kind) {
        case 'replay':
          return { status: prior.status, json: prior.json, replayed: true };
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
      const legacy = legacyReplay(ctx, caller, key, hash, body);
      if (legacy) return legacy;
      const response = work();
      const json = JSON.stringify(response.body);
      ctx.idempotency.record(stored, scope, hash, response.status, json);
      return { status: response.status, json, replayed: false };
    })
    .immediate();
}

/**
 * Sends a fresh or stored idempotent response, marking replays. The body goes out as the JSON
 * string that was stored: the route's response schema documents it (OpenAPI), and the bodies are
 * built by our stores in the contract's types, so it is not parsed and re-validated per request.
 */
export function sendIdempotent(reply: FastifyReply, result: IdempotentResult): FastifyReply {
  if (result.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.code(result.status).type('application/json; charset=utf-8').send(result.json);
}

/** A refusal stored under an idempotency key, in the API's error shape. */
export function storedError(error: ApiError): StoredResponse {
  return { status: error.statusCode, body: error.toBody() };
}
