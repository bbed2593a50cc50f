import { describe, expect, it } from 'vitest';
import { CentralApplyClient } from '../../electron/backend/apply/central';
import { CentralClient } from '../../electron/backend/central-connection/connection';
import { CentralAppointmentsClient } from '../../electron/backend/appointments/central';
import { CentralEvaluationsClient } from '../../electron/backend/evaluations/central';
import { CentralPaymentsClient } from '../../electron/backend/payments/central';
import { IDEMPOTENCY_HEADER } from '../contract';
import { makeApp } from '../test-support';
import { BATCHABLE_ROUTES, checkBatchable, normaliseRequestPath } from './batchable';

describe('normaliseRequestPath', () => {
  it('gives one form for the many ways of writing a path', () => {
    for (const written of [
      '/v1/batch',
      '/v1/%62atch',
      '/v1/./batch',
      '/v1/%2e/batch',
      '/v1/x/../batch',
      '/v1/x/%2E%2E/batch',
      '//v1//batch/',
    ]) {
      expect(normaliseRequestPath(written), written).toEqual({
        ok: true,
        path: '/v1/batch',
        segments: ['v1', 'batch'],
      });
    }
  });

  it('re-encodes each segment, so the router decodes it back to what was checked', () => {
    const result = normaliseRequestPath('/v1/appointments/AB%20C%E5%BC%A0/check-in');
    expect(result).toEqual({
      ok: true,
      path: '/v1/appointments/AB%20C%E5%BC%A0/check-in',
      segments: ['v1', 'appointments', 'AB C张', 'check-in'],
    });
  });

  it('refuses what could be read more than one way', () => {
    for (const written of [
      'v1/batch',
      '/v1\\batch',
      '/v1%2fbatch',
      '/v1%2Fbatch',
      '/v1%5cbatch',
      '/v1/batch%00',
      '/v1/batch\u0000',
      '/v1/%0abatch',
      '/v1/batch?x=1',
      '/v1/batch#x',
      '/v1/%zz',
      '/v1/%E5%BC',
      '/../v1/batch',
      '/v1/../../batch',
    ]) {
      expect(normaliseRequestPath(written).ok, written).toBe(false);
    }
  });
});

describe('BATCHABLE_ROUTES', () => {
  it('matches parameters as one non-empty segment only', () => {
    expect(checkBatchable('POST', '/v1/appointments/A-1/check-in')).toMatchObject({ ok: true });
    expect(checkBatchable('POST', '/v1/appointments/check-in').ok).toBe(false);
    expect(checkBatchable('POST', '/v1/appointments/A/B/check-in').ok).toBe(false);
    expect(checkBatchable('GET', '/v1/appointments/A-1/check-in').ok).toBe(false);
  });

  it('lists routes the central has, none of them a stream or the batch itself', async () => {
    const { app } = await makeApp();
    try {
      const doc = app.swagger() as {
        paths: Record<string, Record<string, { produces?: string[]; responses?: Record<string, unknown> }>>;
      };
      for (const route of BATCHABLE_ROUTES) {
        const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
        const op = doc.paths[openApiPath]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        expect(JSON.stringify(op)).not.toContain('text/event-stream');
        expect(route.path).not.toBe('/v1/batch');
      }
    } finally {
      await app.close();
    }
  });

  it('is exactly what the kiosk’s clients send with an Idempotency-Key (what its outbox batches)', async () => {
    const sent: { method: string; path: string; idempotent: boolean }[] = [];
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      sent.push({
        method: (init?.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        idempotent: new Headers(init?.headers).has(IDEMPOTENCY_HEADER),
      });
      return new Response('{}', { status: 503 });
    }) as typeof fetch;
    const options = { baseUrl: 'http://central.test', deviceToken: 'token-0001', fetch: recording };
    // Every public method of every client, whatever its arguments: the paths are what counts.
    for (const client of [
      new CentralClient(options),
      new CentralAppointmentsClient(options),
      new CentralPaymentsClient(options),
      new CentralEvaluationsClient(options),
      new CentralApplyClient(options),
    ]) {
      const methods = new Set<string>();
      for (
        let proto = Object.getPrototypeOf(client);
        proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto)
      ) {
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (name !== 'constructor' && name !== 'request' && name !== 'renewedToken') methods.add(name);
        }
      }
      for (const name of methods) {
        const method = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
        if (typeof method !== 'function') continue;
        try {
          await method.call(client, 'ARG-0001', 'ARG-0002', 'ARG-0003');
        } catch {
          // A method that refuses such arguments sends nothing, which is fine here.
        }
      }
    }
    const idempotent = sent.filter((s) => s.idempotent);
    expect(idempotent.length).toBeGreaterThanOrEqual(BATCHABLE_ROUTES.length);
    const matched = new Set<string>();
    for (const s of idempotent) {
      const check = checkBatchable(s.method, s.path);
      expect(check.ok, `${s.method} ${s.path}`).toBe(true);
      if (check.ok) matched.add(`${check.route.method} ${check.route.path}`);
    }
    expect([...matched].sort()).toEqual(BATCHABLE_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    // What the kiosk sends without a key (reads, number blocks) is never batched, and is not listed.
    for (const s of sent.filter((x) => !x.idempotent)) {
      expect(checkBatchable(s.method, s.path).ok, `${s.method} ${s.path}`).toBe(false);
    }
  });
});
