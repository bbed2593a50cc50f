import type { z } from 'zod';
import {
  errorResponseSchema,
  healthResponseSchema,
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
} from '../../../central/contract';
import type { KioskLogger } from '../logging/logger';
import { batchingFetch } from './batching-fetch';

/** One HTTP attempt to the central API; long enough for a slow township link, short enough to retry. */
export const CENTRAL_REQUEST_TIMEOUT_MS = 8_000;

/** Connection errors that happen before the request is sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** Prefix of a retry reason whose request never reached the central (safe to replace). */
export const NOT_SENT_PREFIX = 'not-sent: ';

export type CentralOutcome<T> =
  | { kind: 'ok'; status: number; body: T; replayed: boolean }
  /** The central understood and refused: do not send the same thing again. */
  | { kind: 'rejected'; status: number; code: string; message: string; body: unknown }
  /** Worth trying again later: network error, timeout, 5xx, 429, malformed answer. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; offline?: boolean }
  | { kind: 'unauthorized'; reason: string };

export interface CentralConnectionOptions {
  baseUrl: string;
  /** The device token the terminal starts with (from its configuration). */
  deviceToken: string;
  /** The network under every request and stream; the global `fetch` by default. */
  fetch?: typeof fetch;
  /**
   * Requests carrying an idempotency key made in the same turn travel as one batch request (the
   * outbox delivers many streams' heads at once; see batching-fetch.ts). Reads, the heartbeat and
   * the event stream carry no key and go out as they are.
   */
  batch?: boolean;
  timeoutMs?: number;
  /**
   * Asked for the terminal's current device token when the central answers 401 (field staff may
   * have re-enrolled the terminal while it ran, and the token where it is kept has changed). A
   * different token is used from then on, by every caller, and the refused request is sent again
   * at once; the same one, or none, leaves the request refused (its caller waits, staff are told).
   */
  reauthenticate?: () => Promise<string | undefined>;
  /** Where a renewed token is recorded for field staff (`central.reauthenticated`). */
  logger?: KioskLogger;
}

/** What a request carries besides its method, path and answer schema. */
export interface CentralRequest {
  body?: unknown;
  /** Makes the request safe to repeat: the central applies a key once (and it may be batched). */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The kiosk's one connection to the central: its base URL, the device token in use and how a
 * refused token is renewed. Every caller (outbox deliveries, the citizen journeys, the catalogue,
 * the heartbeat, the live event stream) goes through it, so a terminal re-enrolled while it runs
 * moves to its new token everywhere at once instead of dropping off the fleet page piece by piece.
 */
export class CentralConnection {
  readonly baseUrl: string;
  /** The network as it is, for streams (never batched). */
  readonly streamFetch: typeof fetch;
  private readonly transport: typeof fetch;
  private readonly timeoutMs: number;
  private current: string;
  private renewing: Promise<void> | undefined;
  private readonly listeners = new Set<(token: string) => void>();

  constructor(private readonly options: CentralConnectionOptions) {
    this.baseUrl = options.baseUrl;
    const network = options.fetch ?? ((input, init) => fetch(input, init));
    this.streamFetch = network;
    this.transport = options.batch ? batchingFetch({ fetch: network }) : network;
    this.timeoutMs = options.timeoutMs ?? CENTRAL_REQUEST_TIMEOUT_MS;
    this.current = options.deviceToken;
  }

  /** The device token in use now. */
  get token(): string {
    return this.current;
  }

