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
/**
 * How a reader tunnels its byte protocol through HID reports (per model). The default assumes
 * `reportId | count | payload | zero padding` in 64-byte reports; see the README's Hardware section.
 */
const hidReportFramingSchema = z.strictObject({
  reportId: z.number().int().min(0).max(255).default(0),
  reportLength: z.number().int().min(8).max(1024).default(64),
  lengthPrefixed: z.boolean().default(true),
});
const hidTransport = z.strictObject({
  kind: z.literal('hid'),
  /** The device is found again by these after a replug, never by its OS path. */
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serialNumber: z.string().optional(),
  /** Picks the interface of a composite device, e.g. 140 (0x8C) for a HID POS scanner. */
  usagePage: z.number().int().min(0).max(0xffff).optional(),
  /** Only for byte-stream devices (the ID card reader) tunnelled through HID. */
  reportFraming: hidReportFramingSchema.default(hidReportFramingSchema.parse({})),
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

const hexBytes = z.string().regex(/^\s*([0-9a-fA-F]{2}[\s,:]*)+$/, 'bytes in hex, e.g. "1D 65 05"');

/** A kiosk printer's presenter; every command is per model (see the printer's manual). */
export const presenterSchema = z.strictObject({
  ejectCommand: hexBytes.default('1D 65 05'),
  retractCommand: hexBytes.default('1D 65 02'),
  /** Seconds an ejected ticket may wait for the citizen before it is retracted; 0 = never. */
  retractAfterSeconds: z.number().int().min(0).max(600).default(30),
  /** Ticket-taken detection: a query answered by one byte, and the bit(s) set while a ticket is there. */
  takenDetection: z
    .strictObject({
      query: hexBytes.default('1D 72 01'),
      ticketPresentMask: z.number().int().min(1).max(255).default(0x04),
    })
    .optional(),
});

export const ticketDispenserSchema = z.strictObject({
  /**
   * "shared": queue tickets print on the receipt printer. "own": on the printer configured here,
   * a separate ticket printer.
   */
  printer: z.enum(['shared', 'own']).default('shared'),
  /** Only for printer "own". */
  transport: transportSchema.default({ kind: 'simulated' }),
  paperWidthMm: z
    .union([z.literal(58), z.literal(80)], { error: 'a paper width of 58 or 80 (mm)' })
    .default(80),
  /** Absent: the printer has no presenter (the ticket is cut and falls or tears off). */
  presenter: presenterSchema.optional(),
  /** An optional HID "take a number" button / LED panel. */
  buttonPanel: z
    .strictObject({
      transport: z.discriminatedUnion('kind', [hidTransport, simulatedTransport]),
    })
    .optional(),
});

export const qrScannerSchema = z.strictObject({
  /**
   * "serial": CR/LF-terminated scans over a serial port. "hid-pos": USB HID point-of-sale reports
   * (usage page 0x8C). Keyboard-emulation mode is not supported: switch the scanner out of it.
   */
  mode: z.enum(['serial', 'hid-pos']).default('serial'),
  transport: transportSchema.default({ kind: 'simulated' }),
});

export const devicesSchema = z
  .strictObject({
    idCardReader: idCardReaderSchema.default(idCardReaderSchema.parse({})),
    receiptPrinter: printerSchema.default(printerSchema.parse({})),
    ticketDispenser: ticketDispenserSchema.default(ticketDispenserSchema.parse({})),
    /** Absent: the terminal has no scanner. */
    qrScanner: qrScannerSchema.optional(),
    /** How often printers and the scanner are checked, so an unplugged device is back within 2 s. */
    statusPollIntervalMs: z.number().int().min(100).max(2000).default(1000),
  })
  .superRefine((devices, ctx) => {
    const allowed: Record<string, readonly string[]> = {
      idCardReader: ['serial', 'hid', 'simulated'],
      receiptPrinter: ['serial', 'tcp', 'usb-printer', 'simulated'],
    };
    const check = (path: (string | number)[], kind: string, kinds: readonly string[]): void => {
      if (!kinds.includes(kind)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'kind'],
          message: `one of ${kinds.map((k) => `"${k}"`).join(', ')} for this device, not "${kind}"`,
        });
      }
    };
    check(['idCardReader', 'transport'], devices.idCardReader.transport.kind, allowed.idCardReader!);
    check(['receiptPrinter', 'transport'], devices.receiptPrinter.transport.kind, allowed.receiptPrinter!);
    if (devices.ticketDispenser.printer === 'own') {
      check(
        ['ticketDispenser', 'transport'],
        devices.ticketDispenser.transport.kind,
        allowed.receiptPrinter!,
      );
    }
    if (devices.qrScanner) {
      const kinds = devices.qrScanner.mode === 'serial' ? ['serial', 'simulated'] : ['hid', 'simulated'];
      check(['qrScanner', 'transport'], devices.qrScanner.transport.kind, kinds);
    }
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

/** What `scrypt$N$r$p$salt$hash` PIN hashes look like (salt and hash in base64). */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

/** Maintenance mode for field staff: the PIN (only as a slow hash), lock-out and idle exit. */
export const maintenanceSchema = z.strictObject({
  /** Set with `npm run kiosk-config -- set-pin`. Absent: maintenance mode cannot be entered. */
  pinHash: z
    .string()
    .regex(PIN_HASH_PATTERN, 'a PIN hash made by "npm run kiosk-config -- set-pin" (scrypt$N$r$p$salt$hash)')
    .optional(),
  lockout: z
    .strictObject({
      /** Wrong PINs allowed in a row before the entry locks. */
      freeAttempts: z.number().int().min(1).max(20).default(5),
      /** The first lock-out; each further wrong PIN doubles it, up to maxSeconds. */
      baseSeconds: z.number().int().min(5).max(3600).default(30),
      maxSeconds: z.number().int().min(5).max(86_400).default(3600),
    })
    .default({ freeAttempts: 5, baseSeconds: 30, maxSeconds: 3600 }),
  /** Seconds without a touch after which maintenance mode closes by itself. */
  idleExitSeconds: z.number().int().min(30).max(1800).default(120),
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
        /** Printed as a QR code on each application receipt, with the case number, to follow the case. */
        caseFollowUrl: z.url().default('https://zwfw.example.gov.cn/case'),
      })
      .default({
        id: 'HALL-CITY-01',
        name: '市民服务中心',
        queueFollowUrl: 'https://zwfw.example.gov.cn/q',
        caseFollowUrl: 'https://zwfw.example.gov.cn/case',
      }),
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
        retentionHours: z
          .number()
          .min(0)
          .max(24 * 30)
          .default(24),
      })
      .default({ keyFile: '.kiosk-keys/store.key', retentionHours: 24 }),
    /** Where the kiosk keeps its SQLite store; relative paths are taken from the working directory. */
    dataDir: z.string().min(1).default('.kiosk-data'),
    maintenance: maintenanceSchema.default(maintenanceSchema.parse({})),
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
  const d = cfg.devices;
  return (
    d.idCardReader.transport.kind === 'simulated' &&
    d.receiptPrinter.transport.kind === 'simulated' &&
    (d.ticketDispenser.printer === 'shared' || d.ticketDispenser.transport.kind === 'simulated') &&
    (d.ticketDispenser.buttonPanel?.transport.kind ?? 'simulated') === 'simulated' &&
    (d.qrScanner?.transport.kind ?? 'simulated') === 'simulated'
  );
}
