import { posix } from 'node:path';
import { z } from 'zod';

// One schema for the whole terminal. Field staff edit a JSON file; every field has a default that
// runs the terminal fully simulated against the embedded central API on loopback.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 08:30');

/**
 * Loopback hosts: the only place a plain http:// central may be (development, the embedded central).
 * The URL parser has already normalised 127.1 or 0x7f.0.0.1 to dotted form by the time this runs.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * A URL the kiosk sends to or prints for citizens. "central": the device token and citizens'
 * personal data travel to it, so only https:// leaves the machine. "citizen": printed as a QR code
 * that citizens open on their phones, so https:// only. Credentials in a URL end up in logs,
 * printouts and proxies: never.
 */
function webUrl(use: 'central' | 'citizen', example: string) {
  return z.string().superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `an https:// URL, e.g. "${example}"` });
      return;
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'a URL without a user name or password in it' });
      return;
    }
    if (url.protocol === 'https:') return;
    if (use === 'central' && url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
    ctx.addIssue({
      code: 'custom',
      message:
        use === 'central'
          ? `an https:// URL, e.g. "${example}": the device token and citizens' data travel to it (plain http:// only to this machine, 127.0.0.1, ::1 or localhost, for development)`
          : `an https:// URL, e.g. "${example}": it is printed as a QR code that citizens open on their phones`,
    });
  });
}

/**
 * Folders that hold the operating system's own files. A key file or data folder there would let a
 * configuration edit overwrite or read system files (or stop the kiosk from starting at all).
 * /lib* covers lib, lib32, lib64, libx32.
 */
export const SYSTEM_FOLDERS = [
  '/etc',
  '/usr',
  '/bin',
  '/sbin',
  '/lib*',
  '/boot',
  '/proc',
  '/sys',
  '/dev',
  '/var/lib',
];
/** The kiosk's own folder under /var/lib (systemd's StateDirectory=kiosk, deploy/linux/kiosk.service). */
export const KIOSK_STATE_DIR = '/var/lib/kiosk';

/** The system folder an absolute POSIX path lies in (or is), or undefined when it is not a system path. */
export function systemFolderOf(absolutePath: string): string | undefined {
  const parts = posix.resolve(absolutePath).split('/').filter(Boolean);
  const [first, second, third] = parts;
  if (first === undefined) return '/';
  if (['etc', 'usr', 'bin', 'sbin', 'boot', 'proc', 'sys', 'dev'].includes(first)) return `/${first}`;
  if (first.startsWith('lib')) return `/${first}`;
  if (first === 'var' && second === 'lib' && third !== posix.basename(KIOSK_STATE_DIR)) return '/var/lib';
  return undefined;
}

/** A key file or data folder: never in a system folder (checked here when the path is absolute). */
function ownPath(what: 'file' | 'folder', example: string) {
  return z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      if (!posix.isAbsolute(text)) return; // relative paths are checked against the working directory at start
      const system = systemFolderOf(text);
      if (system) {
        ctx.addIssue({
          code: 'custom',
          message: `a ${what} of the kiosk's own, e.g. "${example}", not in the system folder ${system} (system files are never the kiosk's: ${SYSTEM_FOLDERS.join(', ')} except ${KIOSK_STATE_DIR})`,
        });
      }
    });
}

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

/**
 * The A4 printer for certificates (证明). "ipp": a CUPS queue on this machine (the usual case: CUPS
 * drives the printer through its vendor's driver) or an IPP Everywhere printer. A certificate carries
 * the holder's name, so plain ipp:// only to this machine; a printer on the network needs ipps://.
 */
const ippPrinterUri = z.string().superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'an IPP printer URI, e.g. "ipp://localhost:631/printers/kiosk-a4"',
    });
    return;
  }
  if (url.username !== '' || url.password !== '') {
    ctx.addIssue({ code: 'custom', message: 'a printer URI without a user name or password in it' });
  } else if (url.protocol === 'ipps:' || (url.protocol === 'ipp:' && isLoopbackHost(url.hostname))) {
    if (url.pathname.length < 2)
      ctx.addIssue({
        code: 'custom',
        message: "a printer URI with the queue's path, e.g. /printers/kiosk-a4",
      });
  } else {
    ctx.addIssue({
      code: 'custom',
      message: `ipp://localhost:631/printers/<queue> (CUPS on this machine) or ipps://<printer>/... for a network printer: certificates carry the holder's name, not "${url.protocol}//${url.host}"`,
    });
  }
});
export const a4PrinterSchema = z.strictObject({
  transport: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('ipp'), uri: ippPrinterUri }),
      simulatedTransport,
    ])
    .default({ kind: 'simulated' }),
});

