// Helpers shared by the catalogue, cases, events and staff tests (not a test file itself).
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { idCheckCharacter } from '../../domain/id-number';
import { openCentralDatabase } from '../db/database';
import { startCentral } from '../start';
import { StaffStore } from '../staff/store';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';
import type { SubmitCaseRequest } from './contract';

export const STAFF = {
  window: 'staff-window-token-0000000001',
  windowSc: 'staff-window-sc-token-000000001',
  approverGt: 'staff-approver-gt-token-00000001',
  approverMz: 'staff-approver-mz-token-00000001',
  /** A city-level manager: every hall. */
  manager: 'staff-manager-token-000000000001',
  /** A manager of the Shangcheng hall only. */
  managerSc: 'staff-manager-sc-token-00000000001',
} as const;

const CITIZEN_REF_KEY = 'test-citizen-ref-key';

/** The kiosk's keyed digest of an ID number (as electron/backend/session/citizen-session.ts computes it). */
export function refOf(idNumber: string): string {
  return createHmac('sha256', CITIZEN_REF_KEY).update(`id:${idNumber}`).digest('hex');
}

/** A valid 18-character resident ID number from a seed number. */
export function idNumber(n: number): string {
  const first17 = `33010619800101${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'central-cases-')), 'central.db');
}

/**
 * Puts the STAFF members (the tokens above) into the central database at `dbPath`, before a
 * central is started on it; staff are found only by token, so the ones a test does not use are inert.
 */
export function provisionStaff(dbPath: string, now: () => number): void {
  const db = openCentralDatabase(dbPath);
  const staff = new StaffStore(db, now);
  staff.provision({
    staffId: 'W001',
    displayName: '王窗口',
    role: 'window',
    hallId: 'HALL-CITY-01',
    token: STAFF.window,
  });
  staff.provision({
    staffId: 'W101',
    displayName: '上城窗口',
    role: 'window',
    hallId: 'HALL-SC-01',
    token: STAFF.windowSc,
  });
  staff.provision({
    staffId: 'A001',
    displayName: '规资审批',
    role: 'approver',
    departmentId: '330100-GT',
    token: STAFF.approverGt,
  });
  staff.provision({
    staffId: 'A002',
    displayName: '民政审批',
    role: 'approver',
    departmentId: '330100-MZ',
    token: STAFF.approverMz,
  });
  staff.provision({
    staffId: 'M001',
    displayName: '李主任',
    role: 'manager',
    everyHall: true,
    token: STAFF.manager,
  });
  staff.provision({
    staffId: 'M101',
    displayName: '上城值班长',
    role: 'manager',
    hallId: 'HALL-SC-01',
    token: STAFF.managerSc,
  });
  db.close();
}

/** Starts the real server on a loopback port with staff provisioned in its database. */
export async function startWithStaff(options: { clock?: ManualClock; dbPath?: string } = {}) {
  const clock = options.clock ?? new ManualClock(NINE_AM_SHANGHAI);
  const dbPath = options.dbPath ?? tempDbPath();
  provisionStaff(dbPath, () => clock.now());
  const central = await startCentral({ dbPath, port: 0, deviceTokens: [TOKEN], clock });
  return { ...central, clock, dbPath };
}

export type Http = ReturnType<typeof http>;

/** Minimal JSON client of the running server. */
export function http(baseUrl: string) {
  const call = async (method: string, path: string, token: string | null, body?: unknown, headers = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, json: json as any, text };
  };
  return {
    call,
    get: (path: string, token: string | null = TOKEN, headers = {}) =>
      call('GET', path, token, undefined, headers),
    post: (path: string, body: unknown, token: string | null = TOKEN, headers = {}) =>
      call('POST', path, token, body, headers),
    patch: (path: string, body: unknown, token: string | null = TOKEN) => call('PATCH', path, token, body),
    put: (path: string, body: unknown, token: string | null = TOKEN) => call('PUT', path, token, body),
  };
}

let seq = 0;
/** A valid submission of 二手房转移登记 (QR01001001) from the city hall kiosk. */
export function caseRequest(overrides: Partial<SubmitCaseRequest> = {}, person = 1): SubmitCaseRequest {
  seq += 1;
  const id = idNumber(person);
  return {
    hallId: 'HALL-CITY-01',
    terminalId: 'KIOSK-01',
    itemCode: 'QR01001001',
    citizenRef: refOf(id),
    applicant: { name: '张三丰', idNumber: id, phone: '13800000000' },
    materials: [
      { code: 'SALE', via: 'upload' },
      { code: 'MARITAL', via: 'commitment' },
    ],
    delivery: 'window',
    kioskSequence: seq,
    requestedAt: '2026-11-25T01:00:00.000Z',
    ...overrides,
  };
}

export function submit(
  client: Http,
  body: unknown,
  key = `case-key-${Math.random().toString(36).slice(2, 12)}`,
) {
  return client.post('/v1/cases', body, TOKEN, { 'idempotency-key': key });
}

/** An object that stands for one made later (in beforeAll), read through at each use. */
function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      const value = current();
      if (value === undefined) throw new Error(`${what} is only there once beforeAll has run`);
      return value[key as keyof T];
    },
  });
}

/**
 * One real server with staff for a whole test file: started before its first test, closed after
 * its last. `central` and `api` may be used in tests (not at the file's top level).
 */
export function useCentralWithStaff(options: Parameters<typeof startWithStaff>[0] = {}): {
  central: Awaited<ReturnType<typeof startWithStaff>>;
  api: Http;
} {
  let central: Awaited<ReturnType<typeof startWithStaff>> | undefined;
  let api: Http | undefined;
  beforeAll(async () => {
    central = await startWithStaff(options);
    api = http(central.baseUrl);
  });
  afterAll(async () => {
    await central?.close();
  });
  return { central: lateBound(() => central, 'the central'), api: lateBound(() => api, 'the API client') };
}
