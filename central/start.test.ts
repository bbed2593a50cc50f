import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../domain/clock';
import { runAdminCli } from './admin-cli';
import { citizenRefKeyAt } from './db/settings';
import { startCentral } from './start';

describe('startCentral', () => {
  it('listens on a free loopback port and closes cleanly', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'central-start-')), 'central.db');
    const central = await startCentral({ dbPath, port: 0, deviceTokens: ['embedded-token-1'] });
    try {
      expect(central.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${central.baseUrl}/v1/health`);
      expect(await health.json()).toMatchObject({ ok: true });
      const categories = await fetch(`${central.baseUrl}/v1/halls/HALL-SC-01/queue-categories`, {
        headers: { authorization: 'Bearer embedded-token-1' },
      });
      expect(categories.status).toBe(200);
    } finally {
      await central.close();
    }
    await expect(fetch(`${central.baseUrl}/v1/health`)).rejects.toThrow();
  });
});

describe('startCentral with the stored citizen-reference key', () => {
  it('hands enrolled kiosks the key kept in the database, as the standalone central does', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'central-start-')), 'central.db');
    const expected = citizenRefKeyAt(dbPath, {}, Date.now()).key;
    const out: string[] = [];
    expect(
      runAdminCli(['codes', 'issue', '--terminal', 'KIOSK-SC-017', '--hall', 'HALL-SC-01', '--json'], {
        out: (t) => out.push(t),
        err: () => undefined,
        env: { CENTRAL_DB: dbPath },
        clock: systemClock,
      }),
    ).toBe(0);
    const { code } = JSON.parse(out.join('')) as { code: string };
    const central = await startCentral({
      dbPath,
      port: 0,
      deviceTokens: ['embedded-token-1'],
      storedCitizenRefKey: true,
      env: {},
    });
    try {
      const res = await fetch(`${central.baseUrl}/v1/kiosks/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId: 'KIOSK-SC-017', code }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { citizenRefKey?: string }).citizenRefKey).toBe(expected);
    } finally {
      await central.close();
    }
  });
});
