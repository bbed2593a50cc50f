import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openCentralDatabase } from '../../central/db/database';
import { StaffStore } from '../../central/staff/store';
import { systemClock, type Clock } from '../../domain/clock';
import { idCheckCharacter } from '../../domain/id-number';
import { hallDate, hallInstant } from '../../domain/hall-time';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger, type KioskLogger } from '../../electron/backend/logging/logger';
import { hashPin } from '../../electron/backend/maintenance/pin-hash';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from './chromium';
import { devApi, type DevApi } from './dev-api';

/**
 * The browser host for walking every screen: simulated reader, printer and scanner, the embedded
 * central with cases for one citizen (so pay, rate and progress have something to show), and a
 * maintenance PIN. It does not import vitest, so the screenshot script and the benches use it too.
 */

/** The maintenance PIN of the tour's terminal. */
export const TOUR_PIN = '20261125';

/** Approved cases with a fee for each citizen who pays and rates: one to pay, one to rate. */
const SEEDED_CASES = 2;

/** A card as POST /api/dev/card takes it. */
export interface CardBody {
  name: string;
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export interface TourHost {
  host: BrowserHost;
  browser: Browser;
  dev: DevApi;
  /** A new citizen's card each call: one active ticket per card and category, so never reuse. */
  newCitizen(birthDate?: string): CardBody;
  /**
   * A new citizen with approved cases that carry a fee at the central (orders to pay, cases to
   * rate and follow), as staff would have taken them through 一窗收件 → 按责转办 → 审批.
   */
  newPayer(): Promise<CardBody>;
  close(): Promise<void>;
}

/**
 * The real clock moved to `hhmm` hall time today, so appointment slots of "today" are still open
 * whenever the tests run; timers stay real.
 */
export function hallClockAt(hhmm: string): Clock {
  const offset = hallInstant(hallDate(Date.now()), hhmm) - Date.now();
  return { ...systemClock, now: () => Date.now() + offset };
}

/** A valid resident ID number, different for every `n` below 1,000,000. */
export function citizenIdNumber(n: number, birthDate = '1980-01-01'): string {
  const year = Number(birthDate.slice(0, 4)) - Math.floor(n / 1000);
  const first17 = `330106${year}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export interface TourHostOptions {
  logger?: KioskLogger;
  /** The reader's poll interval: the tour and the benches want a card noticed quickly. */
  cardPollMs?: number;
  /** Another renderer build than dist/renderer (the benches use a production build). */
  rendererDir?: string;
}

export async function startTourHost(options: TourHostOptions = {}): Promise<TourHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-tour-'));
  const config = parseConfig({
    dataDir,
    store: { keyFile: join(dataDir, 'keys', 'store.key') },
    browserHost: { port: 0 },
    devices: { idCardReader: { pollIntervalMs: options.cardPollMs ?? 50 }, qrScanner: {} },
    maintenance: { pinHash: await hashPin(TOUR_PIN) },
  });
  const logger = options.logger ?? createTestLogger();
  const host = await startBrowserHost(config, {
    logger,
    clock: hallClockAt('09:05'),
    rendererDir: options.rendererDir,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    let citizens = 0;
    const newCitizen = (birthDate = '1980-01-01'): CardBody => ({
      name: '张三丰',
      idNumber: citizenIdNumber(++citizens, birthDate),
      birthDate,
      gender: 'male',
    });
    const seed = await centralSeeder(host, dataDir);
    let payers = 0;
    const newPayer = async (): Promise<CardBody> => {
      const card: CardBody = {
        name: '李秀英',
        idNumber: citizenIdNumber(500 + ++payers, '1975-06-15'),
        birthDate: '1975-06-15',
        gender: 'female',
      };
      await seed(card, SEEDED_CASES);
      return card;
    };
    const opened = browser;
    return {
      host,
      browser: opened,
      dev: devApi(host),
      newCitizen,
      newPayer,
      close: async () => {
        await opened.close();
        await host.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** The path of an approved case from the central's staff API (一窗收件 → 按责转办 → 审批). */
const TO_APPROVED = ['pre-review-pass', 'take-in', 'route', 'approve'] as const;

/**
 * Returns a function that submits cases of 二手房转移登记 (a fee of ¥80) for a citizen, as a kiosk
 * would, and has a manager take each to 'approved': payable and rateable.
 */
async function centralSeeder(host: BrowserHost, dataDir: string) {
  const { config, centralBaseUrl } = host.kiosk;
  // Staff are provisioned in the central's own database, as `central:demo staff-token` does.
  const db = openCentralDatabase(join(dataDir, 'central.db'));
  let managerToken: string;
  try {
    managerToken = new StaffStore(db, Date.now).provision({
      staffId: 'TOUR-M1',
      displayName: '导览主任',
      role: 'manager',
      everyHall: true,
    });
  } finally {
    db.close();
  }
  const call = async (path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${centralBaseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding the central: POST ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as { case: { caseId: string } };
  };
  let sequence = 0;
  return async (citizen: CardBody, count: number): Promise<void> => {
    const citizenRef = createHmac('sha256', config.central.citizenRefKey)
      .update(`id:${citizen.idNumber}`)
      .digest('hex');
    for (let i = 0; i < count; i++) {
      sequence += 1;
      const submitted = await call(
        '/v1/cases',
        config.central.deviceToken,
        {
          hallId: config.hall.id,
          terminalId: config.terminalId,
          itemCode: 'QR01001001',
          citizenRef,
          applicant: { name: citizen.name, idNumber: citizen.idNumber, phone: '13800000000' },
          materials: [
            { code: 'SALE', via: 'upload' },
            { code: 'MARITAL', via: 'commitment' },
          ],
          delivery: 'window',
          // Far above the kiosk's own sequence numbers, which the central also sees.
          kioskSequence: 900_000 + sequence,
          requestedAt: new Date().toISOString(),
        },
        { 'idempotency-key': `tour-seed-${sequence}` },
      );
      for (const action of TO_APPROVED) {
        await call(`/v1/staff/cases/${submitted.case.caseId}/${action}`, managerToken, {});
      }
    }
  };
}
