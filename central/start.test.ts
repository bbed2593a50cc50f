import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
