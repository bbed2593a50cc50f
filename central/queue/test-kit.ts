// Helpers shared by the counter-side tests (queue, appointments, payments, evaluations, kiosks).
// Not a test file itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { buildCentralApp, type CentralAppOptions } from '../app';
import { openCentralDatabase } from '../db/database';
import { StaffStore } from '../staff/store';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';

export const WINDOW_TOKEN = 'test-window-staff-token-0001';
export const MANAGER_TOKEN = 'test-manager-staff-token-001';
export const APPROVER_TOKEN = 'test-approver-staff-token-01';
/** A city-level manager (every hall): fleet-wide configuration. */
export const CITY_MANAGER_TOKEN = 'test-city-manager-staff-token-01';
/** Staff of the other seeded hall, for the hall-confinement tests. */
export const SC_WINDOW_TOKEN = 'test-sc-window-staff-token-01';
export const SC_MANAGER_TOKEN = 'test-sc-manager-staff-token-1';
export const device = { authorization: `Bearer ${TOKEN}` };
export const windowStaff = { authorization: `Bearer ${WINDOW_TOKEN}` };
export const manager = { authorization: `Bearer ${MANAGER_TOKEN}` };
export const approver = { authorization: `Bearer ${APPROVER_TOKEN}` };
export const cityManager = { authorization: `Bearer ${CITY_MANAGER_TOKEN}` };
export const scWindowStaff = { authorization: `Bearer ${SC_WINDOW_TOKEN}` };
export const scManager = { authorization: `Bearer ${SC_MANAGER_TOKEN}` };

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'central-counter-')), 'central.db');
}

/**
 * A central on a temporary file database with a window clerk, a manager and an approver
 * provisioned (staff tokens are created by central/staff/, here through its store).
 */
export async function makeCounterApp(
  options: { clock?: ManualClock; dbPath?: string } & Partial<
    Omit<CentralAppOptions, 'clock' | 'dbPath'>
  > = {},
): Promise<{ app: FastifyInstance; clock: ManualClock; dbPath: string }> {
  const clock = options.clock ?? new ManualClock(NINE_AM_SHANGHAI);
  const dbPath = options.dbPath ?? tempDbPath();
  const db = openCentralDatabase(dbPath);
  const staff = new StaffStore(db, () => clock.now());
  staff.provision({
    staffId: 'W-001',
    displayName: '窗口一',
    role: 'window',
    hallId: 'HALL-CITY-01',
    token: WINDOW_TOKEN,
  });
  staff.provision({
    staffId: 'M-001',
    displayName: '值班长',
    role: 'manager',
    hallId: 'HALL-CITY-01',
    token: MANAGER_TOKEN,
  });
  staff.provision({
    staffId: 'M-000',
    displayName: '市级主任',
    role: 'manager',
    everyHall: true,
    token: CITY_MANAGER_TOKEN,
  });
  staff.provision({
    staffId: 'W-101',
    displayName: '上城窗口',
    role: 'window',
    hallId: 'HALL-SC-01',
    token: SC_WINDOW_TOKEN,
  });
  staff.provision({
    staffId: 'M-101',
    displayName: '上城值班长',
    role: 'manager',
    hallId: 'HALL-SC-01',
    token: SC_MANAGER_TOKEN,
  });
  staff.provision({
    staffId: 'P-001',
    displayName: '审批',
    role: 'approver',
    departmentId: 'DEPT-TEST',
    token: APPROVER_TOKEN,
  });
  db.close();
  const app = await buildCentralApp({ deviceTokens: [TOKEN], ...options, dbPath, clock });
  return { app, clock, dbPath };
}

/** Enrols a kiosk in a hall (through the manager's code, as in the field); answers its bearer header. */
export async function enrolKiosk(
  app: FastifyInstance,
  terminalId: string,
  hallId: string,
): Promise<{ authorization: string }> {
  const code = await app.inject({
    method: 'POST',
    url: '/v1/kiosks/enrolment-codes',
    headers: cityManager,
    payload: { terminalId, hallId },
  });
  if (code.statusCode !== 201) throw new Error(`enrolment code: ${code.body}`);
  const enrolled = await app.inject({
    method: 'POST',
    url: '/v1/kiosks/enrol',
    payload: { terminalId, code: code.json().code },
  });
  if (enrolled.statusCode !== 201) throw new Error(`enrolment: ${enrolled.body}`);
  return { authorization: `Bearer ${enrolled.json().deviceToken}` };
}