/**
 * Which camera is the document camera (高拍仪), where the machine has more than one (a 一体机 often
 * has a face camera too): by the browser's device id, or by part of its label ("Document", "高拍仪").
 * Absent: the first camera the browser lists. The camera itself is opened by the renderer.
 */
export const documentCameraSchema = z
  .strictObject({
    deviceId: z.string().min(1).max(200).optional(),
    label: z.string().min(1).max(100).optional(),
  })
  .refine((c) => c.deviceId !== undefined || c.label !== undefined, {
    message: 'name the document camera by deviceId or by label, or leave documentCamera out',
  });

export const devicesSchema = z
  .strictObject({
    idCardReader: idCardReaderSchema.default(idCardReaderSchema.parse({})),
    receiptPrinter: printerSchema.default(printerSchema.parse({})),
    ticketDispenser: ticketDispenserSchema.default(ticketDispenserSchema.parse({})),
    /** Absent: the terminal has no scanner. */
    qrScanner: qrScannerSchema.optional(),
    /** Absent: the terminal has no A4 printer, and certificates are not offered. */
    a4Printer: a4PrinterSchema.optional(),
    /** Absent: the first camera the browser lists is the document camera. */
    documentCamera: documentCameraSchema.optional(),
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

/** The base URL of a remote central: https://, or http:// to loopback for development. */
export const centralBaseUrlSchema = webUrl('central', 'https://central.example.gov.cn');

/**
 * The development credentials every checkout of this repository knows. They let a kiosk talk to the
 * embedded central (and the demo central) out of the box; a remote central in service never accepts
 * them, and `kiosk-config validate` refuses them in remote mode.
 */
export const DEV_DEVICE_TOKEN = 'dev-terminal-token-0000';
export const DEV_CITIZEN_REF_KEY = 'dev-citizen-ref-key-0000';

export const centralSchema = z.strictObject({
  /** 'embedded' runs the reference central API inside the kiosk process on loopback. */
  mode: z.enum(['embedded', 'remote']).default('embedded'),
  /** Base URL of a remote central API, e.g. https://central.example.gov.cn. Required when mode is remote. */
  baseUrl: centralBaseUrlSchema.optional(),
  /** Device token issued at enrolment. */
  deviceToken: z.string().min(16).default(DEV_DEVICE_TOKEN),
  /**
   * Key of the digest by which the central tells citizens apart for queueing (one active ticket per
   * card) without receiving ID numbers. The same for every kiosk of a region; issued at enrolment.
   */
  citizenRefKey: z.string().min(16).default(DEV_CITIZEN_REF_KEY),
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

/**
 * The least a PIN hash may cost a guesser who has copied the configuration file. A 6-digit PIN has
 * only 10^6 values: at N = 2^14, r = 8 (16 MiB and tens of milliseconds per try) all of them take
 * hours on one machine; a cheaper hash would fall in minutes. A salt of 16 bytes keeps two kiosks
 * with the same PIN from sharing a hash (and precomputed tables useless); a 32-byte hash is what
 * set-pin writes.
 */
export const PIN_HASH_FLOOR = { N: 2 ** 14, r: 8, p: 1, saltBytes: 16, hashBytes: 32 } as const;
/**
 * The most: beyond this the kiosk refuses to run the hash at all (it would take seconds and gigabytes
 * per try), so a hash above it would lock field staff out of maintenance for good.
 */
export const PIN_HASH_CEILING = { N: 2 ** 20, r: 32, p: 16 } as const;

/** Why a PIN hash is outside the floor and ceiling, or undefined when it is within. Never quotes the hash. */
export function pinHashWeakness(stored: string): string | undefined {
  if (!PIN_HASH_PATTERN.test(stored)) return 'is not a PIN hash (scrypt$N$r$p$salt$hash)';
  const [, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const f = PIN_HASH_FLOOR;
  const c = PIN_HASH_CEILING;
  if (!Number.isInteger(Math.log2(N))) return 'has a scrypt N that is not a power of 2';
  if (N < f.N || R < f.r || P < f.p) return `is cheaper than the floor of N=${f.N}, r=${f.r}, p=${f.p}`;
  if (N > c.N || R > c.r || P > c.p) return `costs more than the ceiling of N=${c.N}, r=${c.r}, p=${c.p}`;
  if (Buffer.from(salt!, 'base64').length < f.saltBytes)
    return `has a salt shorter than ${f.saltBytes} bytes`;
  if (Buffer.from(hash!, 'base64').length < f.hashBytes)
    return `has a hash shorter than ${f.hashBytes} bytes`;
  return undefined;
}

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

/** Where this model's ID card reader sits, as the attract screen's drawing shows it. */
export const CARD_READER_POSITIONS = ['below-screen-right', 'below-screen-center', 'right-side'] as const;

/** The idle screen that invites a citizen in: where the card goes, and the app to get. */
export const attractSchema = z.strictObject({
  cardReaderPosition: z.enum(CARD_READER_POSITIONS).default('below-screen-right'),
  /** Shown as a QR code on the idle screen: where the city's government app is downloaded. */
  appQrUrl: webUrl('citizen', 'https://zwfw.example.gov.cn/app').default('https://zwfw.example.gov.cn/app'),
});

/**
 * Pages of materials captured with the document camera (高拍仪), kept sealed in the store until the
 * central has them. The budget bounds what pages may take of the kiosk's disk, offline included: a
 * full budget refuses a new page plainly and never drops one already queued.
 */
export const materialScansSchema = z
  .strictObject({
    /** Disk the sealed pages may take, in MB; about 200 pages of 1.5 MB by default. */
    diskBudgetMb: z.number().int().min(8).max(100_000).default(300),
    /** Largest processed page (JPEG) kept; page processing compresses to stay under it. */
    maxPageBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(8 * 1024 * 1024)
      .default(1_500_000),
    /** Bytes per upload request to the central; a break costs at most one chunk. */
    chunkBytes: z
      .number()
      .int()
      .min(16 * 1024)
      .max(512 * 1024)
      .default(256 * 1024),
  })
  .refine((m) => m.maxPageBytes * 2 <= m.diskBudgetMb * 1024 * 1024, {
    message: 'diskBudgetMb must hold at least two pages of maxPageBytes',
    path: ['diskBudgetMb'],
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
        queueFollowUrl: webUrl('citizen', 'https://zwfw.example.gov.cn/q').default(
          'https://zwfw.example.gov.cn/q',
        ),
        /** Printed as a QR code on each application receipt, with the case number, to follow the case. */
        caseFollowUrl: webUrl('citizen', 'https://zwfw.example.gov.cn/case').default(
          'https://zwfw.example.gov.cn/case',
        ),
        /** Where this kiosk stands in the hall (位置), e.g. 一楼大厅 3 号机: staff answering a call walk there. */
        placement: z.string().trim().min(1).max(60).optional(),
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
    attract: attractSchema.default(attractSchema.parse({})),
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
        keyFile: ownPath('file', '/var/lib/kiosk/keys/store.key').default('.kiosk-keys/store.key'),
        /** Hours an acknowledged action's payload is kept before it is purged. */
        retentionHours: z
          .number()
          .min(0)
          .max(24 * 30)
          .default(24),
      })
      .default({ keyFile: '.kiosk-keys/store.key', retentionHours: 24 }),
    materialScans: materialScansSchema.default(materialScansSchema.parse({})),
    /** Where the kiosk keeps its SQLite store; relative paths are taken from the working directory. */
    dataDir: ownPath('folder', '/var/lib/kiosk/data').default('.kiosk-data'),
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
    // Here rather than in maintenanceSchema: the floor is a rule of a configuration a kiosk runs
    // with (start and the maintenance editor both parse the whole file).
    const weakness =
      cfg.maintenance.pinHash === undefined ? undefined : pinHashWeakness(cfg.maintenance.pinHash);
    if (weakness) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', 'pinHash'],
        message: `a PIN hash made by "npm run kiosk-config -- set-pin" (this one ${weakness})`,
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
    (d.qrScanner?.transport.kind ?? 'simulated') === 'simulated' &&
    (d.a4Printer?.transport.kind ?? 'simulated') === 'simulated'
  );
}
