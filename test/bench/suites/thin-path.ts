import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckCharacter } from '../../../domain/id-number';
import { sampleIdentity } from '../../../drivers/id-card-reader/simulated-sdt-device';
import { startKiosk } from '../../../electron/backend/kiosk';
import { createLogger } from '../../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../../electron/backend/session/test-support';
import { parseConfig } from '../../../kiosk-config/load-config';
import { medianMs, type BenchFigure } from '../figure';

const silent = () => createLogger({ level: 'silent' });

function identityNumber(n: number): string {
  const first17 = `3301061980010${String(n).padStart(4, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export const figures: BenchFigure[] = [
  {
    name: 'take a number: commit, central issues, ticket printed (p50)',
    unit: 'ms',
    target: 100,
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
    target: 5,
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
    target: 20,
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
