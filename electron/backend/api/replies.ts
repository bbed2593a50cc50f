import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Result } from '../../../domain/result';
import type { ErrorBody, ErrorCode, IssuedTicket } from './contract';

/** The HTTP status of each error code of the kiosk API; anything else is a 500. */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  'no-session': 409,
  'card-session-ended': 409,
  'unknown-category': 422,
  'active-ticket-exists': 409,
  'central-unreachable': 503,
  'central-rejected': 422,
  'printer-paper-out': 503,
  'printer-cover-open': 503,
  'printer-offline': 503,
  'printer-error': 503,
  'store-unavailable': 503,
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
};

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  extra: Omit<ErrorBody['error'], 'code'> = {},
) {
  const body: ErrorBody = { ok: false, error: { code, ...extra } };
  return reply.code(STATUS_OF[code] ?? 500).send(body);
}

/**
 * The request's body or query as the schema says, or undefined after answering 400. The detail
 * names the field and the rule, never the value (it may be an ID or phone number).
 */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  reply: FastifyReply,
): z.infer<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void sendError(reply, 'bad-request', { detail: `${issue?.path.join('.') || 'input'}: ${issue?.message}` });
  return undefined;
}

/**
 * Why a slice's service refused: the error code, and what the renderer needs to say it (the
 * reason within the code, a detail without personal data, the ticket a refusal still carries).
 */
export interface ServiceFailure<R extends string = string> {
  code: ErrorCode;
  reason?: R;
  detail?: string;
  ticket?: IssuedTicket;
}

/** What a slice's service answers: a value, or an error code with what the renderer needs. */
export type ServiceResult<T, R extends string = string> = Result<T, ServiceFailure<R>>;
