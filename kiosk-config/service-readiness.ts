import { ENROL_EXPECTATION, hasDeviceToken, type FieldProblem } from './load-config';
import { DEV_CITIZEN_REF_KEY, DEV_DEVICE_TOKEN, type KioskConfig, type TransportConfig } from './schema';

/**
 * What a valid configuration still lacks to serve citizens. Refusals: a remote central in service
 * never accepts the development credentials (the kiosk would start and every call would fail, or
 * worse, citizens' references would be digested with a public key). Warnings: things that run but
 * are probably not what the hall wants.
 */
export interface ServiceReadiness {
  refusals: FieldProblem[];
  warnings: string[];
}

/** The devices of a configuration with their transports, by the names the kiosk reports them under. */
export function configuredDevices(config: KioskConfig): { device: string; transport: TransportConfig }[] {
  const d = config.devices;
  return [
    { device: 'idCardReader', transport: d.idCardReader.transport },
    { device: 'receiptPrinter', transport: d.receiptPrinter.transport },
    ...(d.ticketDispenser.printer === 'own'
      ? [{ device: 'ticketPrinter', transport: d.ticketDispenser.transport }]
      : []),
    ...(d.ticketDispenser.buttonPanel
      ? [{ device: 'buttonPanel', transport: d.ticketDispenser.buttonPanel.transport }]
      : []),
    ...(d.qrScanner ? [{ device: 'qrScanner', transport: d.qrScanner.transport }] : []),
  ];
}

/** Where each device is in the file, for messages that name the field to edit. */
const DEVICE_FIELD: Record<string, string> = {
  idCardReader: 'devices.idCardReader.transport',
  receiptPrinter: 'devices.receiptPrinter.transport',
  ticketPrinter: 'devices.ticketDispenser.transport',
  buttonPanel: 'devices.ticketDispenser.buttonPanel.transport',
  qrScanner: 'devices.qrScanner.transport',
};

/** The names of the devices a configuration simulates. */
export function simulatedDevices(config: KioskConfig): string[] {
  return configuredDevices(config)
    .filter((d) => d.transport.kind === 'simulated')
    .map((d) => d.device);
}

/**
 * A documentation host (RFC 2606: example.com, example.org, ..., and *.example.* such as the
 * defaults' zwfw.example.gov.cn): no citizen's phone finds a page there.
 */
export function isPlaceholderHost(hostname: string): boolean {
  const labels = hostname.toLowerCase().split('.');
  return labels.includes('example') || labels[labels.length - 1] === 'example';
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export function serviceReadiness(raw: unknown, config: KioskConfig): ServiceReadiness {
  const refusals: FieldProblem[] = [];
  const warnings: string[] = [];
  const central = config.central;
  if (central.mode === 'remote') {
    const rawCentral = ((raw as { central?: Record<string, unknown> } | null)?.central ?? {}) as Record<
      string,
      unknown
    >;
    if (!hasDeviceToken(raw)) {
      refusals.push({ field: 'central.deviceToken', got: 'nothing', expected: ENROL_EXPECTATION });
    } else if (central.deviceToken === DEV_DEVICE_TOKEN) {
      refusals.push({
        field: 'central.deviceToken',
        got: `the public development token "${DEV_DEVICE_TOKEN}"`,
        expected: ENROL_EXPECTATION,
      });
    }
    const keyExpected =
      'the region\'s citizen reference key that "kiosk-config enrol" writes (the development key is public: anyone could match citizens\' references with it)';
    if (!('citizenRefKey' in rawCentral)) {
      refusals.push({ field: 'central.citizenRefKey', got: 'nothing', expected: keyExpected });
    } else if (central.citizenRefKey === DEV_CITIZEN_REF_KEY) {
      refusals.push({
        field: 'central.citizenRefKey',
        got: `the public development key "${DEV_CITIZEN_REF_KEY}"`,
        expected: keyExpected,
      });
    }
    for (const device of simulatedDevices(config)) {
      warnings.push(
        `${DEVICE_FIELD[device] ?? device} is simulated, with a remote central: citizens would be served by a device that does not exist. Put the real device in the file ("kiosk-config devices" lists them).`,
      );
    }
  }
  for (const field of ['queueFollowUrl', 'caseFollowUrl'] as const) {
    const url = config.hall[field];
    const host = hostOf(url);
    if (host !== undefined && isPlaceholderHost(host)) {
      warnings.push(
        `hall.${field} is the placeholder ${url}: it is printed as a QR code that citizens' phones cannot open. Put the hall's real address in the file.`,
      );
    }
  }
  return { refusals, warnings };
}
