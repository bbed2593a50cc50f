// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ManualScheduler } from '../time/scheduler';
import {
  createFakeEventSource,
  FakeBackend,
  FakeEventSource,
  makeState,
  makeTicket,
} from '../testing/fakeBackend';
import { createApiClient, EVENTS_RECONNECT_MAX_MS, EVENTS_RECONNECT_MIN_MS, subscribeEvents } from './client';
import type { FetchLike } from './client';

const respond =
  (text: string, status = 200): FetchLike =>
  async () =>
    new Response(text, { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('returns the validated state', async () => {
    const backend = new FakeBackend();
    const client = createApiClient({ fetch: backend.fetch, scheduler: new ManualScheduler() });
    const r = await client.getState();
    expect(r).toEqual({ ok: true, value: makeState() });
  });

  it('sends same-origin credentials, JSON and relative URLs', async () => {
    const fetch = vi.fn<FetchLike>(respond(JSON.stringify({ ok: true, ticket: makeTicket() })));
    const client = createApiClient({ fetch, scheduler: new ManualScheduler() });
    await client.takeTicket('A');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/queue/tickets');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"category":"A"}');
  });

  it('ends the session and reads the categories at the paths of the endpoint tables', async () => {
    const backend = new FakeBackend();
    const client = createApiClient({ fetch: backend.fetch, scheduler: new ManualScheduler() });
    expect(await client.endSession()).toEqual({ ok: true, value: true });
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(1);
    const categories = await client.getCategories();
    expect(categories.ok && categories.value.length).toBeGreaterThan(0);
    expect(backend.callsTo('GET', '/api/queue/categories')).toHaveLength(1);
  });

  it('turns malformed JSON into internal', async () => {
    const client = createApiClient({
      fetch: respond('<html>502 Bad Gateway</html>'),
      scheduler: new ManualScheduler(),
    });
    const r = await client.getState();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });

  it('turns a malformed error body (5xx, not JSON) into internal', async () => {
    const client = createApiClient({ fetch: respond('oops', 502), scheduler: new ManualScheduler() });
    const r = await client.takeTicket('A');
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a response that breaks the contract into internal', async () => {
    const client = createApiClient({
      fetch: respond(JSON.stringify({ ok: true, state: { hallName: 'x' } })),
      scheduler: new ManualScheduler(),
    });
    expect(await client.getState()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a network failure into internal', async () => {
    const client = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      scheduler: new ManualScheduler(),
    });
    expect(await client.getCategories()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes an error body through, with its ticket', async () => {
    const ticket = makeTicket({ number: 'A003', printed: false });
    const client = createApiClient({
      fetch: respond(JSON.stringify({ ok: false, error: { code: 'printer-paper-out', ticket } }), 503),
      scheduler: new ManualScheduler(),
    });
    expect(await client.takeTicket('A')).toEqual({ ok: false, error: { code: 'printer-paper-out', ticket } });
  });

  it('gives up on a request that hangs, as internal', async () => {
    const scheduler = new ManualScheduler();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const client = createApiClient({ fetch, scheduler, timeoutMs: 5_000 });
    const pending = client.getState();
    scheduler.advance(5_000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(scheduler.pendingTimers).toBe(0);
  });

  it('refuses a bad category code without a request', async () => {
    const fetch = vi.fn<FetchLike>();
    const client = createApiClient({ fetch, scheduler: new ManualScheduler() });
    expect(await client.takeTicket('a1')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('serves endpoints with failures and headers of their own over the same deadline', async () => {
    const scheduler = new ManualScheduler();
    const seen: RequestInit[] = [];
    let hang = false;
    const fetch: FetchLike = (_url, init) => {
      seen.push(init);
      if (!hang) {
        return Promise.resolve(
          new Response(JSON.stringify({ ok: false, error: { code: 'wrong-pin', attemptsLeft: 2 } }), {
            status: 401,
          }),
        );
      }
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const door = createApiClient({ fetch, scheduler, timeoutMs: 5_000 }).withFailures(
      {
        errorBody: z.object({ error: z.object({ code: z.string(), attemptsLeft: z.number().optional() }) }),
        local: (code, detail) => ({ code: `door-${code}`, detail }),
      },
      () => ({ 'x-door': 'open' }),
    );
    const refused = await door.request('POST', '/api/door/login', z.object({ ok: z.literal(true) }), {});
    expect(refused).toEqual({ ok: false, error: { code: 'wrong-pin', attemptsLeft: 2 } });
    expect(seen[0]!.headers).toMatchObject({ 'x-door': 'open' });
    hang = true;
    const pending = door.request('GET', '/api/door/overview', z.object({ ok: z.literal(true) }));
    scheduler.advance(5_000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'door-internal' } });
  });
});

describe('event stream', () => {
  it('delivers valid events, ignores malformed or unknown ones', () => {
    FakeEventSource.instances = [];
    const onEvent = vi.fn();
    const stop = subscribeEvents(
      { onEvent },
      { scheduler: new ManualScheduler(), createEventSource: createFakeEventSource },
    );
    const es = FakeEventSource.latest();
    expect(es.url).toBe('/api/events');
    es.open();
    es.emit({ type: 'state-changed' });
    es.emit('not json');
    es.emit('{"type":"ticket-printed"}');
    es.emit({ type: 'card-error', code: 'card-read-failed' });
    expect(onEvent.mock.calls).toEqual([
      [{ type: 'state-changed' }],
      [{ type: 'card-error', code: 'card-read-failed' }],
    ]);
    stop();
    expect(es.closed).toBe(true);
  });

  it('reconnects with backoff when the browser gives up, and reports each reopen', () => {
    FakeEventSource.instances = [];
    const scheduler = new ManualScheduler();
    const onOpen = vi.fn();
    const stop = subscribeEvents(
      { onEvent: () => {}, onOpen },
      { scheduler, createEventSource: createFakeEventSource },
    );
    FakeEventSource.latest().fail();
    expect(FakeEventSource.instances).toHaveLength(1);
    scheduler.advance(EVENTS_RECONNECT_MIN_MS);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.latest().fail();
    scheduler.advance(EVENTS_RECONNECT_MIN_MS);
    expect(FakeEventSource.instances).toHaveLength(2); // second wait is longer
    scheduler.advance(EVENTS_RECONNECT_MIN_MS);
    expect(FakeEventSource.instances).toHaveLength(3);
    // The delay is capped.
    for (let i = 0; i < 10; i++) {
      FakeEventSource.latest().fail();
      scheduler.advance(EVENTS_RECONNECT_MAX_MS);
    }
    expect(FakeEventSource.instances).toHaveLength(13);
    FakeEventSource.latest().open();
    expect(onOpen).toHaveBeenCalledTimes(1);
    stop();
    expect(scheduler.pendingTimers).toBe(0);
  });
});
