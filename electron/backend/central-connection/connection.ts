import type { z } from 'zod';
import {
  errorResponseSchema,
  healthResponseSchema,
  IDEMPOTENCY_HEADER,
  issueTicketResponseSchema,
  listQueueCategoriesResponseSchema,
  numberBlockSchema,
  type numberBlockRequestSchema,
  type offlineTicketRequestSchema,
  REPLAYED_HEADER,
  type issueTicketRequestSchema,
} from '../../../central/contract';

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

export interface CentralClientOptions {
  baseUrl: string;
  deviceToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Asked for the terminal's current device token when the central answers 401 (field staff may
   * have re-enrolled the terminal while it ran, and the token where it is kept has changed). A
   * different token is used from then on and the refused request is sent again at once; the same
   * one, or none, leaves the request refused (its outbox item waits, staff are told).
   */
  reauthenticate?: () => Promise<string | undefined>;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The kiosk's client of the central acceptance API, typed by the central's own contract. */
export class CentralClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  private token: string;
  private renewing: Promise<string | undefined> | undefined;

  constructor(private readonly options: CentralClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? CENTRAL_REQUEST_TIMEOUT_MS;
    this.token = options.deviceToken;
  }

  /** A new token if the source has one other than `refused`; concurrent 401s ask once. */
  private async renewedToken(refused: string): Promise<string | undefined> {
    if (!this.options.reauthenticate) return undefined;
    if (this.token !== refused) return this.token; // another request already renewed it
    this.renewing ??= this.options.reauthenticate().finally(() => {
      this.renewing = undefined;
    });
    const fresh = await this.renewing.catch(() => undefined);
    if (fresh === undefined || fresh === refused) return undefined;
    this.token = fresh;
    return fresh;
  }

  issueTicket(payload: z.infer<typeof issueTicketRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/queue/tickets', issueTicketResponseSchema, payload, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  leaseNumberBlock(request: z.infer<typeof numberBlockRequestSchema>) {
    return this.request('POST', '/v1/queue/number-blocks', numberBlockSchema, request);
  }

  reconcileOfflineTicket(payload: z.infer<typeof offlineTicketRequestSchema>, idempotencyKey: string) {
    return this.request('POST', '/v1/queue/offline-tickets', issueTicketResponseSchema, payload, {
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    });
  }

  /** True when the central answers its health check. */
  async health(): Promise<boolean> {
    const outcome = await this.request('GET', '/v1/health', healthResponseSchema);
    return outcome.kind === 'ok';
  }

  listQueueCategories(hallId: string) {
    return this.request(
      'GET',
      `/v1/halls/${encodeURIComponent(hallId)}/queue-categories`,
      listQueueCategoriesResponseSchema,
    );
  }

  protected async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    headers: Record<string, string> = {},
    renewed = false,
  ): Promise<CentralOutcome<z.infer<S>>> {
    const token = this.token;
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.options.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
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
      const fresh = renewed ? undefined : await this.renewedToken(token);
      if (fresh !== undefined) return this.request(method, path, schema, body, headers, true);
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
