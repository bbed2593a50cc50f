import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseRequest, http, STAFF, startWithStaff } from '../../central/cases/test-support';
import { TOKEN } from '../../central/test-support';
import type { KioskEvent } from '../../electron/backend/api/contract';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let central: Awaited<ReturnType<typeof startWithStaff>> | undefined;
afterEach(async () => {
  await kiosk?.close();
  await central?.close();
});

describe("the central's live events reach the kiosk", () => {
  it('pokes the kiosk when a counter acts on a case, with no personal data, and pulls after (re)connecting', async () => {
    central = await startWithStaff();
    const logger = createTestLogger();
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

    const api = http(central.baseUrl);
    const submitted = await api.post('/v1/cases', caseRequest(), TOKEN, {
      'idempotency-key': 'live-case-0001',
    });
    expect(submitted.status, submitted.text).toBe(201);
    const created = submitted.json.case as { caseId: string; caseNumber: string };
    const passed = await api.post(`/v1/staff/cases/${created.caseId}/pre-review-pass`, {}, STAFF.window);
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
