// Helpers shared by the central tests (not a test file itself).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../domain/clock';
import { buildCentralApp } from './app';
import type { IssueTicketRequest } from './contract';

export const TOKEN = 'test-device-token-1234';
export const auth = { authorization: `Bearer ${TOKEN}` };
/** 2026-11-25 09:00 in Asia/Shanghai. */
export const NINE_AM_SHANGHAI = Date.UTC(2026, 10, 25, 1, 0, 0);

export async function makeApp(options: { dbPath?: string; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(NINE_AM_SHANGHAI);
  const app = await buildCentralApp({ dbPath: options.dbPath ?? ':memory:', clock, deviceTokens: [TOKEN] });
  return { app, clock };
}

export function citizenRef(seed: string): string {
  return createHash('sha256').update(`citizen:${seed}`).digest('hex');
}

let sequence = 0;
export function ticketRequest(overrides: Partial<IssueTicketRequest> = {}): IssueTicketRequest {
  sequence += 1;
  return {
    hallId: 'HALL-CITY-01',
    category: 'A',
    terminalId: 'KIOSK-01',
    citizenRef: citizenRef(`c${sequence}`),
    priority: 'normal',
    kioskSequence: sequence,
    requestedAt: '2026-11-25T01:00:00.000Z',
    ...overrides,
  };
}

export function issue(
  app: FastifyInstance,
  body: unknown,
  key = `key-${Math.random().toString(36).slice(2, 12)}`,
) {
  return app.inject({
    method: 'POST',
    url: '/v1/queue/tickets',
    headers: { ...auth, 'idempotency-key': key },
    payload: body as object,
  });
}
