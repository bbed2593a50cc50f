import { z } from 'zod';

// One schema for the whole terminal. Field staff edit a JSON file; every field has a default that
// runs the terminal fully simulated against the embedded central API on loopback.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 08:30');

export const regionLevelSchema = z.enum(['city', 'district', 'street', 'community']);

const serialTransport = z.strictObject({
  kind: z.literal('serial'),
  /** A stable path such as /dev/serial/by-id/usb-... or COM3. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(115200),
});
const hidTransport = z.strictObject({
  kind: z.literal('hid'),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serialNumber: z.string().optional(),
});
const tcpTransport = z.strictObject({
  kind: z.literal('tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(9100),
});
const usbPrinterTransport = z.strictObject({
  kind: z.literal('usb-printer'),
  /** A printer-class device file, e.g. /dev/usb/lp0. */
  path: z.string().min(1),
});
const simulatedTransport = z.strictObject({ kind: z.literal('simulated') });

export const transportSchema = z.discriminatedUnion('kind', [
  serialTransport,
  hidTransport,
  tcpTransport,
  usbPrinterTransport,
  simulatedTransport,
]);

export const idCardReaderSchema = z.strictObject({
  driver: z.literal('sdt').default('sdt'),
  transport: transportSchema.default({ kind: 'simulated' }),
  /** How often the reader is asked whether a card is present. */
  pollIntervalMs: z.number().int().min(50).max(5000).default(300),
});

export const printerSchema = z.strictObject({
  driver: z.literal('escpos').default('escpos'),
  transport: transportSchema.default({ kind: 'simulated' }),
  paperWidthMm: z
    .union([z.literal(58), z.literal(80)], { error: 'a paper width of 58 or 80 (mm)' })
    .default(80),
});

export const devicesSchema = z.strictObject({
  idCardReader: idCardReaderSchema.default(idCardReaderSchema.parse({})),
  receiptPrinter: printerSchema.default(printerSchema.parse({})),
});

export const centralSchema = z.strictObject({
  /** 'embedded' runs the reference central API inside the kiosk process on loopback. */
  mode: z.enum(['embedded', 'remote']).default('embedded'),
  /** Base URL of a remote central API, e.g. https://central.example.gov.cn. Required when mode is remote. */
  baseUrl: z.url().optional(),
  /** Device token issued at enrolment. */
  deviceToken: z.string().min(16).default('dev-terminal-token-0000'),
  /**
   * Key of the digest by which the central tells citizens apart for queueing (one active ticket per
   * card) without receiving ID numbers. The same for every kiosk of a region; issued at enrolment.
   */
  citizenRefKey: z.string().min(16).default('dev-citizen-ref-key-0000'),
});

export const openingHoursSchema = z.strictObject({
  /** Days of the week the hall is open, 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6]),
  open: hhmm.default('08:30'),
  close: hhmm.default('17:30'),
});

export const idleSchema = z.strictObject({
  /** Seconds without a touch before the session ends and the screen goes home. */
  sessionSeconds: z.number().int().min(15).max(600).default(90),
  /** Longer in elderly mode: no unnecessary time limits. */
  elderlySessionSeconds: z.number().int().min(15).max(1200).default(180),
  /** Seconds of the visible countdown before the session ends. */
  warningSeconds: z.number().int().min(5).max(120).default(20),
});

export const kioskConfigSchema = z
  .strictObject({
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9-]{3,40}$/, 'letters, digits and dashes, 3 to 40 characters')
      .default('KIOSK-DEV-001'),
    hall: z
      .strictObject({
        id: z.string().min(1).default('HALL-CITY-01'),
        name: z.string().min(1).default('市民服务中心'),
        /** Printed as a QR code on each ticket so the citizen can follow the queue on a phone. */
        queueFollowUrl: z.url().default('https://zwfw.example.gov.cn/q'),
      })
      .default({ id: 'HALL-CITY-01', name: '市民服务中心', queueFollowUrl: 'https://zwfw.example.gov.cn/q' }),
    region: z
      .strictObject({
        /** 12-digit administrative region code (6 county + 3 street + 3 community). */
        code: z
          .string()
          .regex(/^\d{12}$/, 'a 12-digit region code')
          .default('330100000000'),
        level: regionLevelSchema.default('city'),
      })
      .default({ code: '330100000000', level: 'city' }),
    central: centralSchema.default(centralSchema.parse({})),
    devices: devicesSchema.default(devicesSchema.parse({})),
    openingHours: openingHoursSchema.default(openingHoursSchema.parse({})),
    idle: idleSchema.default(idleSchema.parse({})),
    languages: z
      .array(z.enum(['zh-CN', 'en']))
      .min(1)
      .default(['zh-CN', 'en']),
    store: z
      .strictObject({
        /**
         * The key file that seals queued personal data, readable only by the kiosk's user; kept
         * outside the data folder so a copy of the store alone reveals nothing. Ignored when the
         * Electron shell hands over a key from the OS key store.
         */
        keyFile: z.string().min(1).default('.kiosk-keys/store.key'),
        /** Hours an acknowledged action's payload is kept before it is purged. */
        retentionHours: z.number().min(0).max(24 * 30).default(24),
      })
      .default({ keyFile: '.kiosk-keys/store.key', retentionHours: 24 }),
    /** Where the kiosk keeps its SQLite store; relative paths are taken from the working directory. */
    dataDir: z.string().min(1).default('.kiosk-data'),
    browserHost: z
      .strictObject({
        /** Loopback port of the browser host (development, demos, end-to-end tests). 0 picks a free port. */
        port: z.number().int().min(0).max(65535).default(5780),
      })
      .default({ port: 5780 }),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.central.mode === 'remote' && !cfg.central.baseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['central', 'baseUrl'],
        message: 'a remote central API needs its base URL, e.g. "https://central.example.gov.cn"',
      });
    }
  });

export type KioskConfig = z.infer<typeof kioskConfigSchema>;
export type TransportConfig = z.infer<typeof transportSchema>;

/** True when every device of the terminal is simulated: only then are the developer endpoints offered. */
export function allDevicesSimulated(cfg: KioskConfig): boolean {
  return (
    cfg.devices.idCardReader.transport.kind === 'simulated' &&
    cfg.devices.receiptPrinter.transport.kind === 'simulated'
  );
}
