import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral } from '../../central/start';
import { ManualClock } from '../../domain/clock';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { openKioskDatabase } from '../../electron/backend/store/database';
import { FieldCipher } from '../../electron/backend/store/field-cipher';
import { LocalTickets } from '../../electron/backend/queue/store';
import { Outbox } from '../../electron/backend/store/outbox';
import { batchingFetch } from '../../electron/backend/central-connection/batching-fetch';
import { CentralQueueClient } from '../../electron/backend/queue/central';
import { BACKOFF_CAP_MS, OutboxDelivery } from '../../electron/backend/store/outbox-delivery';
import { ticketKind } from '../../electron/backend/queue/outbox';
import { outboxHandlers } from '../../electron/backend/store/outbox-kind';
import { RETRY_AFTER_SECONDS, startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';

const TOKEN = 'chaos-device-token-000001';
const ACTIONS = Number(process.env.CHAOS_ACTIONS ?? 120);
const FAULTS: Fault[] = ['drop', 'reset-after-apply', 'reset-mid-response', 'delay', 'http-500', 'http-429'];

/** A deterministic pseudo-random sequence, so a failing run can be replayed with its seed. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('delivery through a faulty network with partitions (injected clock)', () => {
  let central: Awaited<ReturnType<typeof startCentral>>;
  let proxy: FaultProxy;
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 2, 0, 0));
  const start = clock.now();
  const seed = Number(process.env.CHAOS_SEED ?? 20261125);
  const random = lcg(seed);
  /** A partition of four minutes, in kiosk time. */
  const partitioned = () => clock.now() >= start + 60_000 && clock.now() < start + 300_000;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-faults-'));
    central = await startCentral({
      dbPath: join(dir, 'central.db'),
      port: 0,
      deviceTokens: [TOKEN],
      logger: false,
    });
    proxy = await startFaultProxy(central.baseUrl, () =>
      partitioned() ? 'drop' : random() < 0.45 ? FAULTS[Math.floor(random() * FAULTS.length)]! : 'pass',
    );
  });

  afterAll(async () => {
    await proxy?.close();
    await central?.close();
  });

  it(`delivers ${ACTIONS} actions exactly once, backs off within bounds, dead-letters the poison and never sticks`, async () => {
    const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-faults-')), 'kiosk.db'));
    const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
    const tickets = new LocalTickets(db, outbox);
    const logger = createTestLogger();
    // Batched as in the kiosk: a batch lost or refused half way must still apply each action once.
    const client = new CentralQueueClient({
      baseUrl: proxy.url,
      deviceToken: TOKEN,
      timeoutMs: 2_000,
      fetch: batchingFetch(),
    });
    const delivery = new OutboxDelivery({
      db,
      outbox,
      clock,
      logger,
      handlers: outboxHandlers([ticketKind({ central: client, tickets, logger })]),
      random,
    });
    const poison = tickets.request(
      {
        hallId: 'HALL-CITY-01',
        category: 'Z',
        terminalId: 'KIOSK-FAULTS',
        citizenRef: 'f'.repeat(64),
        priority: 'normal',
      },
      clock.now(),
    );
    for (let i = 0; i < ACTIONS; i++) {
      tickets.request(
        {
          hallId: 'HALL-CITY-01',
          category: 'ABCDEFGHIJ'[i % 10]!,
          terminalId: 'KIOSK-FAULTS',
          citizenRef: randomBytes(32).toString('hex'),
          priority: 'normal',
        },
        clock.now(),
      );
      // Some arrive during the partition.
      if (i === Math.floor(ACTIONS / 2)) await clock.advance(90_000);
    }
    delivery.start();
    let steps = 0;
    while (outbox.stats(clock.now()).pending + outbox.stats(clock.now()).inFlight > 0 && steps++ < 5_000) {
      await clock.advance(1_000);
      await delivery.idle();
    }
    delivery.stop();
    await delivery.idle();

    // Nothing stuck, the poison dead-lettered with its reason, everything else acknowledged.
    expect(outbox.counts()).toEqual({ pending: 0, 'in-flight': 0, acknowledged: ACTIONS, rejected: 1 });
    expect(outbox.get(poison.outboxId)?.lastError).toMatch(/^HTTP 4\d\d /);
    // The partition and the faults really happened.
    expect(proxy.counts.drop).toBeGreaterThan(0);
    expect(proxy.counts['reset-after-apply']).toBeGreaterThan(0);
    expect(proxy.counts['http-429']).toBeGreaterThan(0);

    // Backoff: never beyond the cap, never sooner than Retry-After.
    const retries = logger.lines
      .map((l) => JSON.parse(l) as { event: string; delayMs?: number; reason?: string })
      .filter((l) => l.event === 'outbox.retry');
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) {
      expect(r.delayMs).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      if (r.reason?.startsWith('HTTP 429'))
        expect(r.delayMs).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    }

    // Exactly once at the central, and the kiosk knows every number.
    const res = await fetch(`${central.baseUrl}/v1/queue/tickets?hallId=HALL-CITY-01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { tickets: held } = (await res.json()) as { tickets: { number: string; terminalId: string }[] };
    const numbers = held
      .filter((t) => t.terminalId === 'KIOSK-FAULTS')
      .map((t) => t.number)
      .sort();
    expect(numbers).toHaveLength(ACTIONS);
    expect(new Set(numbers).size).toBe(ACTIONS);
    const local = (
      db.prepare(`SELECT number FROM local_tickets WHERE state = 'issued'`).all() as { number: string }[]
    )
      .map((r) => r.number)
      .sort();
    expect(local).toEqual(numbers);
    db.close();
  }, 300_000);
});
