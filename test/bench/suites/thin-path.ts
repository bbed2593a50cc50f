import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckCharacter } from '../../../domain/id-number';
import { sampleIdentity } from '../../../drivers/id-card-reader/simulated-sdt-device';
import { startKiosk } from '../../../electron/backend/kiosk';
import { createLogger } from '../../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../../electron/backend/session/test-support';
import { parseConfig } from '../../../kiosk-config/load-config';
import { bareRoutePost } from '../baselines/fastify-route';
import { bareSerialRoundTrips, CARD_READ_EXCHANGES } from '../baselines/serial-round-trip';
import { bareFullCommits } from '../baselines/sqlite-commit';
import { medianMs, sumOf, type BenchFigure } from '../figure';

const silent = () => createLogger({ level: 'silent' });

function identityNumber(n: number): string {
  const first17 = `3301061980010${String(n).padStart(4, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export const figures: BenchFigure[] = [
  {
    name: 'take a number: commit, central issues, ticket printed (p50)',
    unit: 'ms',
    baseline: sumOf(bareFullCommits(1_000).p50, bareRoutePost(100, 0.5)),
    // On top of one bare commit and one bare POST: the kiosk's identity check, the embedded central's
    // whole issue route (token, idempotency, hall and numbering), the acknowledgement commit, and the
    // slip encoded and printed over the simulated link. Measured 4.6× on a slow disk and 8.3× on a
    // quicker one, where that CPU work weighs more beside a cheap commit.
    targetRatio: 12,
    better: 'lower',
    async measure() {
      const kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'bench-')) }), {
        logger: silent(),
      });
      let n = 0;
      const categories = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
      try {
        return await medianMs(
          async () => {
            n++;
            await placeCardOnReader(kiosk, {
              identity: sampleIdentity({ idNumber: identityNumber(n) }),
              photo: new Uint8Array(),
            });
            const result = await kiosk.takeTicket(categories[n % categories.length]!);
            if (!result.ok) throw new Error(`ticket refused: ${result.code} ${result.detail ?? ''}`);
          },
          100,
          10,
        );
      } finally {
        await kiosk.close();
      }
    },
  },
  {
    name: 'ticket + outbox row, one synchronous=FULL transaction (p50)',
    unit: 'ms',
    baseline: bareFullCommits(1_000).p50,
    // Two rows (ticket and outbox) and the outbox row's sealed part in the one commit, on the kiosk's
    // store with its indexes: measured 0.8×–2.1×.
    targetRatio: 3.5,
    better: 'lower',
    async measure() {
      const kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'bench-')) }), {
        logger: silent(),
      });
      const tickets = kiosk.tickets;
      try {
        return await medianMs(() =>
          tickets.request(
            { hallId: 'H', category: 'A', terminalId: 'K', citizenRef: 'a'.repeat(64), priority: 'normal' },
            Date.now(),
          ),
        );
      } finally {
        await kiosk.close();
      }
    },
  },
  {
    name: 'ID card read: find, select, read over SDT frames (p50)',
    unit: 'ms',
    baseline: bareSerialRoundTrips('find+select+read exchanges', CARD_READ_EXCHANGES),
    // The kiosk's reader over its in-memory simulated link: frame parsing and the card-text decode,
    // no kernel in between; measured 0.04×–0.08× of the bare PTY exchanges.
    targetRatio: 0.4,
    better: 'lower',
    async measure() {
      const kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'bench-')) }), {
        logger: silent(),
      });
      kiosk.devices.stop();
      kiosk.devices.simulatedCard!.placeCard(sampleIdentity());
      try {
        return await medianMs(async () => {
          const result = await kiosk.devices.reader.readCard();
          if (!result.ok) throw new Error(result.error);
        });
      } finally {
        await kiosk.close();
      }
    },
  },
];
