import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { KioskLogger } from '../logging/logger';
import type { Endpoint, EndpointAnswer, EndpointRequest, EndpointTable } from './endpoint';
import { parseOrRefuse, sendError, type ServiceResult } from './replies';

/**
 * What a handler gives back when it sent the answer itself through `raw.reply` (a file, a refusal
 * body of its own): the registration then adds nothing and hands Fastify the reply, as Fastify
 * asks of an async handler that sent.
 */
export const ANSWERED = Symbol('answered by the handler');

type HandlerAnswer<E extends Endpoint> = ServiceResult<EndpointAnswer<E>> | typeof ANSWERED;

/** A handler answers a value for the success body, or an expected failure; it throws only for bugs. */
export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  raw: { request: FastifyRequest; reply: FastifyReply },
) => Promise<HandlerAnswer<E>> | HandlerAnswer<E>;

export type EndpointHandlers<T extends EndpointTable> = { [K in keyof T]: EndpointHandler<T[K]> };

export interface RegisterOptions {
  logger: KioskLogger;
  /** Developer endpoints exist only while every device is simulated. */
  simulated: boolean;
}

/**
 * Registers a slice's routes from its endpoint table: the request is parsed with the table's
 * schemas (400 naming the field, never its value), and the answer is validated against the table's
 * response before it leaves, as the central validates its own. An answer that does not match is a
 * bug: staff see which endpoint and field in the log, the screen gets `internal`.
 */
export function registerEndpoints<T extends EndpointTable>(
  app: FastifyInstance,
  table: T,
  handlers: EndpointHandlers<T>,
  options: RegisterOptions,
): void {
  for (const [name, endpoint] of Object.entries(table) as [keyof T & string, Endpoint][]) {
    if (endpoint.developer && !options.simulated) continue;
    const handler = handlers[name] as EndpointHandler<Endpoint>;
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        const parts: Record<string, unknown> = {};
        for (const part of ['body', 'query', 'params'] as const) {
          const schema = endpoint[part];
          if (!schema) continue;
          const value = parseOrRefuse(schema, request[part], reply);
          if (value === undefined) return reply;
          parts[part] = value;
        }
        const result = await handler(parts as EndpointRequest<Endpoint>, { request, reply });
        if (result === ANSWERED || reply.sent) return reply;
        if (!result.ok) return sendError(reply, result.code, failureExtras(result));
        const body = { ok: true, ...(result.value as object) };
        const checked = endpoint.response.safeParse(body);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          options.logger.error('api.answer-invalid', {
            endpoint: name,
            detail: `${issue?.path.join('.') || 'body'}: ${issue?.code}`,
          });
          return sendError(reply, 'internal');
        }
        return checked.data;
      },
    });
  }
}

function failureExtras(result: Extract<ServiceResult<unknown>, { ok: false }>) {
  return {
    ...(result.detail ? { detail: result.detail } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.ticket ? { ticket: result.ticket } : {}),
  };
}
