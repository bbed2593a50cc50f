import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseRequest, STAFF, startWithStaff } from '../../central/cases/test-support';
import { TOKEN } from '../../central/test-support';
import type { KioskEvent } from '../../electron/backend/api/contract';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createMemoryLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let central: Awaited<ReturnType<typeof startWithStaff>> | undefined;
afterEach(async () => {
  await kiosk?.close();
  await central?.close();
});

const post = (
  baseUrl: string,
  path: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe("the central's live events reach the kiosk", () => {
  it('pokes the kiosk when a counter acts on a case, with no personal data, and pulls after (re)connecting', async () => {
    central = await startWithStaff();
    const logger = createMemoryLogger();
    kiosk = await startKiosk(
      parseConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'kiosk-live-')),
        terminalId: 'KIOSK-01',
        central: { mode: 'remote', baseUrl: central.baseUrl, deviceToken: TOKEN },
      }),
      { logger },
    );
    await vi.waitFor(() =>
      expect(logger.lines.some((l) => l.includes('"event":"central.events-open"'))).toBe(true),
    );
    const seen: KioskEvent[] = [];
    kiosk.onEvent((e) => seen.push(e));

    const submitted = await post(central.baseUrl, '/v1/cases', TOKEN, caseRequest(), {
      'idempotency-key': 'live-case-0001',
    });
    expect(submitted.status, await submitted.clone().text()).toBe(201);
    const { case: created } = (await submitted.json()) as { case: { caseId: string; caseNumber: string } };
    const passed = await post(
      central.baseUrl,
      `/v1/staff/cases/${created.caseId}/pre-review-pass`,
      STAFF.window,
      {},
    );
    expect(passed.status).toBe(200);

    await vi.waitFor(() =>
      expect(seen).toContainEqual({
        type: 'case-changed',
        caseNumber: created.caseNumber,
        status: 'pre-review-passed',
      }),
    );
    const logs = logger.lines.join('\n');
    expect(logs).toContain('"event":"central.case-changed"');
    expect(logs).not.toContain('张三丰');
  });
});
