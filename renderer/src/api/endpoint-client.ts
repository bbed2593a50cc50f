import type { z } from 'zod';
import {
  endpointPath,
  type Endpoint,
  type EndpointInput,
  type EndpointTable,
} from '../../../electron/backend/api/endpoint';

/** The whole success body of an endpoint, as its table's response schema gives it. */
export type EndpointResponse<E extends Endpoint> = z.output<E['response']>;
import type { Result } from '../../../domain/result';
import { api, type ApiError, type RequestClient } from './client';

type Answer<E extends Endpoint, F> = Promise<Result<EndpointResponse<E>, { error: F }>>;

/** A typed call per endpoint of a slice's table: `(input) => success body or error`, never a throw. */
export type EndpointClient<T extends EndpointTable, F = ApiError> = {
  [K in keyof T]: keyof EndpointInput<T[K]> extends never
    ? (input?: EndpointInput<T[K]>) => Answer<T[K], F>
    : (input: EndpointInput<T[K]>) => Answer<T[K], F>;
};

interface CallInput {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The renderer's client of one slice, built from the same table the backend registers its routes
 * from. The request body is checked against the table before it leaves (a mistake in a screen shows
 * as `bad-request` here, not as a round trip), and the answer is validated by the shared client.
 */
export function endpointClient<T extends EndpointTable>(table: T): EndpointClient<T>;
export function endpointClient<T extends EndpointTable, F>(
  table: T,
  client: RequestClient<F>,
): EndpointClient<T, F>;
export function endpointClient(table: EndpointTable, client: RequestClient<unknown> = api): unknown {
  const calls: Record<string, (input?: CallInput) => Promise<Result<unknown, { error: unknown }>>> = {};
  for (const [name, endpoint] of Object.entries(table)) {
    calls[name] = async (input: CallInput = {}) => {
      let body: unknown = input.body;
      if (endpoint.body) {
        const parsed = endpoint.body.safeParse(input.body ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const detail = `${name}: ${issue?.path.join('.') || 'body'}`;
          return { ok: false, error: client.failures.local('bad-request', detail) };
        }
        body = parsed.data;
      } else if (endpoint.method !== 'GET' && endpoint.method !== 'DELETE') {
        body = {};
      }
      const path = endpointPath(endpoint.path, input.params) + queryString(input.query);
      return client.request(endpoint.method, path, endpoint.response, body);
    };
  }
  return calls;
}
