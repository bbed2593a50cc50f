import type { z } from 'zod';
import {
  endpointPath,
  type Endpoint,
  type EndpointInput,
  type EndpointTable,
} from '../../../electron/backend/api/endpoint';

/** The whole success body of an endpoint, as its table's response schema gives it. */
export type EndpointResponse<E extends Endpoint> = z.output<E['response']>;
import { api, type ApiClient, type ApiResult } from './client';

/** A typed call per endpoint of a slice's table: `(input) => success body or error`, never a throw. */
export type EndpointClient<T extends EndpointTable> = {
  [K in keyof T]: keyof EndpointInput<T[K]> extends never
    ? (input?: EndpointInput<T[K]>) => Promise<ApiResult<EndpointResponse<T[K]>>>
    : (input: EndpointInput<T[K]>) => Promise<ApiResult<EndpointResponse<T[K]>>>;
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
export function endpointClient<T extends EndpointTable>(
  table: T,
  client: Pick<ApiClient, 'request'> = api,
): EndpointClient<T> {
  const calls: Record<string, (input?: CallInput) => Promise<ApiResult<unknown>>> = {};
  for (const [name, endpoint] of Object.entries(table) as [string, Endpoint][]) {
    calls[name] = async (input: CallInput = {}) => {
      let body: unknown = input.body;
      if (endpoint.body) {
        const parsed = endpoint.body.safeParse(input.body ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            ok: false,
            error: { code: 'bad-request', detail: `${name}: ${issue?.path.join('.') || 'body'}` },
          };
        }
        body = parsed.data;
      } else if (endpoint.method !== 'GET' && endpoint.method !== 'DELETE') {
        body = {};
      }
      const path = endpointPath(endpoint.path, input.params) + queryString(input.query);
      return client.request(endpoint.method, path, endpoint.response as z.ZodType, body);
    };
  }
  return calls as unknown as EndpointClient<T>;
}
