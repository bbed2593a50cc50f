import type { z } from 'zod';

/**
 * One endpoint of the kiosk API as both sides see it: the Fastify route is registered from it
 * (`registerEndpoints`) and the renderer's typed client is built from it (`endpointClient`), so a
 * path, a body or an answer cannot drift between the two. Pure zod, no I/O: the renderer imports it.
 *
 * `response` is the whole success body (`{ ok: true, ... }`); every failure has the shared
 * error body of the API contract.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  /** Fastify's path syntax: `/api/guide/items/:itemCode`. */
  readonly path: `/api/${string}`;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  readonly response: z.ZodType;
  /** Registered only while every device is simulated (developer control of the simulators). */
  readonly developer?: true;
}

export type EndpointTable = Readonly<Record<string, Endpoint>>;

/**
 * Keeps the table's literal types, and checks each entry's shape, where a slice declares it. Marked
 * free of side effects so a bundle drops a table nobody imports (the developer tables in production).
 */
/*#__NO_SIDE_EFFECTS__*/
export function defineEndpoints<const T extends EndpointTable>(table: T): T {
  return table;
}

type Present<S> = S extends z.ZodType ? S : never;

/** What a caller gives: the parts the endpoint declares, as their schemas accept them. */
export type EndpointInput<E extends Endpoint> = (E['body'] extends z.ZodType
  ? { body: z.input<Present<E['body']>> }
  : unknown) &
  (E['query'] extends z.ZodType ? { query: z.input<Present<E['query']>> } : unknown) &
  (E['params'] extends z.ZodType ? { params: z.input<Present<E['params']>> } : unknown);

/** What a handler receives: the same parts after parsing. */
export type EndpointRequest<E extends Endpoint> = (E['body'] extends z.ZodType
  ? { body: z.output<Present<E['body']>> }
  : unknown) &
  (E['query'] extends z.ZodType ? { query: z.output<Present<E['query']>> } : unknown) &
  (E['params'] extends z.ZodType ? { params: z.output<Present<E['params']>> } : unknown);

/** The success body without its `ok: true`: what a handler's value and a client's answer are. */
export type EndpointAnswer<E extends Endpoint> = Omit<z.output<E['response']>, 'ok'>;

/** The concrete path of a call: `:name` segments filled from the parameters, encoded. */
export function endpointPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`endpoint ${path}: parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}
