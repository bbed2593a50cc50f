/**
 * The renderer's only way to the kiosk backend: relative /api URLs (same origin in every host) and
 * one EventSource on /api/events. Every request has a deadline and every response is validated
 * with the endpoint tables' zod schemas. Nothing here throws: a network failure, a timeout or a
 * malformed response becomes error code 'internal', so a screen always has a message to show.
 */
import '../zodConfig';
import type { z } from 'zod';
import type { Result } from '../../../domain/result';
import { errorBodySchema, kioskEndpoints, kioskEventSchema } from '../../../electron/backend/api/contract';
import type { ErrorCode, KioskEvent, KioskState } from '../../../electron/backend/api/contract';
import { queueEndpoints } from '../../../electron/backend/queue/contract';
import type { IssuedTicket, QueueCategory } from '../../../electron/backend/queue/contract';
import { endpointClient } from './endpoint-client';
import { browserScheduler } from '../time/scheduler';
import type { Scheduler, TimerHandle } from '../time/scheduler';

/** An expected failure, as the screens see it. `detail` is for logs only, never shown to citizens. */
export interface ApiError {
  code: ErrorCode;
  detail?: string;
  /** A ticket that was issued but not printed, or that already existed. */
  ticket?: IssuedTicket;
  /** A citizen journey's precise reason: shown as `journeyErrors.<reason>`. */
  reason?: string;
}

export type ApiResult<T> = Result<T, { error: ApiError }>;

/**
 * Printing a ticket happens inside POST /api/queue/tickets, and a printer may take several seconds
 * to report paper-out; beyond this the citizen is better served by a message than by a spinner.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Defaults to the page's fetch, looked up at call time (so tests may stub it). */
  fetch?: FetchLike;
  scheduler?: Scheduler;
  timeoutMs?: number;
}

/**
 * How the failures of a family of endpoints read: their error body, and the failures the client
 * finds by itself (a request it will not send, no answer, an answer off the contract) in its terms.
 */
export interface FailureShape<E> {
  errorBody: z.ZodType<{ error: E }>;
  local(code: 'bad-request' | 'internal', detail: string): E;
}

/** Requests with their deadline, answers validated with `schema`, failures as `E`. */
export interface RequestClient<E = ApiError> {
  request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<Result<z.infer<S>, { error: E }>>;
  readonly failures: FailureShape<E>;
}

export interface ApiClient extends RequestClient<ApiError> {
  getState(): Promise<ApiResult<KioskState>>;
  getCategories(): Promise<ApiResult<QueueCategory[]>>;
  takeTicket(category: string): Promise<ApiResult<IssuedTicket>>;
  endSession(): Promise<ApiResult<true>>;
  /**
   * The same client (fetch, deadline) for endpoints with failures of their own and headers of
   * their own: the maintenance door, with its codes and its session token.
   */
  withFailures<E>(failures: FailureShape<E>, headers?: () => Record<string, string>): RequestClient<E>;
}

