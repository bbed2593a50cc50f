import { IDEMPOTENCY_HEADER } from '../../../central/contract';
import {
  BATCH_PATH,
  batchResponseSchema,
  MAX_BATCH_REQUESTS,
  type BatchSubRequest,
} from '../../../central/http/batch-contract';
import { checkBatchable } from '../../../central/http/batchable';

/** How long a whole batch may take; each request's own deadline still applies to it. */
export const BATCH_TIMEOUT_MS = 30_000;

interface Waiting {
  url: URL;
  init: RequestInit | undefined;
  idempotencyKey: string;
  authorization: string;
  settled: boolean;
  resolve(response: Response): void;
  reject(error: unknown): void;
}

/** Statuses whose Response may not carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that sends the idempotent requests made in the same turn of the event loop as one
 * `POST /v1/batch` (see central/http/batch.ts). The outbox delivers the heads of many streams at
 * once; one round trip for all of them, instead of one each, is what lets a kiosk drain a long
 * queue quickly after an outage.
 *
 * Only requests carrying an Idempotency-Key are batched: if a batch fails half way (connection
 * reset after the central applied some), every request in it is retried, and only the key makes
 * that safe. Everything else, and a lone request, goes out as it is. Each caller gets an ordinary
 * Response (status, Retry-After, Idempotency-Replayed, body), so the clients above do not know
 * whether they were batched. A failure of the batch itself is each request's failure: a network
 * error rejects every one, a 401/429/5xx answers every one with that status. A central without
 * the batch route (404/405) is remembered and spoken to one request at a time.
 */
export function batchingFetch(
  options: {
    fetch?: typeof fetch;
    maxBatch?: number;
    batchTimeoutMs?: number;
    /** When the waiting requests are sent; the next macrotask by default. */
    defer?: (flush: () => void) => void;
  } = {},
): typeof fetch {
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const maxBatch = Math.min(options.maxBatch ?? MAX_BATCH_REQUESTS, MAX_BATCH_REQUESTS);
  const defer = options.defer ?? ((flush: () => void) => setImmediate(flush));
  const withoutBatchRoute = new Set<string>();
  let waiting: Waiting[] = [];
  let scheduled = false;

  const direct = (w: Waiting) => {
    send(w.url, w.init).then(
      (r) => settle(w, () => w.resolve(r)),
      (e: unknown) => settle(w, () => w.reject(e)),
    );
  };
  const settle = (w: Waiting, done: () => void) => {
    if (w.settled) return;
    w.settled = true;
    done();
  };

  async function sendBatch(origin: string, authorization: string, group: Waiting[]): Promise<void> {
    const requests: BatchSubRequest[] = group.map((w) => ({
      method: (w.init?.method ?? 'GET').toUpperCase() as BatchSubRequest['method'],
      path: w.url.pathname + w.url.search,
      idempotencyKey: w.idempotencyKey,
      ...(typeof w.init?.body === 'string' ? { body: w.init.body } : {}),
    }));
    let response: Response;
    try {
      response = await send(new URL(BATCH_PATH, origin), {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ requests }),
        signal: AbortSignal.timeout(options.batchTimeoutMs ?? BATCH_TIMEOUT_MS),
      });
    } catch (err) {
      for (const w of group) settle(w, () => w.reject(err));
      return;
    }
    if (response.status === 404 || response.status === 405) {
      // An older central: say nothing to the callers, send their requests one by one from now on.
      withoutBatchRoute.add(origin);
      await response.body?.cancel();
      group.forEach(direct);
      return;
    }
    const text = await response.text().catch(() => '');
    if (response.status !== 200) {
      for (const w of group) {
        settle(w, () =>
          w.resolve(new Response(text, { status: response.status, headers: response.headers })),
        );
      }
      return;
    }
    let parsed: ReturnType<typeof batchResponseSchema.safeParse> | undefined;
    try {
      parsed = batchResponseSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success || parsed.data.responses.length !== group.length) {
      // The caller's client treats a body that is not JSON as a malformed answer and retries.
      for (const w of group) {
        settle(w, () => w.resolve(new Response('malformed batch response', { status: 502 })));
      }
      return;
    }
    parsed.data.responses.forEach((sub, i) => {
      const w = group[i]!;
      const body = NULL_BODY_STATUSES.has(sub.status) ? null : sub.body;
      settle(w, () => w.resolve(new Response(body, { status: sub.status, headers: sub.headers })));
    });
  }

  function flush(): void {
    scheduled = false;
    const all = waiting.filter((w) => !w.settled);
    waiting = [];
    const groups = new Map<string, Waiting[]>();
    for (const w of all) {
      const key = `${w.url.origin} ${w.authorization}`;
      const group = groups.get(key);
      if (group) group.push(w);
      else groups.set(key, [w]);
    }
    for (const group of groups.values()) {
      const { origin } = group[0]!.url;
      for (let i = 0; i < group.length; i += maxBatch) {
        const chunk = group.slice(i, i + maxBatch);
        if (chunk.length === 1 || withoutBatchRoute.has(origin)) chunk.forEach(direct);
        else void sendBatch(origin, group[0]!.authorization, chunk);
      }
    }
  }

  return ((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof URL ? input : typeof input === 'string' ? new URL(input) : undefined;
    const headers = new Headers(init?.headers);
    const idempotencyKey = headers.get(IDEMPOTENCY_HEADER);
    // Only the central's batch allowlist is batched: anything else with a key (a certificate the
    // central draws for seconds, past a sub-request's deadline) goes by itself.
    const batchable =
      url !== undefined &&
      idempotencyKey !== null &&
      checkBatchable((init?.method ?? 'GET').toUpperCase(), url.pathname).ok &&
      (init?.body === undefined || init.body === null || typeof init.body === 'string') &&
      !withoutBatchRoute.has(url.origin);
    if (!batchable) return send(input, init);
    return new Promise<Response>((resolve, reject) => {
      const w: Waiting = {
        url,
        init,
        idempotencyKey,
        authorization: headers.get('authorization') ?? '',
        settled: false,
        resolve,
        reject,
      };
      const signal = init?.signal;
      if (signal?.aborted) return reject(signal.reason);
      // The request's own deadline holds inside a batch too; the batch goes on for the others.
      signal?.addEventListener('abort', () => settle(w, () => reject(signal.reason)), { once: true });
      waiting.push(w);
      if (!scheduled) {
        scheduled = true;
        defer(flush);
      }
    });
  }) as typeof fetch;
}
