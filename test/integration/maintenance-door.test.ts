import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { hashPin } from '../../electron/backend/maintenance/pin-hash';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = undefined;
  kiosk = undefined;
});

const PIN = '864213';

/** Lets every request already sent run as far as it can without waiting on the thread pool. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

describe('the maintenance door under a burst of PINs', () => {
  it('keeps answering citizens (the event loop and the thread pool) while 41 PINs are sent at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-door-'));
    // The real hash at the parameters set-pin writes: every check is a 32 MiB scrypt.
    const pinHash = await hashPin(PIN);
    kiosk = await startKiosk(
      parseConfig({
        dataDir: join(dir, 'data'),
        store: { keyFile: join(dir, 'keys', 'store.key') },
        maintenance: { pinHash },
      }),
      { logger: createTestLogger() },
    );
    app = Fastify();
    registerApiRoutes(app, kiosk);
    await app.ready();
    const a = app;
    let settled = 0;
    const login = (pin: string) =>
      a.inject({ method: 'POST', url: '/api/maintenance/login', payload: { pin } }).finally(() => settled++);
    const burst = [...Array.from({ length: 40 }, (_, i) => login(String(500000 + i))), login(PIN)];
    const started = Date.now();
    await turns(20);
    // A citizen's request, and a file read that needs a thread of the same pool scrypt runs on
    // (static files, logs): both answer while the burst is still in flight.
    const [state] = await Promise.all([
      a.inject({ method: 'GET', url: '/api/state' }),
      readFile(join(dir, 'keys', 'store.key')),
    ]);
    const answeredAfterMs = Date.now() - started;
    const settledWhenAnswered = settled;
    // PINs whose check had finished by then (every audited attempt but those refused unchecked).
    const checkedWhenAnswered = (
      kiosk.db
        .prepare(
          `SELECT COUNT(*) AS n FROM maintenance_audit WHERE action = 'enter' AND detail NOT LIKE '%PIN not checked'`,
        )
        .get() as { n: number }
    ).n;
    expect(state.statusCode).toBe(200);
    expect(state.json().ok).toBe(true);
    const results = await Promise.all(burst);
    const burstMs = Date.now() - started;
    expect(settledWhenAnswered, `answered after ${answeredAfterMs} ms of a ${burstMs} ms burst`).toBeLessThan(
      41,
    );
    // Before the burst's allowance was even checked: a burst queued 41 checks ahead of it before.
    expect(checkedWhenAnswered, `answered after ${answeredAfterMs} ms of a ${burstMs} ms burst`).toBeLessThan(
      5,
    );
    // And the burst itself: at most the allowance was checked, nothing got in.
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(4);
    expect(results.filter((r) => r.statusCode === 423)).toHaveLength(37);
  });
});