const kioskFailures: FailureShape<ApiError> = {
  errorBody: errorBodySchema,
  local: (code, detail) => ({ code, detail }),
};

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const scheduler = options.scheduler ?? browserScheduler;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  const client = <E>(
    failures: FailureShape<E>,
    extraHeaders: () => Record<string, string> = () => ({}),
  ): RequestClient<E> => ({
    failures,
    request: (method, path, schema, body) => send(failures, extraHeaders(), method, path, schema, body),
  });

  async function send<E, S extends z.ZodType>(
    failures: FailureShape<E>,
    extraHeaders: Record<string, string>,
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<Result<z.infer<S>, { error: E }>> {
    const internal = (detail: string) => ({ ok: false as const, error: failures.local('internal', detail) });
    const controller = new AbortController();
    let timer: TimerHandle | null = scheduler.setTimeout(() => {
      timer = null;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(path, {
          method,
          credentials: 'same-origin',
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (err) {
        return internal(`${method} ${path}: network failure: ${String(err)}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(await response.text());
      } catch {
        return internal(`${method} ${path}: HTTP ${response.status} with a body that is not JSON`);
      }
      if (response.ok) {
        const parsed = schema.safeParse(json);
        if (parsed.success) return { ok: true, value: parsed.data };
        return internal(`${method} ${path}: response does not match the contract`);
      }
      const failure = failures.errorBody.safeParse(json);
      if (failure.success) return { ok: false, error: failure.data.error };
      return internal(`${method} ${path}: HTTP ${response.status} with a malformed error body`);
    } finally {
      if (timer !== null) scheduler.clearTimeout(timer);
    }
  }

  const { request } = client(kioskFailures);
  const kiosk = endpointClient(kioskEndpoints, { request, failures: kioskFailures });
  const queue = endpointClient(queueEndpoints, { request, failures: kioskFailures });
  return {
    request,
    failures: kioskFailures,
    withFailures: client,
    async getState() {
      const r = await kiosk.state();
      return r.ok ? { ok: true, value: r.value.state } : r;
    },
    async getCategories() {
      const r = await queue.categories();
      return r.ok ? { ok: true, value: r.value.categories } : r;
    },
    async takeTicket(category) {
      const r = await queue.takeTicket({ body: { category } });
      return r.ok ? { ok: true, value: r.value.ticket } : r;
    },
    async endSession() {
      const r = await kiosk.endSession();
      return r.ok ? { ok: true, value: true } : r;
    },
  };
}

/** The client the app uses. */
export const api: ApiClient = createApiClient();

// ---- The event stream ----

/** The part of EventSource we use; injectable because jsdom has none. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up (HTTP error or wrong content type) and will not retry. */
const EVENT_SOURCE_CLOSED = 2;

/**
 * Reconnect delays after the browser gives up on the stream: quick first (the backend restarts in
 * about a second after a crash), then no more often than every 15 s so a dead backend is not
 * hammered.
 */
export const EVENTS_RECONNECT_MIN_MS = 1_000;
export const EVENTS_RECONNECT_MAX_MS = 15_000;

export interface EventHandlers {
  onEvent(event: KioskEvent): void;
  /** The stream is (again) connected: events may have been missed, so refetch state. */
  onOpen?(): void;
  /** The stream dropped; it is being retried. */
  onError?(): void;
}

export interface SubscribeOptions {
  scheduler?: Scheduler;
  createEventSource?: EventSourceFactory;
  url?: string;
}

/**
 * Subscribes to /api/events with automatic reconnect. The browser's EventSource retries by itself
 * after a dropped connection; when it gives up (CLOSED) we open a new one with backoff. Malformed
 * or unknown events are ignored. Returns the unsubscribe function.
 */
export function subscribeEvents(handlers: EventHandlers, options: SubscribeOptions = {}): () => void {
  const scheduler = options.scheduler ?? browserScheduler;
  const create: EventSourceFactory =
    options.createEventSource ?? ((url) => new EventSource(url, { withCredentials: false }));
  const url = options.url ?? '/api/events';
  let source: EventSourceLike | null = null;
  let retryTimer: TimerHandle | null = null;
  let delay = EVENTS_RECONNECT_MIN_MS;
  let stopped = false;

  const connect = (): void => {
    retryTimer = null;
    if (stopped) return;
    let es: EventSourceLike;
    try {
      es = create(url);
    } catch {
      scheduleReconnect();
      return;
    }
    source = es;
    es.onopen = () => {
      delay = EVENTS_RECONNECT_MIN_MS;
      handlers.onOpen?.();
    };
    es.onmessage = (ev: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      const parsed = kioskEventSchema.safeParse(data);
      if (parsed.success) handlers.onEvent(parsed.data);
    };
    es.onerror = () => {
      handlers.onError?.();
      if (es.readyState === EVENT_SOURCE_CLOSED && source === es) {
        es.close();
        source = null;
        scheduleReconnect();
      }
    };
  };

  const scheduleReconnect = (): void => {
    if (stopped || retryTimer !== null) return;
    retryTimer = scheduler.setTimeout(connect, delay);
    delay = Math.min(delay * 2, EVENTS_RECONNECT_MAX_MS);
  };

  connect();
  return () => {
    stopped = true;
    if (retryTimer !== null) scheduler.clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
  };
}
