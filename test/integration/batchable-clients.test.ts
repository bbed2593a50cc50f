import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_HEADER } from '../../central/contract';
import { BATCHABLE_ROUTES, checkBatchable } from '../../central/http/batchable';
import { CentralApplyClient } from '../../electron/backend/apply/central';
import { CentralClient } from '../../electron/backend/central-connection/connection';
import { CentralAppointmentsClient } from '../../electron/backend/appointments/central';
import { CentralEvaluationsClient } from '../../electron/backend/evaluations/central';
import { CentralPaymentsClient } from '../../electron/backend/payments/central';
import { CentralMaterialScanClient } from '../../electron/backend/material-scans/central';
import { CentralProofsClient } from '../../electron/backend/proofs/central';
import { CentralQueueClient } from '../../electron/backend/queue/central';
import { CentralRegionsClient } from '../../electron/backend/regions/central';
import { CentralStaffCallClient } from '../../electron/backend/staff-call/central';

/**
 * Sent with a key but never batched: the certificate is drawn at the central for seconds, past a
 * sub-request's deadline inside a batch, so the kiosk sends it by itself.
 */
const DIRECT_WITH_KEY = ['POST /v1/proofs'];

// The central's batch allowlist against the kiosk's own clients: a test of both sides, so it lives
// here rather than in central/, which imports nothing of the kiosk.
describe('the batch allowlist and the kiosk', () => {
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
      new CentralQueueClient(options),
      new CentralAppointmentsClient(options),
      new CentralPaymentsClient(options),
      new CentralEvaluationsClient(options),
      new CentralApplyClient(options),
      new CentralStaffCallClient(options),
      new CentralMaterialScanClient(options),
      new CentralProofsClient(options),
      new CentralRegionsClient(options),
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
    const direct = sent.filter((s) => s.idempotent && DIRECT_WITH_KEY.includes(`${s.method} ${s.path}`));
    expect(direct.map((s) => `${s.method} ${s.path}`)).toEqual(DIRECT_WITH_KEY);
    for (const s of direct) expect(checkBatchable(s.method, s.path).ok, `${s.method} ${s.path}`).toBe(false);
    const idempotent = sent.filter((s) => s.idempotent && !direct.includes(s));
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