  /** The header a stream sends with the token in use now (read at each (re)connection). */
  authorization(): { authorization: string } {
    return { authorization: `Bearer ${this.current}` };
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  /** Called with the new token whenever it changes; returns the unsubscribe. */
  onTokenChange(listener: (token: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * The central refused `refused`: the token to use instead, or undefined when there is none
   * (the source has the same token, none, or cannot be read). However many callers are refused
   * at once, the source is asked once; a caller refused with a token already replaced gets the
   * new one without asking.
   */
  async renew(refused: string): Promise<string | undefined> {
    if (this.current !== refused) return this.current;
    const source = this.options.reauthenticate;
    if (!source) return undefined;
    this.renewing ??= Promise.resolve()
      .then(source)
      .then(
        (fresh) => {
          if (fresh !== undefined && fresh !== this.current) this.adopt(fresh);
        },
        () => undefined, // an unreadable source: keep the token in use
      )
      .finally(() => {
        this.renewing = undefined;
      });
    await this.renewing;
    return this.current !== refused ? this.current : undefined;
  }

  private adopt(token: string): void {
    this.current = token;
    this.options.logger?.info('central.reauthenticated', {});
    for (const listener of [...this.listeners]) listener(token);
  }

  /** One typed request: JSON both ways, a deadline, Retry-After, and a resend after a renewal. */
  request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    request: CentralRequest = {},
  ): Promise<CentralOutcome<z.infer<S>>> {
    return this.send(method, path, schema, request, false);
  }

  private async send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    request: CentralRequest,
    renewed: boolean,
  ): Promise<CentralOutcome<z.infer<S>>> {
    const { body, idempotencyKey, headers = {} } = request;
    const token = this.current;
    let response: Response;
    try {
      response = await this.transport(this.url(path), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey === undefined ? {} : { [IDEMPOTENCY_HEADER]: idempotencyKey }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      // These fail before a byte of the request leaves: the central certainly did not apply it.
      const notSent = cause !== undefined && NOT_SENT_CODES.has(cause);
      return {
        kind: 'retry',
        reason: `${notSent ? NOT_SENT_PREFIX : 'network: '}${(err as Error).name}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`,
        offline: true,
      };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { kind: 'retry', reason: `malformed response: HTTP ${response.status} body is not JSON` };
    }
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        return {
          kind: 'retry',
          reason: `malformed response: ${parsed.error.issues[0]?.message ?? 'schema'}`,
        };
      }
      return {
        kind: 'ok',
        status: response.status,
        body: parsed.data,
        replayed: response.headers.get(REPLAYED_HEADER) === 'true',
      };
    }
    const error = errorResponseSchema.safeParse(json);
    const code = error.success ? error.data.error.code : 'unknown';
    const message = error.success ? error.data.error.message : `HTTP ${response.status}`;
    if (response.status === 401) {
      // Refused before anything was applied, so sending it again with a renewed token is safe.
      const fresh = renewed ? undefined : await this.renew(token);
      if (fresh !== undefined) return this.send(method, path, schema, request, true);
      return { kind: 'unauthorized', reason: message };
    }
    if (response.status === 429 || response.status >= 500 || code === 'request-in-flight') {
      return {
        kind: 'retry',
        reason: `HTTP ${response.status} ${code}`,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    }
    return { kind: 'rejected', status: response.status, code, message, body: json };
  }
}

/** Built by a tool or test that talks to a central on its own; the kiosk hands its one connection. */
export type CentralConnectionOrOptions = CentralConnection | CentralConnectionOptions;

/** The connection itself, or one of its own for a client used alone. */
export function connectionOf(given: CentralConnectionOrOptions): CentralConnection {
  return given instanceof CentralConnection ? given : new CentralConnection(given);
}

/**
 * The base of every slice's client of the central: the slice adds its routes, all through the
 * kiosk's one connection (transport, token, renewal and outcome type).
 */
export class CentralSliceClient {
  protected readonly connection: CentralConnection;

  constructor(connection: CentralConnectionOrOptions) {
    this.connection = connectionOf(connection);
  }

  protected request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CentralOutcome<z.infer<S>>> {
    return this.connection.request(method, path, schema, { body, headers });
  }
}

/**
 * The central's health check, which the outbox asks while offline to notice that the central is
 * back. The slices' routes are on their own clients (queue/central.ts and the others).
 */
export class CentralClient extends CentralSliceClient {
  /** True when the central answers its health check. */
  async health(): Promise<boolean> {
    const outcome = await this.request('GET', '/v1/health', healthResponseSchema);
    return outcome.kind === 'ok';
  }
}
