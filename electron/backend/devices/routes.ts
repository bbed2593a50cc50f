import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardIdentity } from '../../../drivers/id-card-reader/types';
import { registerEndpoints, type RegisterOptions } from '../api/endpoint-routes';
import { developerDeviceEndpoints } from './contract';
import type { KioskDevices } from './kiosk-devices';

/** A valid 18-character number for a simulated card: region, birth date, sequence, check character. */
function simulatedIdNumber(birthDate: string, gender: 'male' | 'female'): string {
  const first17 = `330106${birthDate.replaceAll('-', '')}12${gender === 'male' ? 3 : 4}`;
  return first17 + idCheckCharacter(first17);
}

/**
 * Developer control of the simulated card reader and printer, from the table. The table marks
 * every entry `developer`, so a terminal with any real device registers none of them (and has no
 * simulators to drive).
 */
export function registerDeveloperDeviceRoutes(
  app: FastifyInstance,
  devices: KioskDevices,
  options: RegisterOptions,
): void {
  const card = () => devices.simulatedCard!;
  const printer = () => devices.simulatedPrinter!;
  const done = { ok: true, value: {} } as const;
  registerEndpoints(
    app,
    developerDeviceEndpoints,
    {
      placeCard: ({ body }) => {
        const identity: CardIdentity = {
          cardType: body.cardType,
          name: body.name,
          gender: body.gender,
          nationCode: '01',
          birthDate: body.birthDate,
          address: body.address,
          idNumber: body.idNumber ?? simulatedIdNumber(body.birthDate, body.gender),
          issuingAuthority: '杭州市公安局上城分局',
          validFrom: '2020-01-01',
          validTo: '2040-01-01',
        };
        card().placeCard(identity);
        return done;
      },
      removeCard: () => {
        card().removeCard();
        return done;
      },
      setPrinterState: async ({ body }) => {
        printer().setState(body.state);
        await devices.refreshPrinterStatus();
        return done;
      },
      paper: () => ({ ok: true, value: { lines: printer().paperLines() } }),
      tearPaper: () => {
        printer().clearPaper();
        return done;
      },
      paperPreview: () => ({ ok: true, value: { image: devices.paperPreview() ?? null } }),
    },
    options,
  );
}
