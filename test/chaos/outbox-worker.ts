/**
 * A kiosk outbox in a process of its own, for the kill -9 chaos test: it enqueues ticket requests
 * (each one transaction) and delivers them to the central while the test kills it at random.
 *   node outbox-worker.mjs <dataDir> <centralUrl> <deviceToken> <mode: churn|drain> <seed>
 * Prints "ready" once the store is open; in drain mode exits 0 once nothing is left to deliver.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock } from '../../domain/clock';
import { createLogger } from '../../electron/backend/logging/logger';
import { openKioskDatabase } from '../../electron/backend/store/database';
import { FieldCipher } from '../../electron/backend/store/field-cipher';
import { LocalTickets } from '../../electron/backend/queue/store';
import { Outbox } from '../../electron/backend/store/outbox';
import { loadStoreKey } from '../../electron/backend/store/store-key';
import { batchingFetch } from '../../electron/backend/central-connection/batching-fetch';
import { CentralQueueClient } from '../../electron/backend/queue/central';
import { OutboxDelivery } from '../../electron/backend/store/outbox-delivery';
import { ticketKind } from '../../electron/backend/queue/outbox';
import { outboxHandlers } from '../../electron/backend/store/outbox-kind';

const [dataDir, centralUrl, deviceToken, mode, seed] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const CATEGORIES = 'ABCDEFGHIJ';

const logger = createLogger({ level: 'silent' });
const db = openKioskDatabase(join(dataDir, 'kiosk.db'));
const outbox = new Outbox(db, new FieldCipher(loadStoreKey(join(dataDir, 'store.key'))));
const tickets = new LocalTickets(db, outbox);
// Batched as in the kiosk: a batch lost or refused half way must still apply each action once.
const central = new CentralQueueClient({
  baseUrl: centralUrl,
  deviceToken,
  timeoutMs: 2_000,
  fetch: batchingFetch(),
});
const delivery = new OutboxDelivery({
  db,
  outbox,
  clock: systemClock,
  logger,
  handlers: outboxHandlers([ticketKind({ central, tickets, logger })]),
  random: () => 0.01,
});
delivery.start();
process.stdout.write('ready\n');

if (mode === 'drain') {
  const check = async () => {
    await delivery.sweep();
    const c = outbox.counts();
    if (c.pending === 0 && c['in-flight'] === 0) {
      db.close();
      process.exit(0);
    }
    setTimeout(() => void check(), 20);
  };
  void check();
} else {
  let n = 0;
  const enqueue = () => {
    const ref = createHash('sha256')
      .update(`${seed}:${n++}:${randomBytes(8).toString('hex')}`)
      .digest('hex');
    const category = CATEGORIES[ref.charCodeAt(0) % CATEGORIES.length]!;
    const { outboxId } = tickets.request(
      { hallId: 'HALL-CITY-01', category, terminalId: 'KIOSK-CHAOS', citizenRef: ref, priority: 'normal' },
      Date.now(),
    );
    void delivery.deliver(outboxId);
    setTimeout(enqueue, 1);
  };
  enqueue();
}
